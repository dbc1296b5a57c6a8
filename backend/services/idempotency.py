"""Idempotency-Key handling: the same key from the same terminal with the same request
returns the stored first answer and changes nothing; with a different request it is refused.

Only successful answers are stored: a refused request changed nothing, so repeating it simply
asks again (a slot that was full may have a place by then).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from pydantic_core import to_jsonable_python
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.context import AppContext
from backend.errors import ApiError, validation
from backend.models import IdempotencyRecord

MAX_KEY_LENGTH = 64
KEY_PATTERN = r"^[!-~]{1,64}$"  # visible ASCII, as the OpenAPI document states


@dataclass(frozen=True)
class Answer:
    """The answer to send: an HTTP status and a JSON-ready body (first time or replayed)."""

    status: int
    body: dict


def fingerprint(path: str, citizen_id: int | None, body: dict) -> str:
    canonical = json.dumps(
        {"path": path, "citizen": citizen_id, "body": body}, sort_keys=True, ensure_ascii=True
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _check_key(key: str) -> None:
    if not key or len(key) > MAX_KEY_LENGTH or not all(33 <= ord(ch) < 127 for ch in key):
        raise validation("Idempotency-Key", "Idempotency-Key 应为 1–64 个可见 ASCII 字符")


def _stored(db: Session, terminal_id: str, key: str, print_: str) -> Answer | None:
    record = db.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.terminal_id == terminal_id, IdempotencyRecord.key == key
        )
    )
    if record is None:
        return None
    if record.fingerprint != print_:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "同一个 Idempotency-Key 用于了不同的请求",
            "Idempotency-Key",
        )
    return Answer(record.status, record.body)


def run(
    db: Session,
    ctx: AppContext,
    *,
    terminal_id: str,
    key: str | None,
    print_: str,
    status: int,
    action: Callable[[], dict],
) -> Answer:
    """Run action (which changes db and returns the answer body) at most once per key."""
    if key is None:
        body = to_jsonable_python(action())
        db.commit()
        return Answer(status, body)
    _check_key(key)
    stored = _stored(db, terminal_id, key, print_)
    if stored is not None:
        return stored
    body = to_jsonable_python(action())
    db.add(
        IdempotencyRecord(
            terminal_id=terminal_id,
            key=key,
            fingerprint=print_,
            status=status,
            body=body,
            created_at=ctx.clock.now(),
        )
    )
    try:
        db.commit()
    except IntegrityError:
        # The same key raced in from another request and won; answer as it did.
        db.rollback()
        stored = _stored(db, terminal_id, key, print_)
        if stored is None:
            raise
        return stored
    return Answer(status, body)
