"""The operators' console under /ops: sign-in, every terminal's state, one terminal's page
(history, remote settings, masked screenshot on demand). Usage charts: usage_page.py.

Server-rendered like /staff; every POST checks the session's CSRF token. Not part of the
kiosk API, so kept out of the OpenAPI document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from backend.auth import CtxDep
from backend.errors import ApiError, is_plain_key
from backend.help import pages, staff_auth
from backend.help.staff_auth import StaffContext
from backend.models import Terminal
from backend.ops import health, release_views, releases, remote, screenshots, views
from backend.ops.models import ScreenshotRequest
from backend.ops.operator_auth import (
    COOKIE_PATH,
    LOGIN_COOKIE,
    LOGIN_TTL_S,
    OPERATOR,
    SESSION_COOKIE,
    OperatorDep,
    set_cookie,
)
from backend.safe_route import SafeRoute

router = APIRouter(prefix="/ops", route_class=SafeRoute, include_in_schema=False)
FormDep = Annotated[dict[str, str], Depends(pages.form)]
TEMPLATES = Path(__file__).with_name("templates")


def render(name: str, title: str, status: int = 200, **raw: str) -> Response:
    return pages.render(name, title, status, raw=raw, folder=TEMPLATES)


def to(path: str = "/ops") -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def nav(op: StaffContext, error: str = "") -> str:
    return pages.fragment(
        "nav",
        TEMPLATES,
        operator_name=views.escape(op.staff.display_name),
        csrf_token=op.csrf_token,
        error=views.escape(error),
    )


def settings_form(op: StaffContext, target: str = "") -> str:
    keys = [(k, k) for k in remote.ALLOWED_KEYS]
    return pages.fragment(
        "settings_form",
        TEMPLATES,
        csrf_token=op.csrf_token,
        target=views.escape(target),
        key_options=views.options(keys, ""),
    )


def sign_in_page(request: Request, error: str = "", status: int = 200, headers=None) -> Response:
    token = staff_auth.new_login_token()
    form = pages.fragment(
        "signin",
        pages.TEMPLATES,
        heading="运维人员登录",
        action="/ops/sign-in",
        error=views.escape(error),
        csrf_token=token,
    )
    response = render("page", "登录", status, content=form)
    response.headers.update(headers or {})
    set_cookie(request, response, LOGIN_COOKIE, token, LOGIN_TTL_S)
    return response


def fleet_page(op: StaffContext, ctx, site: str = "", error: str = "", status: int = 200):
    with ctx.db.session(write=False) as db:
        rows = health.fleet(db, ctx.clock.now(), site)
        site_names = health.sites(db)
        targets = {t: release_views.state(f, short=True) for t, f in releases.states(db).items()}
    counts = {s: sum(r.status == s for r in rows) for s in views.STATUS_LABELS}
    summary = "，".join(f"{views.STATUS_LABELS[s]} {n} 台" for s, n in counts.items())
    drift = sum(r.drift for r in rows)
    return render(
        "fleet",
        "全部终端",
        status,
        nav=nav(op, error),
        site_options=views.options([("", "全部站点"), *[(s, s) for s in site_names]], site),
        summary=views.escape(summary + (f"，版本不同 {drift} 台" if drift else "")),
        rows=views.fleet_rows(rows, targets),
        settings_form=settings_form(op),
    )


def refused_csrf(op: StaffContext, data: dict[str, str]) -> bool:
    return not staff_auth.csrf_matches(op.csrf_token, data.get("csrf_token"))


@router.get("")
def fleet(request: Request, op: OperatorDep, ctx: CtxDep, site: str = "") -> Response:
    return sign_in_page(request) if op is None else fleet_page(op, ctx, site[:200])


@router.post("/sign-in")
def sign_in(request: Request, data: FormDep, ctx: CtxDep) -> Response:
    if not staff_auth.csrf_matches(request.cookies.get(LOGIN_COOKIE, ""), data.get("csrf_token")):
        return sign_in_page(request, "页面已过期，请重新登录", 403)
    username, password = data.get("username", "")[:40], data.get("password", "")[:200]
    try:
        with ctx.db.session(write=True) as db:
            token = staff_auth.sign_in(db, ctx, username, password, OPERATOR)
    except ApiError as exc:
        return sign_in_page(request, exc.message, exc.status, exc.headers)
    response = to()
    set_cookie(
        request, response, SESSION_COOKIE, token, int(staff_auth.SESSION_TTL.total_seconds())
    )
    response.delete_cookie(LOGIN_COOKIE, path=COOKIE_PATH)
    return response


@router.post("/sign-out")
def sign_out(op: OperatorDep, data: FormDep, ctx: CtxDep) -> Response:
    if op is not None and not refused_csrf(op, data):
        with ctx.db.session(write=True) as db:
            staff_auth.sign_out(db, op.session_id, OPERATOR)
    response = to()
    response.delete_cookie(SESSION_COOKIE, path=COOKIE_PATH)
    return response


def _terminal_values(db, ctx, terminal: Terminal) -> dict[str, str]:
    h = db.get(health.TerminalHealth, terminal.id)
    status = health.status_of(h, ctx.clock.now())
    return {
        "terminal_id": views.escape(terminal.id),
        "terminal_name": views.escape(terminal.name),
        "terminal_site": views.escape(terminal.site),
        "status_class": status,
        "status_label": views.STATUS_LABELS[status],
        "version": views.escape(h.version if h else "—"),
        "last_seen": views.when(h.last_seen if h else None),
        "uptime": f"{h.uptime_s // 3600} 小时 {h.uptime_s % 3600 // 60} 分" if h else "—",
        "disk": f"{h.disk_free_mb} MB" if h else "—",
        "outbox": str(h.outbox_depth) if h else "—",
        "peripherals": views.peripherals(h.peripherals) if h else "",
        "errors": views.escape(" ".join(h.error_codes) if h and h.error_codes else "无"),
        "history": views.history(health.history(db, terminal.id)),
        "settings": views.setting_rows(remote.for_terminal(db, terminal)),
        "screenshot": views.screenshot(screenshots.latest(db, terminal.id)),
        "release_state": release_views.state(releases.state_of(db, terminal)),
    }


@router.get("/terminals/{terminal_id}")
def terminal_page(terminal_id: str, op: OperatorDep, ctx: CtxDep, error: str = "") -> Response:
    if op is None:
        return to()
    with ctx.db.session(write=False) as db:
        terminal = db.get(Terminal, terminal_id) if is_plain_key(terminal_id) else None
        if terminal is None:
            return fleet_page(op, ctx, error="没有这台终端", status=404)
        values = _terminal_values(db, ctx, terminal)
        values["release_form"] = release_views.form(
            op.csrf_token, releases.published(db), terminal.id
        )
    return render(
        "terminal",
        terminal.name,
        nav=nav(op, error[:100]),
        csrf_token=op.csrf_token,
        settings_form=settings_form(op, terminal.id),
        **values,
    )


@router.post("/terminals/{terminal_id}/screenshot")
def ask_screenshot(terminal_id: str, op: OperatorDep, data: FormDep, ctx: CtxDep) -> Response:
    if op is None or refused_csrf(op, data):
        return to()
    with ctx.db.session(write=True) as db:
        if not is_plain_key(terminal_id) or db.get(Terminal, terminal_id) is None:
            return to()
        screenshots.request(db, terminal_id, op.staff.id, ctx.clock.now())
        db.commit()
    return to(f"/ops/terminals/{terminal_id}")


@router.get("/screenshots/{request_id}.jpg")
def screenshot_image(request_id: int, op: OperatorDep, ctx: CtxDep) -> Response:
    if op is None:
        raise ApiError(401, "unauthorized", "请先登录")
    with ctx.db.session(write=False) as db:
        row = db.get(ScreenshotRequest, request_id) if 0 < request_id < 2**31 else None
        if row is None or row.jpeg is None:
            raise ApiError(404, "not_found", "没有这张截图")
        return Response(row.jpeg, media_type="image/jpeg", headers={"Cache-Control": "no-store"})


@router.post("/settings")
def change_setting(op: OperatorDep, data: FormDep, ctx: CtxDep) -> Response:
    if op is None or refused_csrf(op, data):
        return to()
    scope, target, key = (
        data.get("scope", ""),
        data.get("target", "").strip()[:200],
        data.get("key", ""),
    )
    back = f"/ops/terminals/{target}" if scope == "terminal" and is_plain_key(target) else "/ops"
    try:
        value = remote.parse_value(key, data.get("value", ""))
        with ctx.db.session(write=True) as db:
            remote.create(db, op.staff.id, scope, target, {key: value}, ctx.clock.now())
            db.commit()
    except ApiError as exc:
        return fleet_page(op, ctx, error=exc.message, status=exc.status)
    return to(back)
