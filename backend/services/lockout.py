"""Failed identifications counted in a sliding window, per ID number and per terminal.

ID numbers are kept only as keyed hashes here, so this table reveals nothing about who tried.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.models import AuthFailure


def id_key(id_number: str) -> str:
    return hashlib.sha256(f"identity-failure:{id_number}".encode()).hexdigest()


def retry_after(
    db: Session, scope: str, key: str, *, limit: int, window: dt.timedelta, now: dt.datetime
) -> int:
    """Seconds until the key may try again, or 0 when it is below the limit."""
    times = db.scalars(
        select(AuthFailure.at)
        .where(AuthFailure.scope == scope, AuthFailure.key == key, AuthFailure.at > now - window)
        .order_by(AuthFailure.at)
    ).all()
    if len(times) < limit:
        return 0
    # The attempt that must leave the window for the count to drop below the limit.
    freed_at = times[len(times) - limit] + window
    return max(1, math.ceil((freed_at - now).total_seconds()))


def record_failure(db: Session, scope: str, key: str, now: dt.datetime) -> None:
    db.add(AuthFailure(scope=scope, key=key, at=now))


def recent_failures(
    db: Session, scope: str, key: str, *, window: dt.timedelta, now: dt.datetime
) -> int:
    """How many failures the key has in the window (for "还可以再试 N 次")."""
    return len(
        db.scalars(
            select(AuthFailure.id).where(
                AuthFailure.scope == scope, AuthFailure.key == key, AuthFailure.at > now - window
            )
        ).all()
    )
