"""Staff sign-in for the web console: session cookie (HttpOnly, SameSite=Strict) and a CSRF
token per session, checked on every POST.

The CSRF token is derived from the session token (keyed hash), so it needs no storage and
dies with the session. The sign-in form itself is protected by a double-submit cookie.

The same sign-in serves the fleet operators' console (/ops, backend.ops.operator_auth): an
AccountKind names the tables, cookie path and lockout scope; STAFF is the default.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Response
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend.auth import new_token, token_hash
from backend.context import AppContext
from backend.deps import get_ctx
from backend.errors import ApiError
from backend.help.models import StaffAccount, StaffSession
from backend.help.names import account_name, failure_key, retry_words
from backend.help.passwords import dummy_hash, verify_secret
from backend.services import lockout

log = logging.getLogger("backend.help")

SESSION_COOKIE = "kiosk_staff"
LOGIN_COOKIE = "kiosk_staff_login"
COOKIE_PATH = "/staff"
SESSION_TTL = dt.timedelta(hours=8)
PASSWORD_FAILURE_LIMIT = 5
PASSWORD_FAILURE_WINDOW = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class AccountKind:
    """Who signs in where: accounts and sessions tables alike in shape (username,
    password_hash, active / token_hash, created_at, expires_at, ended)."""

    account: type
    session: type
    session_fk: str  # the session's column naming its account
    lockout_scope: str  # lockout table scope
    key_prefix: str  # of the name's keyed hash in that table
    cookie_path: str


STAFF = AccountKind(
    StaffAccount, StaffSession, "staff_id", "staff_pw", "staff-password", COOKIE_PATH
)


@dataclass(frozen=True)
class StaffContext:
    staff: StaffAccount
    session_id: int
    csrf_token: str


def csrf_for(secret: str) -> str:
    return hmac.new(secret.encode(), b"staff-csrf", hashlib.sha256).hexdigest()[:32]


def csrf_matches(expected: str, supplied: str | None) -> bool:
    return bool(supplied) and hmac.compare_digest(
        expected.encode(), supplied.encode("utf-8", "replace")
    )


def set_cookie(
    request: Request,
    response: Response,
    name: str,
    value: str,
    max_age: int,
    path: str = COOKIE_PATH,
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=path,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def new_login_token() -> str:
    return secrets.token_urlsafe(24)


def sign_in(
    db: Session, ctx: AppContext, username: str, password: str, kind: AccountKind = STAFF
) -> str:
    """The session token for the cookie; unknown user and wrong password answer alike.
    The name is normalised once (names.account_name) for the lookup, the count and the log."""
    now = ctx.clock.now()
    name = account_name(username)
    scope = kind.lockout_scope
    key = failure_key(kind.key_prefix, name)
    wait = lockout.retry_after(
        db, scope, key, limit=PASSWORD_FAILURE_LIMIT, window=PASSWORD_FAILURE_WINDOW, now=now
    )
    if wait:
        raise ApiError(
            429,
            "staff_locked",
            f"密码输错次数太多，{retry_words(wait, now)}",
            headers={"Retry-After": str(wait)},
        )
    staff = db.scalar(select(kind.account).where(kind.account.username == name))
    ok = verify_secret(password, staff.password_hash if staff else dummy_hash())
    if not (ok and staff and staff.active):
        lockout.record_failure(db, scope, key, now)
        db.commit()
        log.info("sign_in_failed", extra={"fields": {"scope": scope, "name_key": key[:12]}})
        raise ApiError(401, "staff_sign_in_failed", "用户名或密码不对")
    token = new_token()
    db.add(
        kind.session(
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + SESSION_TTL,
            **{kind.session_fk: staff.id},
        )
    )
    db.commit()
    log.info("signed_in", extra={"fields": {"scope": scope, "account": staff.id}})
    return token


def resolve(
    request: Request,
    db: Session,
    ctx: AppContext,
    kind: AccountKind = STAFF,
    cookie: str = SESSION_COOKIE,
) -> StaffContext | None:
    """The signed-in account behind the session cookie (StaffContext.staff holds the account
    of `kind`), or None."""
    token = request.cookies.get(cookie)
    if not token:
        return None
    row = db.scalar(select(kind.session).where(kind.session.token_hash == token_hash(token)))
    if row is None or row.ended or row.expires_at <= ctx.clock.now():
        return None
    staff = db.get(kind.account, getattr(row, kind.session_fk))
    if staff is None or not staff.active:
        return None
    return StaffContext(staff, row.id, csrf_for(token))


def sign_out(db: Session, session_id: int, kind: AccountKind = STAFF) -> None:
    db.execute(update(kind.session).where(kind.session.id == session_id).values(ended=True))
    db.commit()


def optional_staff(
    request: Request, ctx: Annotated[AppContext, Depends(get_ctx)]
) -> StaffContext | None:
    with ctx.db.session(write=False) as db:
        return resolve(request, db, ctx)


def current_staff(staff: Annotated[StaffContext | None, Depends(optional_staff)]) -> StaffContext:
    if staff is None:
        raise ApiError(401, "staff_unauthorized", "请先登录")
    return staff


def require_csrf(staff: StaffContext, supplied: str | None) -> None:
    if not csrf_matches(staff.csrf_token, supplied):
        raise ApiError(403, "csrf_failed", "页面已过期，请刷新后重试")


OptionalStaffDep = Annotated[StaffContext | None, Depends(optional_staff)]
StaffDep = Annotated[StaffContext, Depends(current_staff)]
