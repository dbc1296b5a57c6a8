"""The slip's public page at /b/{token}: no auth, the unguessable token is the only key.

It shows what the kiosk showed, as kept with the screening: the masked name, the day, each
policy's result in plain words, what to bring and where. No ID number, phone or address.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from backend import status_page
from backend.auth import CtxDep
from backend.benefits.models import BenefitScreening
from backend.deps import reading
from backend.errors import is_plain_key
from backend.models import Citizen
from backend.safe_route import SafeRoute
from civic_core.idnumber import mask_name

router = APIRouter(route_class=SafeRoute, include_in_schema=False)
_HEADERS = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "no-referrer",
}
OUTCOME_WORDS = {
    "likely": "可能符合，可以去申请",
    "need_info": "还需要了解情况",
    "receiving": "已在享受",
    "applied": "已申请，正在办理",
}


def _detail(result: dict) -> str:
    """Why, for the lines to act on (already receiving or applied needs no more words)."""
    if result["outcome"] == "need_info":
        return "；".join(r["text"] for r in result["reasons"])
    if result["outcome"] != "likely":
        return ""
    amount = f"每月{result['monthly_yuan']}元。" if result.get("monthly_yuan") else ""
    return amount + result.get("who", "")


def _line(result: dict) -> str:
    reasons = _detail(result)
    detail = f'<br><span class="note">{escape(reasons)}</span>' if reasons else ""
    return f"<li><b>{escape(result['name'])}</b>：{escape(OUTCOME_WORDS[result['outcome']])}{detail}</li>"


def _where(results: list[dict]) -> str:
    offices = {r["office"]["name"]: r["office"] for r in results}
    bring = dict.fromkeys(item for r in results for item in r["bring"])
    parts = [f"<h2>带上这些材料</h2><ul>{''.join(f'<li>{escape(b)}</li>' for b in bring)}</ul>"]
    for office in offices.values():
        parts.append(
            f"<h2>到这里申请</h2><p>{escape(office['name'])}<br>{escape(office['address'])}"
            f"<br>{escape(office['hours'])}</p>"
        )
    return "".join(parts)


def slip_page(row: BenefitScreening, masked_name: str) -> str:
    shown = [r for r in row.results if r["outcome"] in OUTCOME_WORDS]
    to_apply = [r for r in shown if r["outcome"] in ("likely", "need_info")]
    body = (
        f"<p>{escape(masked_name)}　{row.screened_on.year}年{row.screened_on.month}月"
        f"{row.screened_on.day}日在自助终端查询</p>"
        f"<ul>{''.join(_line(r) for r in shown) or '<li>暂时没有找到可能符合的补贴</li>'}</ul>"
        + (_where(to_apply) if to_apply else "")
        + '<p class="note">这里只是初步查询，是否符合由窗口审核决定。</p>'
    )
    return status_page.page("我能享受哪些补贴", body)


@router.get("/b/{token}", response_class=HTMLResponse)
def public_slip(token: str, request: Request, ctx: CtxDep) -> HTMLResponse:
    if is_plain_key(token):
        with reading(request) as db:
            row = db.scalar(select(BenefitScreening).where(BenefitScreening.public_token == token))
            if row is not None:
                name = mask_name(db.get(Citizen, row.citizen_id).name)
                return HTMLResponse(slip_page(row, name), headers=_HEADERS)
    return HTMLResponse(status_page.not_found_page(), status_code=404, headers=_HEADERS)
