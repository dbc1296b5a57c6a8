"""Help sessions: a kiosk opens one and gets a 6-digit code, the senior consents, one staff
member joins with the code, frames flow kiosk → staff and pointer events/hints staff → kiosk.

Rules (issue 8): codes are random (secrets), single use, valid 10 minutes; a kiosk reaches
only its own sessions, a staff member only the sessions they joined. Every start, consent,
join, extension and end is audited (with the end's reason) without any citizen data. Joining
by code lives in joining.py, the kiosk's heartbeat and silence in liveness.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.clock import aware
from backend.codes import code_label
from backend.context import AppContext
from backend.errors import ApiError, not_found
from backend.help.models import HelpAudit, HelpSession, StaffAccount
from backend.help.store import HelpStore
from backend.models import Terminal

log = logging.getLogger("backend.help")

CODE_DIGITS = 6
CODE_TTL = dt.timedelta(minutes=10)
MAX_FRAME_BYTES = 150 * 1024
# Backstop for a kiosk that vanished without ending its session: above the longest mirror
# the kiosk config allows (help.mirror_max_minutes ≤ 120), after which it counts as ended.
MAX_SESSION = dt.timedelta(minutes=125)
STATES = {
    "waiting": "等待工作人员",
    "active": "工作人员正在协助",
    "expired": "帮助码已过期",
    "ended": "协助已结束",
}
# Why a session ended, in the words the console, the audit timeline and the kiosk use.
END_REASONS = {
    "kiosk": "老人结束协助",  # 结束协助 on the banner
    "session_end": "老人结束协助",  # the senior finished the visit (退出)
    "declined": "老人不同意",  # 不允许, or left the help screen without answering
    "timeout": "协助时间到",
    "idle": "无人操作",
    "staff": "工作人员结束",
    "lost": "连接中断",  # the kiosk was silent for liveness.LOST_AFTER
    "replaced": "老人重新呼叫帮助",
}
# What a kiosk may give as the reason (the others are the backend's or the worker's).
KIOSK_END_REASONS = ("kiosk", "session_end", "declined", "timeout", "idle")


def code_hash(code: str) -> str:
    return hashlib.sha256(f"help-code:{code}".encode()).hexdigest()


def is_over(row: HelpSession, now: dt.datetime) -> bool:
    return row.ended_at is not None or now - row.created_at >= MAX_SESSION


def state_of(row: HelpSession, now: dt.datetime) -> str:
    if is_over(row, now):
        return "ended"
    if row.staff_id is not None:
        return "active"
    return "waiting" if row.code_expires_at > now else "expired"


def end_reason(row: HelpSession) -> dict | None:
    return code_label(END_REASONS, row.end_reason) if row.end_reason else None


def view(row: HelpSession, now: dt.datetime, code: str | None = None) -> dict:
    return {
        "id": row.id,
        "code": code,
        "code_expires_at": aware(row.code_expires_at),
        "state": code_label(STATES, state_of(row, now)),
        "end_reason": end_reason(row),
        "consented": row.consent_at is not None,
        "staff_joined": row.staff_id is not None,
    }


def audit_row(
    now: dt.datetime, event: str, row: HelpSession, detail: str | None = None
) -> HelpAudit:
    """An audit record (also logged): who, which terminal, what, when. Never citizen data."""
    log.info(
        "help_" + event,
        extra={
            "fields": {
                "help_session": row.id,
                "terminal": row.terminal_id,
                "staff": row.staff_id,
                "detail": detail,
            }
        },
    )
    return HelpAudit(
        at=now,
        event=event,
        help_session_id=row.id,
        terminal_id=row.terminal_id,
        staff_id=row.staff_id,
        detail=detail,
    )


def audit(
    db: Session, now: dt.datetime, event: str, row: HelpSession, detail: str | None = None
) -> None:
    db.add(audit_row(now, event, row, detail))


def _new_code(db: Session, now: dt.datetime) -> str:
    """A code no joinable session holds right now (1 in a million chance of a retry)."""
    while True:
        code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        clash = db.scalar(
            select(HelpSession.id).where(
                HelpSession.code_hash == code_hash(code),
                HelpSession.staff_id.is_(None),
                HelpSession.ended_at.is_(None),
                HelpSession.code_expires_at > now,
            )
        )
        if clash is None:
            return code


def open_session(
    db: Session,
    ctx: AppContext,
    store: HelpStore,
    terminal: Terminal,
    place_name: str | None = None,
) -> tuple[HelpSession, str]:
    """The new session and its code (the code is never stored, only its hash). A kiosk has
    one help session at a time: an older open one ends as "replaced"."""
    now = ctx.clock.now()
    for old in db.scalars(
        select(HelpSession).where(
            HelpSession.terminal_id == terminal.id, HelpSession.ended_at.is_(None)
        )
    ):
        end_now(db, store, old, now, "replaced")
    code = _new_code(db, now)
    row = HelpSession(
        id=secrets.token_urlsafe(16),
        terminal_id=terminal.id,
        code_hash=code_hash(code),
        created_at=now,
        code_expires_at=now + CODE_TTL,
        place_name=place_name or None,
    )
    db.add(row)
    db.flush()
    audit(db, now, "start", row)
    db.commit()
    store.open(row.id)
    return row, code


def for_terminal(db: Session, terminal: Terminal, session_id: str) -> HelpSession:
    """Another kiosk's session is "not found", exactly like one that does not exist."""
    row = db.get(HelpSession, session_id)
    if row is None or row.terminal_id != terminal.id:
        raise not_found("帮助会话")
    return row


