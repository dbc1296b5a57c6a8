"""Operator sign-in for /ops: the staff console's sign-in (backend.help.staff_auth — slow
hashes, one answer for unknown user and wrong password, lockout after repeated failures,
CSRF token per session, HttpOnly SameSite=Strict cookies) on the operators' own tables and
cookie path, so a hotline seat's session never opens the fleet console or the reverse."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Response

from backend.context import AppContext
from backend.deps import get_ctx
from backend.help import staff_auth
from backend.help.staff_auth import AccountKind, StaffContext
from backend.ops.models import OperatorAccount, OperatorSession

COOKIE_PATH = "/ops"
SESSION_COOKIE = "kiosk_ops"
LOGIN_COOKIE = "kiosk_ops_login"
OPERATOR = AccountKind(
    OperatorAccount, OperatorSession, "account_id", "ops_pw", "ops-password", COOKIE_PATH
)
LOGIN_TTL_S = 30 * 60


def optional_operator(
    request: Request, ctx: Annotated[AppContext, Depends(get_ctx)]
) -> StaffContext | None:
    with ctx.db.session(write=False) as db:
        return staff_auth.resolve(request, db, ctx, OPERATOR, SESSION_COOKIE)


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    staff_auth.set_cookie(request, response, name, value, max_age, COOKIE_PATH)


OperatorDep = Annotated[StaffContext | None, Depends(optional_operator)]
