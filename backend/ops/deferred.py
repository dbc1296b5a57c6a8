"""Actions that can wait, replayed from a kiosk's outbox (issue 15, offline):

    POST /api/v1/ops/deferrals         (citizen session) a 24 h grant for this citizen here
    POST /api/v1/ops/outbox/rating     X-Deferral-Token + Idempotency-Key: rate an order
    POST /api/v1/ops/outbox/requests   X-Deferral-Token + Idempotency-Key: callback / reschedule

A rating replayed here has the fingerprint the rating route gives it (same path, citizen
and body), so if the first attempt reached the backend before the network dropped, the
replay returns that stored answer and rates nothing twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import select

from backend.auth import CitizenDep, CtxDep, TerminalDep, new_token, token_hash
from backend.clock import aware, local_naive
from backend.deps import public_base
from backend.errors import ApiError, invalid_state, validation
from backend.models import Terminal
from backend.ops.models import DeferralGrant, DeferredRequest
from backend.routes import api_router
from backend.routes.care import IdempotencyKey
from backend.schemas import JsonDateTime, OrderOut, RatingIn, RequestBody
from backend.services import idempotency, orders

router = api_router("ops")
GRANT_TTL = dt.timedelta(hours=24)
DeferralToken = Annotated[str, Header(alias="X-Deferral-Token", min_length=20, max_length=100,
                                      pattern=r"^[A-Za-z0-9_-]+$")]  # fmt: skip


class GrantOut(BaseModel):
    token: str
    expires_at: dt.datetime


class OutboxRatingIn(RatingIn):
    number: Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{1,20}$")]


class OutboxRequestIn(RequestBody):
    kind: Literal["callback", "reschedule"]
    order_number: Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{1,20}$")] | None = None
    queued_at: JsonDateTime


class RequestOut(BaseModel):
    id: int
    kind: str


@router.post("/ops/deferrals", response_model=GrantOut, status_code=201)
def grant(citizen: CitizenDep, ctx: CtxDep) -> dict:
    token, now = new_token(), ctx.clock.now()
    with ctx.db.session(write=True) as db:
        db.add(DeferralGrant(token_hash=token_hash(token), citizen_id=citizen.citizen.id,
                             terminal_id=citizen.terminal.id, expires_at=now + GRANT_TTL))  # fmt: skip
        db.commit()
    return {"token": token, "expires_at": aware(now + GRANT_TTL)}


def _citizen_of(db, terminal: Terminal, token: str, now: dt.datetime) -> int:
    row = db.scalar(select(DeferralGrant).where(DeferralGrant.token_hash == token_hash(token)))
    if row is None or row.terminal_id != terminal.id or row.expires_at <= now:
        raise ApiError(401, "deferral_expired", "这项待发送的操作已过期（超过 24 小时）")
    return row.citizen_id


@router.post("/ops/outbox/rating", response_model=OrderOut)
def replay_rating(body: OutboxRatingIn, request: Request, terminal: TerminalDep, ctx: CtxDep,
                  deferral: DeferralToken, idempotency_key: IdempotencyKey = None) -> JSONResponse:  # fmt: skip
    rating = RatingIn(score=body.score, tags=body.tags).model_dump(mode="json")
    path = f"/api/v1/orders/{body.number}/rating"  # the rating route's fingerprint
    with ctx.db.session(write=True) as db:
        citizen_id = _citizen_of(db, terminal, deferral, ctx.clock.now())
        answer = idempotency.run(
            db, ctx, terminal_id=terminal.id, key=idempotency_key, status=200,
            print_=idempotency.fingerprint(path, citizen_id, rating),
            action=lambda: orders.view(orders.rate(orders.get_for(db, citizen_id, body.number),
                                                   body.score, body.tags), public_base(request)),
        )  # fmt: skip
    return JSONResponse(answer.body, answer.status)


def _check_order(db, citizen_id: int, body: OutboxRequestIn) -> None:
    """A reschedule request names one of the citizen's bookings that may still be moved (404
    not_found, 409 invalid_state: final, the kiosk drops it); a callback may name one."""
    if body.order_number is None:
        if body.kind == "reschedule":
            raise validation("order_number", "改约申请要写明是哪个预约")
        return
    order = orders.get_for(db, citizen_id, body.order_number)
    if body.kind == "reschedule" and "reschedule" not in orders.actions(order):
        raise invalid_state("这个预约现在不能改约")


@router.post("/ops/outbox/requests", response_model=RequestOut, status_code=201)
def replay_request(body: OutboxRequestIn, request: Request, terminal: TerminalDep, ctx: CtxDep,
                   deferral: DeferralToken, idempotency_key: IdempotencyKey = None) -> JSONResponse:  # fmt: skip
    """A callback request (the hotline calls back) or a reschedule request (staff agree a new
    time with the citizen) for one of the citizen's bookings that may still be moved (404
    not_found, 409 invalid_state, 422 validation_error without one); the citizen's phone stays
    on the backend, the kiosk never stored it. Replayed with the same Idempotency-Key: the
    stored answer, one request."""
    now = ctx.clock.now()
    with ctx.db.session(write=True) as db:
        citizen_id = _citizen_of(db, terminal, deferral, now)
        _check_order(db, citizen_id, body)

        def store() -> dict:
            row = DeferredRequest(kind=body.kind, citizen_id=citizen_id, terminal_id=terminal.id,
                                  order_number=body.order_number, received_at=now,
                                  queued_at=local_naive(body.queued_at))  # fmt: skip
            db.add(row)
            db.flush()
            return {"id": row.id, "kind": row.kind}

        answer = idempotency.run(
            db, ctx, terminal_id=terminal.id, key=idempotency_key, status=201,
            print_=idempotency.fingerprint(request.url.path, citizen_id, body.model_dump(mode="json")),
            action=store,
        )  # fmt: skip
    return JSONResponse(answer.body, answer.status)
