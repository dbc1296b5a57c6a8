"""Dropping rows nobody needs any more; run inside the identification write transaction,
which happens once per citizen visit, so no scheduler is needed. At most once per
PRUNE_EVERY per process, though: three table-scanning DELETEs on every identification were
about 40 % of its CPU in the load benchmark, all of it under the write lock."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.orm import Session

from backend.context import AppContext
from backend.models import AuthFailure, CitizenSession, IdempotencyRecord
from backend.settings import Settings

# A retry of the same POST comes within minutes; a day is generous.
IDEMPOTENCY_KEEP = dt.timedelta(days=1)
SESSION_KEEP = dt.timedelta(days=1)
# Rows live for 15 min to a day, so pruning a minute late changes nothing.
PRUNE_EVERY = dt.timedelta(minutes=1)


def prune_if_due(db: Session, ctx: AppContext, now: dt.datetime) -> None:
    last = ctx.last_prune
    if last is not None and dt.timedelta(0) <= now - last < PRUNE_EVERY:
        return
    ctx.last_prune = now
    prune(db, ctx.settings, now)


def prune(db: Session, settings: Settings, now: dt.datetime) -> None:
    window = max(settings.id_failure_window_minutes, settings.terminal_failure_window_minutes)
    db.execute(delete(AuthFailure).where(AuthFailure.at < now - dt.timedelta(minutes=window)))
    db.execute(delete(CitizenSession).where(CitizenSession.expires_at < now - SESSION_KEEP))
    db.execute(
        delete(IdempotencyRecord).where(IdempotencyRecord.created_at < now - IDEMPOTENCY_KEEP)
    )
