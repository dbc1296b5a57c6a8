"""Care services, slots and the citizen's orders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Header, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from backend.auth import CitizenContext, CitizenDep, CtxDep, OptionalCitizenDep, TerminalDep
from backend.context import AppContext
from backend.deps import public_base, reading
from backend.help import volunteers
from backend.help.kiosk_routes import VolunteerTokenHeader
from backend.models import Order
from backend.routes import api_router
from backend.schemas import (
    CancelIn,
    IsoDate,
    OrderCreateIn,
    OrderList,
    OrderOut,
    RatingIn,
    RescheduleIn,
    ServiceList,
    SlotList,
    TransitionList,
)
from backend.services import catalogue, idempotency, orders

router = api_router("care")

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        pattern=idempotency.KEY_PATTERN,
        description="1–64 visible ASCII characters; a repeat with the same request returns the "
        "first answer, with another request 422 idempotency_key_reused",
    ),
]


@router.get("/services", response_model=ServiceList)
def list_services(request: Request, _terminal: TerminalDep, citizen: OptionalCitizenDep) -> dict:
    """Priced for the citizen when X-Citizen-Session is sent, else full price."""
    with reading(request) as db:
        return {"items": catalogue.services_view(db, citizen.citizen.tags if citizen else None)}


@router.get("/services/{code}/slots", response_model=SlotList)
def list_slots(
    code: str,
    request: Request,
    _terminal: TerminalDep,
    ctx: CtxDep,
    from_: Annotated[
        IsoDate | None,
        Query(
            alias="from",
            description="first day; default today. Slots exist for the coming weeks only: "
            "a first day more than a year from today gives an empty list",
        ),
    ] = None,
    days: Annotated[int, Query(ge=1, le=31)] = 7,
) -> dict:
    first_day = from_ or ctx.clock.today()
    with reading(request) as db:
        return {"items": catalogue.slots_view(db, code, first_day, days, ctx.clock.now())}


def _run(
    request: Request,
    citizen: CitizenContext,
    ctx: AppContext,
    key: str | None,
    body: dict,
    status: int,
    action: Callable[[Session], Order],
) -> JSONResponse:
    """Run a change in one write transaction, begun and committed in this worker thread."""
    base = public_base(request)
    with ctx.db.session(write=True) as db:
        answer = idempotency.run(
            db,
            ctx,
            terminal_id=citizen.terminal.id,
            key=key,
            status=status,
            print_=idempotency.fingerprint(request.url.path, citizen.citizen.id, body),
            action=lambda: orders.view(action(db), base),
        )
    return JSONResponse(answer.body, answer.status)


@router.post("/orders", response_model=OrderOut, status_code=201)
def create_order(
    body: OrderCreateIn,
    request: Request,
    citizen: CitizenDep,
    ctx: CtxDep,
    idempotency_key: IdempotencyKey = None,
    volunteer_token: VolunteerTokenHeader = None,
) -> JSONResponse:
    """booked_by "volunteer" needs X-Volunteer-Token from that volunteer's sign-in at this terminal."""

    def create(db: Session) -> Order:
        volunteers.verify_for_order(
            db, ctx, citizen.terminal, body.booked_by, body.volunteer_id, volunteer_token
        )
        return orders.create(
            db,
            ctx,
            citizen.citizen,
            slot_id=body.slot_id,
            booked_by=body.booked_by,
            volunteer_id=body.volunteer_id,
            channel=body.channel,
        )

    return _run(request, citizen, ctx, idempotency_key, body.model_dump(mode="json"), 201, create)


@router.get("/orders", response_model=OrderList)
def list_orders(request: Request, citizen: CitizenDep) -> dict:
    with reading(request) as db:
        base = public_base(request)
        return {"items": [orders.view(o, base) for o in orders.list_for(db, citizen.citizen.id)]}


@router.get("/orders/{number}", response_model=OrderOut)
def get_order(number: str, request: Request, citizen: CitizenDep) -> dict:
    with reading(request) as db:
        return orders.view(orders.get_for(db, citizen.citizen.id, number), public_base(request))


@router.get("/orders/{number}/history", response_model=TransitionList)
def order_history(number: str, request: Request, citizen: CitizenDep) -> dict:
    with reading(request) as db:
        return {
            "items": [
                orders.transition(e) for e in orders.get_for(db, citizen.citizen.id, number).history
            ]
        }


@router.post("/orders/{number}/cancel", response_model=OrderOut)
def cancel_order(
    number: str,
    body: CancelIn,
    request: Request,
    citizen: CitizenDep,
    ctx: CtxDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    return _run(
        request,
        citizen,
        ctx,
        idempotency_key,
        body.model_dump(mode="json"),
        200,
        lambda db: orders.cancel(
            db, ctx, orders.get_for(db, citizen.citizen.id, number), body.reason
        ),
    )


@router.post("/orders/{number}/reschedule", response_model=OrderOut)
def reschedule_order(
    number: str,
    body: RescheduleIn,
    request: Request,
    citizen: CitizenDep,
    ctx: CtxDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    return _run(
        request,
        citizen,
        ctx,
        idempotency_key,
        body.model_dump(mode="json"),
        200,
        lambda db: orders.reschedule(
            db, ctx, orders.get_for(db, citizen.citizen.id, number), body.slot_id
        ),
    )


@router.post("/orders/{number}/rating", response_model=OrderOut)
def rate_order(
    number: str,
    body: RatingIn,
    request: Request,
    citizen: CitizenDep,
    ctx: CtxDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    return _run(
        request,
        citizen,
        ctx,
        idempotency_key,
        body.model_dump(mode="json"),
        200,
        lambda db: orders.rate(
            orders.get_for(db, citizen.citizen.id, number), body.score, body.tags
        ),
    )
