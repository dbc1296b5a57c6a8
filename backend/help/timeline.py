"""The supervisor's audit timeline: every help session of a day (optionally one worker's),
with who helped, the terminal, start, end, the reason in words, the screens visited and the
call note. Only accounts with the hotline_supervisor role (a staff_roles row) may read it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.benefits.outreach import has_role
from backend.errors import ApiError
from backend.help import live_state, notes
from backend.help.models import HelpSession, StaffAccount
from backend.help.queue import place_of
from backend.help.sessions import END_REASONS
from backend.models import Terminal

SUPERVISOR = "hotline_supervisor"


def is_supervisor(db: Session, staff: StaffAccount) -> bool:
    return has_role(db, staff.id, SUPERVISOR)


def require_supervisor(db: Session, staff: StaffAccount) -> None:
    if not is_supervisor(db, staff):
        raise ApiError(403, "supervisor_only", "只有值班主管可以查看协助记录")


def _clock(at: dt.datetime | None) -> str:
    return at.strftime("%H:%M:%S") if at else "—"


def _entry(db: Session, row: HelpSession, workers: dict[int, StaffAccount]) -> dict:
    note = notes.of(db, row.id)
    worker = workers.get(row.staff_id) if row.staff_id else None
    return {
        "id": row.id,
        "worker": worker.display_name if worker else "（无人接入）",
        "terminal": place_of(row, db.get(Terminal, row.terminal_id)),
        "start": _clock(row.created_at),
        "joined": _clock(row.joined_at),
        "end": _clock(row.ended_at),
        "reason": END_REASONS.get(row.end_reason or "", "进行中"),
        "screens": [s["title"] for s in live_state.screens(db, row.id)],
        "note": note.note if note else "",
        "ticket": note.ticket if note else "",
    }


def day_sessions(db: Session, day: dt.date, worker_id: int | None) -> list[dict]:
    start = dt.datetime.combine(day, dt.time())
    query = select(HelpSession).where(
        HelpSession.created_at >= start, HelpSession.created_at < start + dt.timedelta(days=1)
    )
    if worker_id is not None:
        query = query.where(HelpSession.staff_id == worker_id)
    workers = {w.id: w for w in db.scalars(select(StaffAccount))}
    rows = db.scalars(query.order_by(HelpSession.created_at)).all()
    return [_entry(db, row, workers) for row in rows]


def workers(db: Session) -> list[StaffAccount]:
    return list(db.scalars(select(StaffAccount).order_by(StaffAccount.username)))
