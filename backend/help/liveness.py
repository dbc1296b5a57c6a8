"""Is the kiosk still there? Its heartbeat (every second on the help channel, also a frame)
says so. After OFFLINE_AFTER without one the console shows 连接中断 and pointing and hints are
refused; after LOST_AFTER the backend ends the session as "lost" (dated at that moment, so
the audit is right whenever the check runs). The check runs whenever a console or the queue
asks, and when a kiosk opens a session: nothing needs a timer of its own.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.context import AppContext
from backend.errors import ApiError
from backend.help.models import HelpAudit, HelpScreenVisit, HelpSession
from backend.help.sessions import MAX_SESSION, audit_row, end_now, is_over, view
from backend.help.store import HelpStore, LiveView

OFFLINE_AFTER = dt.timedelta(seconds=3)  # three missed heartbeats
LOST_AFTER = dt.timedelta(seconds=60)


def last_sign(row: HelpSession, live: LiveView) -> dt.datetime:
    """The kiosk's last heartbeat or frame (its opening, before either)."""
    return max(t for t in (live.seen_at, live.frame_at, row.created_at) if t is not None)


def connected(row: HelpSession, live: LiveView, now: dt.datetime) -> bool:
    return now - last_sign(row, live) <= OFFLINE_AFTER


def end_if_silent(db: Session, store: HelpStore, row: HelpSession, now: dt.datetime) -> bool:
    """End (uncommitted) a session whose kiosk has been silent for LOST_AFTER."""
    if row.ended_at is not None:
        return False
    silent_since = last_sign(row, store.view(row.id))
    if now - silent_since < LOST_AFTER:
        return False
    end_now(db, store, row, silent_since + LOST_AFTER, "lost")
    return True


def sweep(db: Session, ctx: AppContext, store: HelpStore) -> list[HelpSession]:
    """End every silent open session; returns the open ones left."""
    now = ctx.clock.now()
    open_rows = db.scalars(
        select(HelpSession).where(
            HelpSession.ended_at.is_(None), HelpSession.created_at > now - MAX_SESSION
        )
    ).all()
    left = [row for row in open_rows if not end_if_silent(db, store, row, now)]
    if len(left) != len(open_rows):
        db.commit()
    return left


def record_status(
    store: HelpStore, row: HelpSession, status: dict, now: dt.datetime
) -> list[HelpScreenVisit | HelpAudit]:
    """Keep the kiosk's status; returns the rows it adds to the record: a new screen title
    joins the session's timeline, the first use of the extension is audited."""
    previous = store.put_status(row.id, status, now)
    rows: list[HelpScreenVisit | HelpAudit] = []
    title = status.get("screen_title")
    if title and title != previous.get("screen_title"):
        rows.append(HelpScreenVisit(help_session_id=row.id, at=now, title=title))
    if status.get("extended") and not previous.get("extended"):
        rows.append(audit_row(now, "extend", row))
    return rows


def heartbeat(ctx: AppContext, store: HelpStore, row: HelpSession, status: dict) -> dict:
    """The kiosk is there and shows `status`. Most heartbeats change only the store; the
    database is written (on SQLite: locked) only for a new screen or the extension."""
    now = ctx.clock.now()
    if is_over(row, now):
        raise ApiError(409, "help_ended", "协助已结束")
    rows = record_status(store, row, status, now)
    if rows:
        with ctx.db.session(write=True) as db:
            db.add_all(rows)
            db.commit()
    return view(row, now)
