"""主动发现 in the staff console, for accounts with the "community" role (社区工作者):

    GET  /staff/outreach                  per policy: how many are likely and have not applied
    GET  /staff/outreach/{policy}         the masked list (each view audited)
    POST /staff/outreach/{policy}/phone   one citizen's full number, to phone them (audited)

Server-rendered like the rest of the console; kept out of the OpenAPI document.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from backend.auth import CtxDep
from backend.benefits import outreach
from backend.benefits.deps import rules_of
from backend.benefits.rules import Rules
from backend.help import pages, staff_auth
from backend.help.staff_auth import OptionalStaffDep, StaffContext
from backend.help.staff_routes import FormDep
from backend.models import Citizen
from backend.safe_route import SafeRoute
from civic_core.idnumber import mask_name

router = APIRouter(prefix="/staff/outreach", route_class=SafeRoute, include_in_schema=False)
TEMPLATES = Path(__file__).with_name("templates")


def _page(name: str, title: str, status: int = 200, **values) -> Response:
    return pages.render(name, title, status, folder=TEMPLATES, **values)


def _allowed(ctx, staff: StaffContext | None) -> bool:
    with ctx.db.session(write=False) as db:
        return outreach.has_role(db, staff.staff.id, outreach.COMMUNITY_ROLE)


def _gate(ctx, staff: StaffContext | None) -> Response | None:
    """None when this staff member may see 主动发现, else the page to answer with."""
    if staff is None:
        return RedirectResponse("/staff", status_code=303)
    if not _allowed(ctx, staff):
        return _page("outreach_denied", "没有权限", 403)
    return None


@router.get("")
def overview(request: Request, staff: OptionalStaffDep, ctx: CtxDep) -> Response:
    refused = _gate(ctx, staff)
    if refused:
        return refused
    rules = rules_of(request)
    with ctx.db.session(write=False) as db:
        found = outreach.likely_not_applied(db, rules, ctx.clock.today())
    rows = "".join(
        f'<tr><td>{escape(p.name)}</td><td class="count">{len(found[p.code])}</td>'
        f'<td><a href="/staff/outreach/{p.code}">查看名单</a></td></tr>'
        for p in rules.policies
    )
    return _page(
        "outreach", "主动发现", staff_name=staff.staff.display_name, today=str(ctx.clock.today()),
        raw={"rows": rows},
    )  # fmt: skip


def _rows(policy_code: str, candidates, csrf: str) -> str:
    return "".join(
        f"<tr><td>{escape(c.display_name)}</td><td>{c.age if c.age is not None else '—'}</td>"
        f"<td>{escape(c.address_masked)}</td><td>{escape(c.phone_masked)}</td><td>"
        f'<form method="post" action="/staff/outreach/{policy_code}/phone" class="inline">'
        f'<input type="hidden" name="csrf_token" value="{escape(csrf)}">'
        f'<input type="hidden" name="citizen" value="{c.citizen_id}">'
        f'<button type="submit">显示电话</button></form></td></tr>'
        for c in candidates
    )


def _list_page(ctx, rules: Rules, staff: StaffContext, code: str, shown: str = "") -> Response:
    policy = rules.policy(code)
    if policy is None:
        return _page("outreach_denied", "没有这项补贴", 404)
    with ctx.db.session(write=True) as db:
        candidates = outreach.likely_not_applied(db, rules, ctx.clock.today())[code]
        outreach.audit(
            db, ctx.clock.now(), staff.staff.id, "view_list", code, listed=len(candidates)
        )
    return _page(
        "outreach_list", policy.name, staff_name=staff.staff.display_name, policy_name=policy.name,
        count=len(candidates), shown=shown,
        raw={"rows": _rows(code, candidates, staff.csrf_token)},
    )  # fmt: skip


@router.get("/{code}")
def policy_list(code: str, request: Request, staff: OptionalStaffDep, ctx: CtxDep) -> Response:
    return _gate(ctx, staff) or _list_page(ctx, rules_of(request), staff, code)


@router.post("/{code}/phone")
def show_phone(
    code: str, request: Request, staff: OptionalStaffDep, data: FormDep, ctx: CtxDep
) -> Response:
    refused = _gate(ctx, staff)
    if refused:
        return refused
    rules = rules_of(request)
    if not staff_auth.csrf_matches(staff.csrf_token, data.get("csrf_token")):
        return _list_page(ctx, rules, staff, code, "页面已过期，请刷新后重试")
    return _list_page(ctx, rules, staff, code, _phone_line(ctx, rules, staff, code, data))


def _phone_line(ctx, rules: Rules, staff: StaffContext, code: str, data: dict) -> str:
    """The number of one citizen on this policy's list (nobody else's), audited."""
    wanted = data.get("citizen", "")
    if rules.policy(code) is None or not (wanted.isdigit() and len(wanted) <= 9):
        return "没有这位居民"
    with ctx.db.session(write=True) as db:
        listed = outreach.likely_not_applied(db, rules, ctx.clock.today())[code]
        if int(wanted) not in {c.citizen_id for c in listed}:
            return "这位居民不在名单上"
        citizen = db.get(Citizen, int(wanted))
        outreach.audit(
            db, ctx.clock.now(), staff.staff.id, "show_phone", code, citizen_id=citizen.id
        )
        return f"{mask_name(citizen.name)} 的电话：{citizen.phone}"
