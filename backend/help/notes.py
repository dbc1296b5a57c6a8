"""Call notes: a short free-text note and an optional ticket number per help session, written
by the worker who joined it and kept with its audit record (the field asks for no citizen
data, and the schema refuses numbers of five digits or more in the note)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from backend.context import AppContext
from backend.help.models import HelpNote, HelpSession


def save(db: Session, ctx: AppContext, row: HelpSession, note: str, ticket: str) -> dict:
    now = ctx.clock.now()
    stored = db.get(HelpNote, row.id) or HelpNote(help_session_id=row.id, updated_at=now)
    stored.note, stored.ticket, stored.updated_at = note.strip(), ticket.strip(), now
    db.add(stored)
    db.commit()
    return {"note": stored.note, "ticket": stored.ticket, "saved_at": now.strftime("%H:%M:%S")}


def of(db: Session, session_id: str) -> HelpNote | None:
    return db.get(HelpNote, session_id)
