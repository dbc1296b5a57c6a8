"""A hotline worker joins a help session with the code the senior reads out over the phone.

The code is typed as heard: "226 930", "226-930" and full-width "２２６９３０" are one code.
Each kind of refusal has its own message (wrong, expired, ended, already joined by a
colleague) with the tries left; more than WRONG_CODE_LIMIT refusals per worker per minute lock
joining for the rest of that minute, even with the right code, so guessing cannot go on at
any speed; the lock says when it lifts.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend.context import AppContext
from backend.errors import ApiError
from backend.help.models import HelpSession, StaffAccount
from backend.help.names import retry_words
from backend.help.sessions import CODE_DIGITS, END_REASONS, audit, code_hash
from backend.help.store import HelpStore
from backend.services import lockout

log = logging.getLogger("backend.help")

WRONG_CODE_LIMIT = 5
WRONG_CODE_WINDOW = dt.timedelta(minutes=1)
_SEPARATORS = re.compile(r"[\s\-_.·・—–]+")
_SCOPE = "help_code"


def parse_code(raw: str) -> str | None:
    """The 6 ASCII digits of a code as typed, or None when it cannot be one."""
    code = _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw))
    return code if len(code) == CODE_DIGITS and code.isascii() and code.isdigit() else None


def _refuse(
    db: Session, staff: StaffAccount, now: dt.datetime, status: int, code: str, message: str
) -> ApiError:
    lockout.record_failure(db, _SCOPE, str(staff.id), now)
    db.commit()
    log.info("help_code_wrong", extra={"fields": {"staff": staff.id, "why": code}})
    used = lockout.recent_failures(db, _SCOPE, str(staff.id), window=WRONG_CODE_WINDOW, now=now)
    left = WRONG_CODE_LIMIT - used
    tail = f"（还可以再试 {left} 次）" if left > 0 else "（输错次数已到，请一分钟后再试）"
    return ApiError(status, code, message + tail, "code")


def _check_lock(db: Session, staff: StaffAccount, now: dt.datetime) -> None:
    wait = lockout.retry_after(
        db, _SCOPE, str(staff.id), limit=WRONG_CODE_LIMIT, window=WRONG_CODE_WINDOW, now=now
    )
    if wait:
        raise ApiError(
            429,
            "help_code_locked",
            f"帮助码输错次数太多，{retry_words(wait, now)}",
            "code",
            headers={"Retry-After": str(wait)},
        )


def _why_not(db: Session, row: HelpSession | None, staff: StaffAccount, now: dt.datetime):
    """(status, error code, message) when `row` (the newest session with the code) cannot be
    joined by `staff`, else None."""
    if row is None:
        return 404, "help_code_invalid", "帮助码不对，请核对老人屏幕上的 6 位数字"
    if row.staff_id is not None and row.staff_id != staff.id and row.ended_at is None:
        colleague = db.get(StaffAccount, row.staff_id)
        name = colleague.display_name if colleague else "其他同事"
        return 409, "help_code_taken", f"这位老人已由同事{name}接入协助"
    if row.ended_at is not None:
        why = END_REASONS.get(row.end_reason or "", "已结束")
        return 410, "help_ended", f"这次呼叫已经结束（{why}），请老人再点一次“呼叫帮助”"
    if row.staff_id is None and row.code_expires_at <= now:
        return 410, "help_code_expired", "帮助码已过期，请老人再点一次“呼叫帮助”，读出新的帮助码"
    return None


def join(
    db: Session, ctx: AppContext, store: HelpStore, staff: StaffAccount, raw_code: str
) -> HelpSession:
    """The session the code opens for this worker (the same session again if they joined it
    already and it is still open)."""
    now = ctx.clock.now()
    _check_lock(db, staff, now)
    code = parse_code(raw_code)
    if code is None:
        raise _refuse(db, staff, now, 422, "help_code_format", "帮助码是 6 位数字，请核对")
    row = db.scalar(
        select(HelpSession)
        .where(HelpSession.code_hash == code_hash(code))
        .order_by(HelpSession.created_at.desc())
        .limit(1)
    )
    refusal = _why_not(db, row, staff, now)
    if refusal is not None:
        raise _refuse(db, staff, now, *refusal)
    if row.staff_id == staff.id:
        return row  # back to their own session (e.g. the tab was closed)
    # Claim it with a conditional update so two staff typing the same code cannot both win.
    claimed = db.execute(
        update(HelpSession)
        .where(HelpSession.id == row.id, HelpSession.staff_id.is_(None))
        .values(staff_id=staff.id, joined_at=now)
    ).rowcount
    if not claimed:
        db.rollback()
        db.refresh(row)
        taken = (409, "help_code_taken", "这位老人已由同事接入协助")
        raise _refuse(db, staff, now, *(_why_not(db, row, staff, now) or taken))
    db.refresh(row)
    audit(db, now, "join", row)
    db.commit()
    store.add_event(row.id, "joined")
    return row
