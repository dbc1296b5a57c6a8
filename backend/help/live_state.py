"""The live view's state for the worker: what the kiosk shows and whether it is still there."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.codes import code_label
from backend.help import liveness, sessions
from backend.help.models import HelpScreenVisit, HelpSession
from backend.help.store import HelpStore

# The worker is warned this long before the kiosk's time limit (the senior is too).
WARN_BEFORE_S = 120


def _age_s(now: dt.datetime, then: dt.datetime | None) -> float | None:
    return None if then is None else round(max(0.0, (now - then).total_seconds()), 1)


def screens(db: Session, session_id: str) -> list[dict]:
    visits = db.scalars(
        select(HelpScreenVisit)
        .where(HelpScreenVisit.help_session_id == session_id)
        .order_by(HelpScreenVisit.id)
    ).all()
    return [{"at": v.at.strftime("%H:%M:%S"), "title": v.title} for v in visits]


def picture_age_s(live, status: dict, now: dt.datetime) -> float | None:
    """How old the picture is: a heartbeat saying the last frame is still what the kiosk
    shows renews it (publish on change, so a still screen sends no frames)."""
    if not live.frame_seq:
        return None
    current = live.seen_at if status.get("picture_current", True) else None
    return _age_s(now, max(t for t in (live.frame_at, current) if t is not None))


def state(db: Session, store: HelpStore, row: HelpSession, now: dt.datetime) -> dict:
    live, status = store.view(row.id), store.status(row.id)
    remaining = status.get("remaining_s")
    connected = liveness.connected(row, live, now)
    return {
        "frame_seq": live.frame_seq,
        "status_seq": live.status_seq,
        "screen_id": live.screen_id,
        "consented": live.consented,
        "state": code_label(sessions.STATES, sessions.state_of(row, now)),
        "end_reason": sessions.end_reason(row),
        "connected": connected,
        "connection": "已连接" if connected else "连接中断",
        "seen_ago_s": _age_s(now, liveness.last_sign(row, live)),
        "picture_age_s": picture_age_s(live, status, now),
        "screen_title": status.get("screen_title") or "",
        "step": status.get("step") or "",
        "actions": status.get("actions") or [],
        "remaining_s": remaining,
        "warning": remaining is not None and remaining <= WARN_BEFORE_S,
        "extended": bool(status.get("extended")),
        "ring_seq": status.get("ring_seq", 0),
        "events_seen": status.get("events_seen", 0),
        "screens": screens(db, row.id),
    }
