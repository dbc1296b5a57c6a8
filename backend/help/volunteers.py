"""Volunteer assisted mode: a volunteer signs in at a kiosk with number + PIN and gets a token
the kiosk sends with orders booked on the senior's behalf (X-Volunteer-Token)."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend.auth import new_token, token_hash
from backend.clock import aware
from backend.context import AppContext
from backend.errors import ApiError
from backend.help.models import Volunteer, VolunteerSession
from backend.help.names import failure_key, retry_words, volunteer_number
from backend.help.passwords import dummy_hash, verify_secret
from backend.models import Terminal
from backend.services import lockout
from civic_core.idnumber import mask_name

log = logging.getLogger("backend.help")

TOKEN_TTL = dt.timedelta(minutes=60)
PIN_FAILURE_LIMIT = 5
TERMINAL_FAILURE_LIMIT = 20
FAILURE_WINDOW = dt.timedelta(minutes=15)


def sign_in(db: Session, ctx: AppContext, terminal: Terminal, number: str, pin: str) -> dict:
    """Unknown number and wrong PIN get the same answer; both count against the number and
    against the terminal."""
    now = ctx.clock.now()
    number = volunteer_number(number)
    checks = (
        ("volunteer", failure_key("volunteer-pin", number), PIN_FAILURE_LIMIT),
        ("vol_term", terminal.id, TERMINAL_FAILURE_LIMIT),
    )
    for scope, key, limit in checks:
        wait = lockout.retry_after(db, scope, key, limit=limit, window=FAILURE_WINDOW, now=now)
        if wait:
            raise ApiError(
                429,
                "volunteer_locked",
                f"密码输错次数太多，{retry_words(wait, now)}",
                headers={"Retry-After": str(wait)},
            )
    volunteer = db.get(Volunteer, number)
    ok = verify_secret(pin, volunteer.pin_hash if volunteer else dummy_hash())
    if not (ok and volunteer and volunteer.active):
        for scope, key, _limit in checks:
            lockout.record_failure(db, scope, key, now)
        db.commit()
        log.info("volunteer_sign_in_failed", extra={"fields": {"terminal": terminal.id}})
        raise ApiError(401, "volunteer_sign_in_failed", "志愿者编号或密码不对")
    token = new_token()
    expires = now + TOKEN_TTL
    db.add(
        VolunteerSession(
            token_hash=token_hash(token),
            volunteer_id=volunteer.id,
            terminal_id=terminal.id,
            created_at=now,
            expires_at=expires,
        )
    )
    db.commit()
    log.info(
        "volunteer_signed_in",
        extra={"fields": {"terminal": terminal.id, "volunteer": volunteer.id}},
    )
    return {
        "volunteer_id": volunteer.id,
        "display_name": mask_name(volunteer.display_name),
        "token": token,
        "expires_at": aware(expires),
    }


def _session(
    db: Session, ctx: AppContext, terminal: Terminal, token: str | None
) -> VolunteerSession | None:
    if not token:
        return None
    row = db.scalar(
        select(VolunteerSession).where(VolunteerSession.token_hash == token_hash(token))
    )
    if (
        row is None
        or row.ended
        or row.terminal_id != terminal.id
        or row.expires_at <= ctx.clock.now()
    ):
        return None
    return row


def _unauthorized(field: str | None = None) -> ApiError:
    return ApiError(401, "volunteer_unauthorized", "志愿者登录已失效，请重新登录", field)


def verify_for_order(
    db: Session,
    ctx: AppContext,
    terminal: Terminal,
    booked_by: str,
    volunteer_id: str | None,
    token: str | None,
) -> None:
    """An order booked_by volunteer needs a live volunteer token from this terminal whose
    volunteer is the one named in the order. (A missing volunteer_id is left to
    orders.create, which refuses it as a validation error on that field.)"""
    if booked_by != "volunteer" or volunteer_id is None:
        return
    row = _session(db, ctx, terminal, token)
    if row is None:
        raise _unauthorized()
    if volunteer_id != row.volunteer_id:
        raise _unauthorized("volunteer_id")


def sign_out(db: Session, ctx: AppContext, terminal: Terminal, token: str | None) -> None:
    row = _session(db, ctx, terminal, token)
    if row is not None:
        db.execute(update(VolunteerSession).where(VolunteerSession.id == row.id).values(ended=True))
        db.commit()
