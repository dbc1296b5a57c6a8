"""Demo-only routes, 404 unless the server runs in demo mode: move an order on as its
provider would, so a demo booking can reach 已完成 and be rated at the kiosk; move the
server's clock on, so heartbeats can go missing without waiting (one worker only); list the
demo citizens' ID cards, so the kiosk can offer them to someone trying it (演示身份证)."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from backend.auth import CtxDep, TerminalDep
from backend.clock import aware
from backend.deps import public_base
from backend.errors import is_plain_key, not_found
from backend.models import Order
from backend.routes import api_router
from backend.schemas import DemoAdvanceIn, DemoCardsOut, DemoClockIn, DemoClockOut, OrderOut
from backend.services import orders
from civic_core.idnumber import mask_name

router = api_router("demo")


@router.post("/demo/orders/{number}/advance", response_model=OrderOut)
def advance_order(
    number: str, body: DemoAdvanceIn, request: Request, _terminal: TerminalDep, ctx: CtxDep
) -> dict:
    """To the next status (待派单 → 已派单 → 已接单 → 服务中 → 已完成), or on to `to`;
    `to: "no_show"` marks a dispatched or accepted order 未履约."""
    if not ctx.settings.demo:
        raise not_found("演示功能")
    if not is_plain_key(number):
        raise not_found("预约")
    with ctx.db.session(write=True) as db:
        order = db.scalar(
            select(Order).where(Order.number == number).options(selectinload(Order.history))
        )
        if order is None:
            raise not_found("预约")
        orders.advance(db, ctx, order, body.to)
        db.commit()
        return orders.view(order, public_base(request))


@router.post("/demo/clock", response_model=DemoClockOut)
def advance_clock(body: DemoClockIn, _terminal: TerminalDep, ctx: CtxDep) -> dict:
    """Move the server's clock `advance_s` seconds on (never back)."""
    if not ctx.settings.demo:
        raise not_found("演示功能")
    ctx.clock.advance(seconds=body.advance_s)
    return {"now": aware(ctx.clock.now())}


@router.get("/demo/cards", response_model=DemoCardsOut)
def demo_cards(_terminal: TerminalDep, ctx: CtxDep) -> dict:
    """The demo citizens' cards in seeding order: what the card reader would read, with the
    name masked as everywhere else and the ID number's last four characters."""
    if not ctx.settings.demo:
        raise not_found("演示功能")
    from backend.demo import DEMO_CITIZENS  # demo data only loads in demo mode

    items = [{"payload": c.card_payload, "display_name": mask_name(c.name),
              "id_tail": c.id_number[-4:]} for c in DEMO_CITIZENS]  # fmt: skip
    return {"items": items}
