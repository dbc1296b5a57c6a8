"""Public status pages at /s/{token}: no auth; the unguessable token is the only key."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from backend import status_page
from backend.deps import public_base, reading
from backend.errors import is_plain_key
from backend.models import Application, Citizen, Order
from backend.safe_route import SafeRoute
from backend.services import applications, orders
from civic_core.idnumber import mask_name

router = APIRouter(route_class=SafeRoute, include_in_schema=False)

_HEADERS = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "no-referrer",
}


@router.get("/s/{token}", response_class=HTMLResponse)
def public_status(token: str, request: Request) -> HTMLResponse:
    if is_plain_key(token):
        with reading(request) as db:
            page = _page(db, public_base(request), token)
        if page is not None:
            return HTMLResponse(page, headers=_HEADERS)
    return HTMLResponse(status_page.not_found_page(), status_code=404, headers=_HEADERS)


def _page(db: Session, base: str, token: str) -> str | None:
    order = db.scalar(
        select(Order).where(Order.public_token == token).options(selectinload(Order.history))
    )
    if order is not None:
        return status_page.order_page(orders.view(order, base), mask_name(order.citizen.name))
    app = db.scalar(select(Application).where(Application.public_token == token))
    if app is not None:
        name = mask_name(db.get(Citizen, app.citizen_id).name)
        return status_page.application_page(applications.detail(app, base), name)
    return None