def for_staff(db: Session, staff: StaffAccount, session_id: str) -> HelpSession:
    row = db.get(HelpSession, session_id)
    if row is None or row.staff_id != staff.id:
        raise not_found("帮助会话")
    return row


def _ended() -> ApiError:
    return ApiError(409, "help_ended", "协助已结束")


def consent(db: Session, ctx: AppContext, store: HelpStore, row: HelpSession) -> dict:
    now = ctx.clock.now()
    if is_over(row, now):
        raise _ended()
    if row.consent_at is None:
        row.consent_at = now
        audit(db, now, "consent", row)
        db.commit()
    store.set_consented(row.id)
    return view(row, now)


def publish(
    store: HelpStore, row: HelpSession, now: dt.datetime, jpeg: bytes, screen_id: str
) -> int:
    """A new picture; it also counts as a sign of life (liveness)."""
    if is_over(row, now):
        raise _ended()
    if row.consent_at is None:
        raise ApiError(409, "consent_required", "老人还没有同意查看屏幕")
    if len(jpeg) > MAX_FRAME_BYTES:
        raise ApiError(
            413, "frame_too_large", f"画面超过 {MAX_FRAME_BYTES // 1024} KB", "jpeg_base64"
        )
    if not jpeg.startswith(b"\xff\xd8\xff"):
        raise ApiError(422, "invalid_frame", "画面不是 JPEG 图片", "jpeg_base64")
    return store.put_frame(row.id, jpeg, screen_id, now)


def end_now(db: Session, store: HelpStore, row: HelpSession, at: dt.datetime, reason: str) -> None:
    """End it at `at` (uncommitted); the kiosk and the console learn the reason."""
    row.ended_at, row.end_reason = at, reason
    audit(db, at, "end", row, reason)
    store.add_event(row.id, "ended", reason=reason)
    store.end(row.id)


def end(db: Session, ctx: AppContext, store: HelpStore, row: HelpSession, reason: str) -> dict:
    """Ending twice is harmless (the kiosk ends on several paths: button, idle, session end);
    the first reason stays."""
    now = ctx.clock.now()
    if row.ended_at is None:
        end_now(db, store, row, now, reason)
        db.commit()
    return view(row, now)
