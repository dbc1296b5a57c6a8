"""Care orders: booking without overbooking, the status machine, and the order view."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session, selectinload

from backend.clock import aware
from backend.codes import (
    ACTORS,
    BOOKED_BY,
    CHANNELS,
    CITIZEN_TAGS,
    COMPLETED_RATED_LABEL,
    ORDER_STATUSES,
    RATING_SCORES,
    RATING_TAGS,
    code_label,
)
from backend.context import AppContext
from backend.errors import ApiError, invalid_state, is_plain_key, not_found, validation
from backend.metrics import BOOKINGS
from backend.models import Citizen, Order, OrderEvent, Service, Slot
from backend.services.citizens import mask_address
from backend.services.pricing import price_for
from backend.status_page import status_url

# Before a provider has started, the senior may still cancel or move the visit.
CHANGEABLE = frozenset({"pending_dispatch", "dispatched", "accepted"})
CITIZEN = ("citizen", "kiosk")  # who changed an order, and where: (ACTORS, CHANNELS) codes
# The provider's normal progression (the demo route walks it).
NEXT_STATUS = {
    "pending_dispatch": "dispatched",
    "dispatched": "accepted",
    "accepted": "in_service",
    "in_service": "completed",
}


def take_place(db: Session, slot_id: int) -> bool:
    """Book one place if one is left. A single conditional UPDATE, so it cannot overbook on
    SQLite (writers are serialised) nor on PostgreSQL (the row lock re-checks the condition)."""
    # An UPDATE's result is a CursorResult (it has rowcount); the Session's signature says Result.
    result = cast(CursorResult, db.execute(
        update(Slot)
        .where(Slot.id == slot_id, Slot.booked < Slot.capacity)
        .values(booked=Slot.booked + 1)
        .execution_options(synchronize_session=False)
    ))  # fmt: skip
    return result.rowcount == 1


def release_place(db: Session, slot_id: int) -> None:
    db.execute(
        update(Slot)
        .where(Slot.id == slot_id, Slot.booked > 0)
        .values(booked=Slot.booked - 1)
        .execution_options(synchronize_session=False)
    )


def add_event(
    order: Order, status: str, at: dt.datetime, actor: str, channel: str, note: str | None = None
) -> None:
    order.status_code = status
    order.history.append(
        OrderEvent(status_code=status, at=at, actor=actor, channel=channel, note=note)
    )


def _bookable_slot(db: Session, slot_id: int, now: dt.datetime) -> Slot:
    slot = db.get(Slot, slot_id)
    if slot is None:
        raise validation("slot_id", "没有这个预约时段")
    if slot.start <= now:
        raise invalid_state("这个时段已经过去了，请选择其他时间")
    return slot


def _slot_full() -> ApiError:
    BOOKINGS.labels("slot_full").inc()
    return ApiError(409, "slot_full", "这个时间刚刚约满了，请选择其他时间", "slot_id")


def new_order(
    db: Session,
    *,
    citizen: Citizen,
    slot: Slot,
    booked_by: str,
    volunteer_id: str | None,
    channel: str,
    now: dt.datetime,
) -> Order:
    """Create an order on a slot whose place has already been taken."""
    price = price_for(db.get_one(Service, slot.service_code), citizen.tags)
    order = Order(
        number=f"tmp-{secrets.token_hex(8)}",
        # The identified citizen, loaded by another session: merged without a query, so the
        # order's view (the masked address) needs no lazy load.
        citizen=db.merge(citizen, load=False),
        slot=slot,  # slot: no reload for the view
        status_code="pending_dispatch",
        booked_by=booked_by,
        volunteer_id=volunteer_id,
        channel=channel,
        price_fen=price.price_fen,
        subsidy_fen=price.subsidy_fen,
        you_pay_fen=price.you_pay_fen,
        subsidy_reason=price.subsidy_reason,
        created_at=now,
        public_token=secrets.token_urlsafe(16),
        history=[],  # known empty: appending below then needs no lazy load
    )
    db.add(order)
    db.flush()  # the number is derived from the row id, unique by construction
    order.number = f"{now:%Y%m%d}{order.id:04d}"
    actor = {"self": "citizen", "volunteer": "volunteer", "staff": "staff"}[booked_by]
    add_event(order, "pending_dispatch", now, actor, channel)
    return order


def create(
    db: Session,
    ctx: AppContext,
    citizen: Citizen,
    *,
    slot_id: int,
    booked_by: str,
    volunteer_id: str | None,
    channel: str,
) -> Order:
    if booked_by == "volunteer" and not volunteer_id:
        raise validation("volunteer_id", "志愿者代办需要填写志愿者编号")
    if booked_by == "self" and volunteer_id:
        raise validation("volunteer_id", "本人预约不需要志愿者编号")
    now = ctx.clock.now()
    slot = _bookable_slot(db, slot_id, now)
    if slot.booked >= slot.capacity:  # full already when read: refused without a row lock
        raise _slot_full()
    order = new_order(
        db,
        citizen=citizen,
        slot=slot,
        booked_by=booked_by,
        volunteer_id=volunteer_id,
        channel=channel,
        now=now,
    )
    db.flush()
    # The place is taken last: the slot's row, which every kiosk booking that time contends
    # for, stays locked from this UPDATE to the commit only. A full slot rolls the order back.
    if not take_place(db, slot.id):
        raise _slot_full()
    BOOKINGS.labels("booked").inc()
    return order


def get_for(db: Session, citizen_id: int, number: str) -> Order:
    if not is_plain_key(number):
        raise not_found("预约")
    order = db.scalar(
        select(Order)
        .where(Order.number == number, Order.citizen_id == citizen_id)
        .options(selectinload(Order.history))
    )
    if order is None:
        raise not_found("预约")
    return order


def list_for(db: Session, citizen_id: int) -> list[Order]:
    return list(
        db.scalars(
            select(Order)
            .where(Order.citizen_id == citizen_id)
            .options(selectinload(Order.history))
            .order_by(Order.created_at.desc(), Order.id.desc())
        )
    )


def cancel(db: Session, ctx: AppContext, order: Order, reason: str | None) -> Order:
    if order.status_code not in CHANGEABLE:
        raise invalid_state(f"订单{ORDER_STATUSES[order.status_code]}，不能取消")
    add_event(order, "cancelled", ctx.clock.now(), "citizen", "kiosk", reason)
    db.flush()
    release_place(db, order.slot_id)  # the contended slot row last, as in create()
    BOOKINGS.labels("cancelled").inc()
    return order


def reschedule(
    db: Session, ctx: AppContext, order: Order, slot_id: int, *, by: tuple[str, str] = CITIZEN
) -> Order:
    """Move the order to another free slot of its service; `by` is (actor, channel): the
    citizen at a kiosk, or staff on the hotline agreeing a time the senior asked for."""
    if order.status_code not in CHANGEABLE:
        raise invalid_state(f"订单{ORDER_STATUSES[order.status_code]}，不能改约")
    if slot_id == order.slot_id:
        raise validation("slot_id", "新时段与原时段相同")
    now = ctx.clock.now()
    new_slot = _bookable_slot(db, slot_id, now)
    if new_slot.service_code != order.slot.service_code:
        raise validation("slot_id", "改约只能选择同一项服务的时段")
    if not take_place(db, new_slot.id):
        raise _slot_full()
    release_place(db, order.slot_id)
    BOOKINGS.labels("rescheduled").inc()
    old_start = order.slot.start
    order.slot_id = new_slot.id
    order.slot = new_slot
    # The new time may need another carer, so the order goes back to dispatch.
    add_event(
        order,
        "pending_dispatch",
        now,
        *by,
        f"改约：{old_start:%m月%d日 %H:%M} → {new_slot.start:%m月%d日 %H:%M}",
    )
    return order


def actions(order: Order) -> list[str]:
    """What the citizen may do with the order now (ORDER_ACTIONS codes); the services above
    refuse anything else, so the kiosk offers exactly this list and keeps no status rules."""
    if order.status_code in CHANGEABLE:
        return ["cancel", "reschedule"]
    if order.status_code == "completed" and order.rating_score is None:
        return ["rate"]
    return []


def rate(order: Order, score: int, tags: list[str]) -> Order:
    """tags are RATING_TAGS codes (the request schema admits no others)."""
    if order.status_code != "completed":
        raise invalid_state("服务完成后才能评价")
    if order.rating_score is not None:
        raise invalid_state("这个预约已经评价过了")
    order.rating_score = score
    order.rating_tags = list(dict.fromkeys(tags))  # drop repeated tags, keep order
    BOOKINGS.labels("rated").inc()
    return order


def advance(db: Session, ctx: AppContext, order: Order, target: str | None) -> Order:
    """Demo only: move an order on as its provider would (to the next status, or up to target)."""
    now = ctx.clock.now()
    if target == "no_show":
        if order.status_code not in ("dispatched", "accepted"):
            raise invalid_state("只有已派单或已接单的预约可以标记未履约")
        release_place(db, order.slot_id)
        add_event(order, "no_show", now, "provider", "app")
        return order
    if order.status_code not in NEXT_STATUS:
        raise invalid_state(f"订单{ORDER_STATUSES[order.status_code]}，不能再推进")
    if target is not None and target not in _statuses_after(order.status_code):
        raise invalid_state(f"订单已是{ORDER_STATUSES[order.status_code]}")
    while True:
        add_event(order, NEXT_STATUS[order.status_code], now, "provider", "app")
        if target is None or order.status_code == target:
            return order


def _statuses_after(status: str) -> list[str]:
    after = []
    while status in NEXT_STATUS:
        status = NEXT_STATUS[status]
        after.append(status)
    return after


def view(order: Order, public_base: str) -> dict:
    service = order.slot.service
    status = code_label(ORDER_STATUSES, order.status_code)
    if order.status_code == "completed" and order.rating_score is not None:
        status["label"] = COMPLETED_RATED_LABEL
    return {
        "number": order.number,
        "service": {"code": service.code, "name": service.name},
        "provider": {"id": order.slot.provider.id, "name": order.slot.provider.name},
        "slot": {
            "id": order.slot.id,
            "start": aware(order.slot.start),
            "end": aware(order.slot.end),
        },
        "status": status,
        "booked_by": code_label(BOOKED_BY, order.booked_by),
        "volunteer_id": order.volunteer_id,
        "channel": code_label(CHANNELS, order.channel),
        "address_masked": mask_address(order.citizen.address),
        "price_fen": order.price_fen,
        "subsidy_fen": order.subsidy_fen,
        "you_pay_fen": order.you_pay_fen,
        "subsidy_reason": code_label(CITIZEN_TAGS, order.subsidy_reason)
        if order.subsidy_reason
        else None,
        "created_at": aware(order.created_at),
        "rating": (
            {
                "score": {
                    "code": str(order.rating_score),
                    "label": RATING_SCORES[order.rating_score],
                },
                "tags": [code_label(RATING_TAGS, t) for t in order.rating_tags or []],
            }
            if order.rating_score is not None
            else None
        ),
        "actions": actions(order),
        "public_url": status_url(public_base, order.public_token),
        "history": [transition(e) for e in order.history],
    }


def transition(event: OrderEvent) -> dict:
    return {
        "status": code_label(ORDER_STATUSES, event.status_code),
        "at": aware(event.at),
        "actor": code_label(ACTORS, event.actor),
        "channel": code_label(CHANNELS, event.channel),
        "note": event.note,
    }
