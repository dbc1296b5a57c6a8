"""The staff web console's pages under /staff: sign-in, the code entry with the live queue
and 我的协助, the live view of a joined session, and the supervisors' audit timeline.

HTML pages are server-rendered; their script (static/staff.js) talks to /staff/api/*
(staff_api.py). Every POST checks the CSRF token (form field `csrf_token` or header
`X-CSRF-Token`). Not part of the kiosk API, so kept out of the OpenAPI document.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from backend.auth import CtxDep
from backend.benefits.outreach import COMMUNITY_ROLE, has_role
from backend.errors import ApiError
from backend.help import callbacks, joining, notes, pages, sessions, staff_auth, timeline
from backend.help.hints import hint_list
from backend.help.kiosk_routes import StoreDep
from backend.help.models import StaffAccount
from backend.help.queue import place_of
from backend.help.staff_auth import LOGIN_COOKIE, SESSION_COOKIE, OptionalStaffDep, StaffContext
from backend.models import Terminal
from backend.safe_route import SafeRoute

router = APIRouter(prefix="/staff", route_class=SafeRoute, include_in_schema=False)
FormDep = Annotated[dict[str, str], Depends(pages.form)]
_LOGIN_TTL_S = 30 * 60


def _to_console() -> RedirectResponse:
    return RedirectResponse("/staff", status_code=303)


def _sign_in_page(
    request: Request, error: str = "", status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """A fresh login token in a cookie and in the form (double submit)."""
    token = staff_auth.new_login_token()
    response = pages.render(
        "signin",
        "登录",
        status,
        error=error,
        csrf_token=token,
        heading="工作人员登录",
        action="/staff/sign-in",
    )
    response.headers.update(headers or {})
    staff_auth.set_cookie(request, response, LOGIN_COOKIE, token, _LOGIN_TTL_S)
    return response


def _console_page(
    staff: StaffContext,
    error: str = "",
    status: int = 200,
    headers: dict[str, str] | None = None,
    code: str = "",
    *,
    role_links: str = "",
) -> Response:
    """The code entry (keeping what was typed after an error), the queue and 我的协助."""
    response = pages.render(
        "console",
        "帮助码与排队",
        status,
        error=error,
        code=code,
        staff_name=staff.staff.display_name,
        csrf_token=staff.csrf_token,
        raw={"role_links": role_links},
    )
    response.headers.update(headers or {})
    return response


@router.get("")
def console(request: Request, staff: OptionalStaffDep, ctx: CtxDep) -> Response:
    if staff is None:
        return _sign_in_page(request)
    with ctx.db.session(write=False) as db:
        links = _role_links(db, staff.staff)
    return _console_page(staff, role_links=links)


def _role_links(db: Session, staff: StaffAccount) -> str:
    """Pages beside the greeting: 老人留下的请求 (everyone, with how many wait), and those a
    role opens: 协助记录 (hotline supervisor), 主动发现 (社区工作者)."""
    links = [
        f'<a href="/staff/requests" id="requests-link">老人留下的请求（{callbacks.open_count(db)}）</a>'
    ]
    if timeline.is_supervisor(db, staff):
        links.append('<a href="/staff/audit">协助记录</a>')
    if has_role(db, staff.id, COMMUNITY_ROLE):
        links.append('<a href="/staff/outreach">主动发现</a>')
    return " ".join(links)


@router.post("/sign-in")
def sign_in(request: Request, data: FormDep, ctx: CtxDep) -> Response:
    if not staff_auth.csrf_matches(request.cookies.get(LOGIN_COOKIE, ""), data.get("csrf_token")):
        return _sign_in_page(request, "页面已过期，请重新登录", 403)
    try:
        with ctx.db.session(write=True) as db:
            token = staff_auth.sign_in(
                db, ctx, data.get("username", "")[:40], data.get("password", "")[:200]
            )
    except ApiError as exc:
        return _sign_in_page(request, exc.message, exc.status, exc.headers)
    response = _to_console()
    staff_auth.set_cookie(
        request, response, SESSION_COOKIE, token, int(staff_auth.SESSION_TTL.total_seconds())
    )
    response.delete_cookie(LOGIN_COOKIE, path=staff_auth.COOKIE_PATH)
    return response


@router.post("/sign-out")
def sign_out(staff: OptionalStaffDep, data: FormDep, ctx: CtxDep) -> Response:
    if staff is None:
        return _to_console()
    if not staff_auth.csrf_matches(staff.csrf_token, data.get("csrf_token")):
        return _console_page(staff, "页面已过期，请刷新后重试", 403)
    with ctx.db.session(write=True) as db:
        staff_auth.sign_out(db, staff.session_id)
    response = _to_console()
    response.delete_cookie(SESSION_COOKIE, path=staff_auth.COOKIE_PATH)
    return response


@router.post("/join")
def join(staff: OptionalStaffDep, data: FormDep, ctx: CtxDep, store: StoreDep) -> Response:
    if staff is None:
        return _to_console()
    typed = data.get("code", "")[:20]
    if not staff_auth.csrf_matches(staff.csrf_token, data.get("csrf_token")):
        return _console_page(staff, "页面已过期，请刷新后重试", 403, code=typed)
    try:
        with ctx.db.session(write=True) as db:
            row = joining.join(db, ctx, store, staff.staff, typed)
    except ApiError as exc:
        return _console_page(staff, exc.message, exc.status, exc.headers, code=typed)
    return RedirectResponse(f"/staff/sessions/{row.id}", status_code=303)


@router.get("/sessions/{session_id}")
def live_view(session_id: str, staff: OptionalStaffDep, ctx: CtxDep) -> Response:
    if staff is None:
        return _to_console()
    with ctx.db.session(write=False) as db:
        try:
            row = sessions.for_staff(db, staff.staff, session_id)
        except ApiError as exc:
            return _console_page(staff, exc.message, exc.status)
        place = place_of(row, db.get(Terminal, row.terminal_id))
        note = notes.of(db, row.id)
    return pages.render(
        "session",
        f"协助中 · {place}",
        session_id=row.id,
        csrf_token=staff.csrf_token,
        place=place,
        note=note.note if note else "",
        ticket=note.ticket if note else "",
        raw={"hints_json": pages.json_attr(list(hint_list()))},
    )


def _day(text: str | None, today: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(text) if text else today
    except ValueError:
        return today


@router.get("/audit")
def audit_page(
    staff: OptionalStaffDep, ctx: CtxDep, day: str | None = None, worker: str | None = None
) -> Response:
    """Every session of a day, filterable by worker: supervisors only."""
    if staff is None:
        return _to_console()
    chosen = _day(day, ctx.clock.now().date())
    worker_id = int(worker) if worker and worker.isdigit() else None
    with ctx.db.session(write=False) as db:
        try:
            timeline.require_supervisor(db, staff.staff)
        except ApiError as exc:
            return _console_page(staff, exc.message, exc.status)
        rows = timeline.day_sessions(db, chosen, worker_id)
        people = timeline.workers(db)
    return pages.render(
        "audit",
        f"协助记录 · {chosen.isoformat()}",
        day=chosen.isoformat(),
        raw={
            "worker_options": pages.options(
                [("", "全部工作人员")] + [(str(w.id), w.display_name) for w in people],
                str(worker_id or ""),
            ),
            "rows": pages.audit_rows(rows),
        },
    )
