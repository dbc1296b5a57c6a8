"""老人留下的请求 in the staff console (backend/help/callbacks.py):

    GET  /staff/requests                 open requests, oldest first, and the last 7 days' closed
    POST /staff/requests/{id}/call       ring the senior back through the phone system
    POST /staff/requests/{id}/move       move the booking to the time agreed (closes it)
    POST /staff/requests/{id}/close      close it with an outcome

Every POST checks the CSRF token and answers with the page and one status line (what was
done, or why not). Server-rendered like the rest of the console; not in the OpenAPI document.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from backend.auth import CtxDep
from backend.errors import ApiError, not_found, validation
from backend.help import callbacks, pages, staff_auth
from backend.help.callbacks import KINDS, OUTCOMES, OpenRequest
from backend.help.staff_auth import OptionalStaffDep, StaffContext
from backend.help.staff_routes import FormDep
from backend.safe_route import SafeRoute

router = APIRouter(prefix="/staff/requests", route_class=SafeRoute, include_in_schema=False)


def _form(action: str, csrf: str, inner: str, css: str = "inline") -> str:
    return (
        f'<form method="post" action="{action}" class="{css}">'
        f'<input type="hidden" name="csrf_token" value="{escape(csrf)}">{inner}</form>'
    )


def _booking_cell(entry: OpenRequest, csrf: str) -> str:
    b = entry.booking
    if b is None:
        return "—"
    text = f"{escape(b.service)} · {escape(b.when)}<br><span class='note'>预约号 {escape(b.number)} · {escape(b.status)}</span>"
    if entry.kind != "reschedule" or not b.movable or not entry.choices:
        return text
    if not b.slots:
        return text + "<p class='note'>7 天内没有空闲时段</p>"
    options = pages.options(
        [("", "选择和老人商量好的新时间")] + [(str(i), w) for i, w in b.slots], ""
    )
    picker = (
        f'<label>改到 <select name="slot" required>{options}</select></label>'
        f'<button type="submit">确认改约</button>'
    )
    return text + _form(f"/staff/requests/{entry.id}/move", csrf, picker, "move")


def _actions_cell(entry: OpenRequest, csrf: str, can_call: bool) -> str:
    cell = [f"<span class='note'>{escape(entry.calls)}</span>"]
    if entry.choices != ("moot",):
        label = "再拨一次" if entry.choices else "拨打回电"
        disabled = "" if can_call else " disabled"
        cell.append(_form(f"/staff/requests/{entry.id}/call", csrf,
                          f'<button type="submit" class="call"{disabled}>{label}</button>'))  # fmt: skip
    if entry.choices:
        options = pages.options([(c, OUTCOMES[c]) for c in entry.choices], entry.choices[0])
        cell.append(_form(f"/staff/requests/{entry.id}/close", csrf,
                          f'<select name="outcome" aria-label="结果">{options}</select>'
                          f'<button type="submit" class="quiet">标记已处理</button>', "close"))  # fmt: skip
    return "".join(cell)


def _open_rows(entries: list[OpenRequest], csrf: str, can_call: bool) -> str:
    if not entries:
        return '<tr class="empty"><td colspan="6">现在没有老人留下的请求</td></tr>'
    return "".join(
        f'<tr data-request="{e.id}"><td><strong>{KINDS[e.kind]}</strong></td>'
        f"<td>{escape(e.name)}<br><span class='note'>{escape(e.phone)}</span></td>"
        f"<td>{escape(e.place)}</td><td>{escape(e.asked)}<br><span class='note'>已等 "
        f"{escape(e.waited)}</span></td><td>{_booking_cell(e, csrf)}</td>"
        f"<td>{_actions_cell(e, csrf, can_call)}</td></tr>"
        for e in entries
    )


def _closed_rows(db, now) -> str:
    closed = callbacks.recently_closed(db, now)
    if not closed:
        return '<tr class="empty"><td colspan="5">最近 7 天没有处理过的请求</td></tr>'
    return "".join(
        f"<tr><td>{KINDS[c.kind]}</td><td>{escape(c.name)}</td><td>{escape(c.outcome)}</td>"
        f"<td>{escape(c.by)}</td><td>{escape(c.at)}</td></tr>"
        for c in closed
    )


def _page(request: Request, staff: StaffContext, ctx, shown: str = "", error: str = "",
          status: int = 200, headers: dict[str, str] | None = None) -> Response:  # fmt: skip
    can_call = request.app.state.call_gateway is not None
    now = ctx.clock.now()
    with ctx.db.session(write=False) as db:
        entries = callbacks.open_requests(db, now)
        closed = _closed_rows(db, now)
    response = pages.render(
        "requests", f"老人留下的请求（{len(entries)}）", status,
        staff_name=staff.staff.display_name, shown=shown, error=error, count=len(entries),
        raw={"open_rows": _open_rows(entries, staff.csrf_token, can_call), "closed_rows": closed,
             "no_gateway": "" if can_call else
             '<p class="error">电话系统还没有接入，暂时不能回拨，请联系管理员。</p>'},
    )  # fmt: skip
    response.headers.update(headers or {})
    return response


@router.get("")
def desk(request: Request, staff: OptionalStaffDep, ctx: CtxDep) -> Response:
    if staff is None:
        return RedirectResponse("/staff", status_code=303)
    return _page(request, staff, ctx)


def _request_id(text: str) -> int:
    if not (text.isdigit() and len(text) <= 9):
        raise not_found("请求")
    return int(text)


def _act(request: Request, staff: StaffContext | None, data: dict, ctx, act) -> Response:
    """Check the sign-in and the CSRF token, run act(db, staff account), show the outcome."""
    if staff is None:
        return RedirectResponse("/staff", status_code=303)
    if not staff_auth.csrf_matches(staff.csrf_token, data.get("csrf_token")):
        return _page(request, staff, ctx, error="页面已过期，请刷新后重试", status=403)
    try:
        with ctx.db.session(write=True) as db:
            shown = act(db, staff.staff)
    except ApiError as exc:
        return _page(request, staff, ctx, error=exc.message, status=exc.status,
                     headers=exc.headers)  # fmt: skip
    return _page(request, staff, ctx, shown=shown)


@router.post("/{request_id}/call")
def call(request_id: str, request: Request, staff: OptionalStaffDep, data: FormDep,
         ctx: CtxDep) -> Response:  # fmt: skip
    gateway = request.app.state.call_gateway
    return _act(request, staff, data, ctx, lambda db, who: callbacks.dial(
        db, ctx, gateway, who, _request_id(request_id)))  # fmt: skip


@router.post("/{request_id}/move")
def move(request_id: str, request: Request, staff: OptionalStaffDep, data: FormDep,
         ctx: CtxDep) -> Response:  # fmt: skip
    def act(db, who):
        slot = data.get("slot", "")
        if not (slot.isdigit() and len(slot) <= 9):
            raise validation("slot", "请选择新时间")
        return callbacks.move(db, ctx, who, _request_id(request_id), int(slot))

    return _act(request, staff, data, ctx, act)


@router.post("/{request_id}/close")
def close(request_id: str, request: Request, staff: OptionalStaffDep, data: FormDep,
          ctx: CtxDep) -> Response:  # fmt: skip
    outcome = data.get("outcome", "")[:20]
    return _act(request, staff, data, ctx, lambda db, who: callbacks.close(
        db, ctx, who, _request_id(request_id), outcome))  # fmt: skip
