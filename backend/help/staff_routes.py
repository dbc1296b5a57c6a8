"""The staff web console under /staff: sign-in, join by help code, live view, pointing.

HTML pages are server-rendered; the live view's script talks to /staff/api/*. Every POST
checks the CSRF token (form field `csrf_token` or header `X-CSRF-Token`). Not part of the
kiosk API, so kept out of the OpenAPI document.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse

from backend.auth import CtxDep
from backend.errors import ApiError, validation
from backend.help import pages, sessions, staff_auth
from backend.help.hints import hints
from backend.help.kiosk_routes import StoreDep
from backend.help.models import HelpSession
from backend.help.schemas import StaffEventIn
from backend.help.staff_auth import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    OptionalStaffDep,
    StaffContext,
    StaffDep,
)
from backend.help.store import wait_until
from backend.models import Terminal
from backend.safe_route import SafeRoute

router = APIRouter(prefix="/staff", route_class=SafeRoute, include_in_schema=False)
FormDep = Annotated[dict[str, str], Depends(pages.form)]
MAX_WAIT_S = 25.0
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
    staff: StaffContext, error: str = "", status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    response = pages.render(
        "console",
        "输入帮助码",
        status,
        error=error,
        staff_name=staff.staff.display_name,
        csrf_token=staff.csrf_token,
    )
    response.headers.update(headers or {})
    return response


@router.get("")
def console(request: Request, staff: OptionalStaffDep) -> Response:
    return _sign_in_page(request) if staff is None else _console_page(staff)


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
    if not staff_auth.csrf_matches(staff.csrf_token, data.get("csrf_token")):
        return _console_page(staff, "页面已过期，请刷新后重试", 403)
    try:
        with ctx.db.session(write=True) as db:
            row = sessions.join(db, ctx, store, staff.staff, data.get("code", "")[:20])
    except ApiError as exc:
        return _console_page(staff, exc.message, exc.status, exc.headers)
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
        terminal = db.get(Terminal, row.terminal_id)
    hint_list = [{"code": code, "text": text} for code, text in hints().items()]
    return pages.render(
        "session",
        "协助中",
        session_id=row.id,
        csrf_token=staff.csrf_token,
        terminal_name=terminal.name,
        terminal_site=terminal.site,
        raw={"hints_json": pages.json_attr(hint_list)},
    )


# --- the live view's JSON API -------------------------------------------------------------


def _joined_session(session_id: str, staff: StaffDep, ctx: CtxDep) -> HelpSession:
    with ctx.db.session(write=False) as db:
        return sessions.for_staff(db, staff.staff, session_id)


JoinedDep = Annotated[HelpSession, Depends(_joined_session)]


@router.get("/api/sessions/{session_id}/state")
async def live_state(
    row: JoinedDep,
    ctx: CtxDep,
    store: StoreDep,
    after: Annotated[int, Query(ge=0, le=2**31)] = 0,
    wait: Annotated[float, Query(ge=0, le=MAX_WAIT_S)] = 0,
) -> JSONResponse:
    """Long-polls until a frame newer than `after` arrives or the session ends."""
    await wait_until(lambda: (v := store.view(row.id)).frame_seq > after or v.ended, wait)
    live = store.view(row.id)

    def current_state() -> dict:
        with ctx.db.session(write=False) as db:
            return sessions.view(db.get(HelpSession, row.id), ctx.clock.now())["state"]

    state = await run_in_threadpool(current_state)
    return JSONResponse(
        {
            "frame_seq": live.frame_seq,
            "screen_id": live.screen_id,
            "consented": live.consented,
            "state": state,
        },
        headers={"Cache-Control": "no-store"},
    )


@router.get("/api/sessions/{session_id}/frames/{seq}")
def frame(row: JoinedDep, ctx: CtxDep, store: StoreDep, seq: int) -> Response:
    """The latest frame (a newer one than `seq` if it has already arrived); `seq` only makes
    each URL unique so no cache can serve an old picture."""
    latest = store.frame(row.id)
    if latest is None or sessions.is_over(row, ctx.clock.now()):
        raise ApiError(404, "not_found", "没有画面")
    return Response(
        latest.jpeg,
        media_type="image/jpeg",
        headers={"Cache-Control": "no-store", "X-Frame-Seq": str(latest.seq)},
    )


@router.post("/api/sessions/{session_id}/events", status_code=201)
def send_event(
    body: StaffEventIn,
    row: JoinedDep,
    staff: StaffDep,
    ctx: CtxDep,
    store: StoreDep,
    csrf: Annotated[str | None, Header(alias="X-CSRF-Token")] = None,
) -> dict:
    """Point (x, y normalised to the frame) or send a canned hint. Any other type is refused:
    staff can guide the senior but never press the kiosk's buttons."""
    staff_auth.require_csrf(staff, csrf)
    if sessions.is_over(row, ctx.clock.now()):
        raise ApiError(409, "help_ended", "协助已结束")
    if body.type == "pointer":
        if body.x is None or body.y is None:
            raise validation("x", "指点需要 x 和 y")
        seq = store.add_event(row.id, "pointer", x=body.x, y=body.y)
    elif body.type == "hint":
        text = hints().get(body.hint_code or "")
        if text is None:
            raise validation("hint_code", "没有这条提示")
        seq = store.add_event(row.id, "hint", hint_code=body.hint_code, text=text)
    else:
        raise ApiError(422, "event_type_not_allowed", "只能指点位置或发送提示", "type")
    return {"seq": seq}
