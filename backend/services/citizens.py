"""Identification and the masked view of a citizen."""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth import open_session, token_hash
from backend.clock import aware
from backend.codes import CITIZEN_TAGS, code_label
from backend.context import AppContext
from backend.errors import ApiError
from backend.metrics import IDENTIFICATION_FAILURES
from backend.models import Citizen, Terminal
from backend.services import housekeeping, lockout
from civic_core import idnumber

log = logging.getLogger("backend.identity")

_ID_PROBLEMS = {
    idnumber.IdProblem.LENGTH: "身份证号码应为18位",
    idnumber.IdProblem.CHARACTERS: "身份证号码只能是数字，最后一位可以是X",
    idnumber.IdProblem.BIRTH_DATE: "身份证号码中的出生日期不正确",
    idnumber.IdProblem.CHECK_CHARACTER: "身份证号码最后一位校验码不对",
}


def mask_address(address: str) -> str:
    """西湖区文三路12号3幢 -> 西湖区文三路**号*幢: house numbers hidden, street kept."""
    return re.sub(r"[0-9０-９]", "*", address)


def citizen_view(citizen: Citizen) -> dict:
    return {
        "display_name": idnumber.mask_name(citizen.name),
        "masked_id": idnumber.mask_id(citizen.id_number),
        "masked_phone": idnumber.mask_phone(citizen.phone),
        "address_masked": mask_address(citizen.address),
        "tags": [code_label(CITIZEN_TAGS, tag) for tag in citizen.tags],
    }


def _identification(
    db: Session, ctx: AppContext, citizen: Citizen, terminal: Terminal, how: str
) -> dict:
    token, expires = open_session(db, ctx, citizen, terminal)
    db.commit()
    log.info(
        "identified",
        extra={"fields": {"terminal": terminal.id, "citizen_ref": citizen.id, "by": how}},
    )
    return {"session_token": token, "expires_at": aware(expires), "citizen": citizen_view(citizen)}


def _check_terminal_limit(
    db: Session, ctx: AppContext, terminal: Terminal, now: dt.datetime, how: str
) -> None:
    s = ctx.settings
    wait = lockout.retry_after(
        db,
        "terminal",
        terminal.id,
        limit=s.terminal_failure_limit,
        window=dt.timedelta(minutes=s.terminal_failure_window_minutes),
        now=now,
    )
    if wait:
        IDENTIFICATION_FAILURES.labels(how, "rate_limited").inc()
        log.warning(
            "terminal_rate_limited",
            extra={"fields": {"terminal": terminal.id, "retry_after": wait}},
        )
        raise ApiError(
            429, "rate_limited", "尝试次数过多，请稍后再试", headers={"Retry-After": str(wait)}
        )


def _check_id_lockout(
    db: Session, ctx: AppContext, terminal: Terminal, now: dt.datetime, key: str, how: str
) -> None:
    """An ID number over its failure limit is refused by every way in, the card included."""
    s = ctx.settings
    window = dt.timedelta(minutes=s.id_failure_window_minutes)
    wait = lockout.retry_after(db, "id", key, limit=s.id_failure_limit, window=window, now=now)
    if wait:
        IDENTIFICATION_FAILURES.labels(how, "locked").inc()
        log.warning(
            "identity_locked",
            extra={"fields": {"terminal": terminal.id, "retry_after": wait, "by": how}},
        )
        raise ApiError(
            429,
            "identity_locked",
            "该证件尝试次数过多，已暂时锁定",
            "id_number" if how == "id_number" else "card_payload",
            headers={"Retry-After": str(wait)},
        )


def _fail(
    db: Session, terminal: Terminal, now: dt.datetime, id_key: str | None, how: str
) -> ApiError:
    if id_key:
        lockout.record_failure(db, "id", id_key, now)
    lockout.record_failure(db, "terminal", terminal.id, now)
    db.commit()
    IDENTIFICATION_FAILURES.labels(how, "not_matched").inc()
    log.info("identify_failed", extra={"fields": {"terminal": terminal.id, "by": how}})
    return ApiError(401, "identity_not_matched", "身份信息不匹配，请核对后重试")


def identify_by_id(
    db: Session, ctx: AppContext, terminal: Terminal, raw_id: str, phone_last4: str
) -> dict:
    id_number = idnumber.normalize(raw_id)
    check = idnumber.validate(id_number, today=ctx.clock.today())
    if not check.ok and check.problem is not None:
        raise ApiError(422, "invalid_id_number", _ID_PROBLEMS[check.problem], "id_number")
    now = ctx.clock.now()
    key = lockout.id_key(id_number)
    housekeeping.prune_if_due(db, ctx, now)
    _check_id_lockout(db, ctx, terminal, now, key, "id_number")
    _check_terminal_limit(db, ctx, terminal, now, "id_number")
    citizen = db.scalar(select(Citizen).where(Citizen.id_number == id_number))
    # Compare even when the ID is unknown, so both failures cost the same.
    expected = citizen.phone[-4:] if citizen else "----"
    if not hmac.compare_digest(expected.encode(), phone_last4.encode()) or citizen is None:
        raise _fail(db, terminal, now, key, "id_number")
    return _identification(db, ctx, citizen, terminal, "id_number")


def identify_by_card(db: Session, ctx: AppContext, terminal: Terminal, payload: str) -> dict:
    now = ctx.clock.now()
    _check_terminal_limit(db, ctx, terminal, now, "card")
    citizen = db.scalar(select(Citizen).where(Citizen.card_hash == token_hash(payload.strip())))
    if citizen is None:
        raise _fail(db, terminal, now, None, "card")
    _check_id_lockout(db, ctx, terminal, now, lockout.id_key(citizen.id_number), "card")
    return _identification(db, ctx, citizen, terminal, "card")
