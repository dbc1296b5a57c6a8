"""The hotline's desk for what seniors left at a kiosk while it was offline (issue 15): a
call-back request, or a request to move a booking. Its outbox sends them on when the network
is back (backend/ops/deferred.py); here a worker sees them, oldest first, calls the senior
back through the phone system (call_gateway: the worker never sees the number), moves the
booking to a time agreed on the phone, and closes each request with an outcome.

Names and numbers are masked on the desk like everywhere a worker looks (张*华, 138****5678).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.codes import ORDER_STATUSES
from backend.context import AppContext
from backend.errors import ApiError, invalid_state, not_found, validation
from backend.help.call_gateway import CallFailed, CallGateway
from backend.help.models import StaffAccount
from backend.models import Citizen, Order, Terminal
from backend.ops.models import DeferredRequest
from backend.services import catalogue, orders
from civic_core.idnumber import mask_name, mask_phone

log = logging.getLogger("backend.help")
KINDS = {"callback": "请回电", "reschedule": "想改约"}
# How a worker may close a request of each kind; "rescheduled" only by moving the booking.
OUTCOMES = {
    "called": "已回电",
    "kept": "不改了，按原时间",
    "unreachable": "联系不上",
    "rescheduled": "已改约",
    "moot": "预约已结束，不用改",
}
CLOSE_CHOICES = {
    "callback": ("called", "unreachable"),
    "reschedule": ("kept", "unreachable"),
}
HOTLINE = ("staff", "hotline")  # who moved the booking: (ACTORS, CHANNELS) codes
SLOT_DAYS, MAX_SLOTS = 7, 40
RECENT = dt.timedelta(days=7)
WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class Booking:
    number: str
    service: str
    when: str
    status: str
    movable: bool  # still changeable: the desk offers the free times
    slots: list[tuple[int, str]]  # (slot id, words) of the same service, free


@dataclass(frozen=True)
class OpenRequest:
    id: int
    kind: str
    name: str  # masked
    phone: str  # masked
    place: str
    asked: str  # when the senior asked, at the kiosk
    waited: str
    calls: str  # "还没拨过" or "已拨 2 次，最近 12月2日 09:10 王芳"
    booking: Booking | None
    choices: tuple[str, ...]  # outcome codes the worker may close it with now


@dataclass(frozen=True)
class ClosedRequest:
    kind: str
    name: str
    outcome: str
    by: str
    at: str


def when(at: dt.datetime) -> str:
    return f"{at.month}月{at.day}日 {at:%H:%M}"


def _slot_words(start: dt.datetime, end: dt.datetime) -> str:
    return f"{start.month}月{start.day}日（周{WEEKDAYS[start.weekday()]}）{start:%H:%M}–{end:%H:%M}"


def waited(since: dt.datetime, now: dt.datetime) -> str:
    minutes = max(0, int((now - since).total_seconds() // 60))
    days, hours = divmod(minutes // 60, 24)
    if days:
        return f"{days} 天 {hours} 小时" if hours else f"{days} 天"
    return f"{hours} 小时" if hours else f"{minutes} 分钟"


def open_count(db: Session) -> int:
    return db.scalar(
        select(func.count())
        .select_from(DeferredRequest)
        .where(DeferredRequest.handled_at.is_(None))
    )


def _order_of(db: Session, row: DeferredRequest) -> Order | None:
    if row.order_number is None:
        return None
    return db.scalar(
        select(Order).where(Order.number == row.order_number, Order.citizen_id == row.citizen_id)
    )


def _free_slots(db: Session, order: Order, now: dt.datetime) -> list[tuple[int, str]]:
    found = catalogue.slots_view(db, order.slot.service_code, now.date(), SLOT_DAYS, now)
    free = [s for s in found if s["available"] > 0 and s["id"] != order.slot_id]
    return [
        (s["id"], f"{_slot_words(s['start'], s['end'])} · {s['provider']['name']}")
        for s in free[:MAX_SLOTS]
    ]


def _booking(db: Session, order: Order | None, now: dt.datetime) -> Booking | None:
    if order is None:
        return None
    movable = order.status_code in orders.CHANGEABLE
    return Booking(
        number=order.number,
        service=order.slot.service.name,
        when=_slot_words(order.slot.start, order.slot.end),
        status=ORDER_STATUSES[order.status_code],
        movable=movable,
        slots=_free_slots(db, order, now) if movable else [],
    )


def _choices(row: DeferredRequest, booking: Booking | None) -> tuple[str, ...]:
    if row.kind == "reschedule" and booking is not None and not booking.movable:
        return ("moot",)  # cancelled or served meanwhile: nothing to call about
    return CLOSE_CHOICES[row.kind] if row.calls else ()


def _calls_words(db: Session, row: DeferredRequest) -> str:
    if not row.calls:
        return "还没拨过"
    worker = db.get(StaffAccount, row.last_call_by)
    return f"已拨 {row.calls} 次，最近 {when(row.last_call_at)} {worker.display_name}"


def open_requests(db: Session, now: dt.datetime) -> list[OpenRequest]:
    """Every request not closed yet, the one waiting longest first."""
    rows = db.scalars(
        select(DeferredRequest)
        .where(DeferredRequest.handled_at.is_(None))
        .order_by(DeferredRequest.queued_at, DeferredRequest.id)
    )
    listed = []
    for row in rows:
        citizen, terminal = db.get(Citizen, row.citizen_id), db.get(Terminal, row.terminal_id)
        booking = _booking(db, _order_of(db, row), now)
        listed.append(
            OpenRequest(
                id=row.id,
                kind=row.kind,
                name=mask_name(citizen.name),
                phone=mask_phone(citizen.phone),
                place=f"{terminal.site} {terminal.name}",
                asked=when(row.queued_at),
                waited=waited(row.queued_at, now),
                calls=_calls_words(db, row),
                booking=booking,
                choices=_choices(row, booking),
            )
        )
    return listed


def recently_closed(db: Session, now: dt.datetime) -> list[ClosedRequest]:
    rows = db.execute(
        select(DeferredRequest, Citizen.name, StaffAccount.display_name)
        .join(Citizen, Citizen.id == DeferredRequest.citizen_id)
        .join(StaffAccount, StaffAccount.id == DeferredRequest.handled_by)
        .where(DeferredRequest.handled_at >= now - RECENT)
        .order_by(DeferredRequest.handled_at.desc(), DeferredRequest.id.desc())
        .limit(50)
    )
    return [
        ClosedRequest(row.kind, mask_name(name), OUTCOMES[row.outcome], by, when(row.handled_at))
        for row, name, by in rows
    ]


def _open_row(db: Session, request_id: int) -> DeferredRequest:
    row = db.get(DeferredRequest, request_id, with_for_update=True)
    if row is None:
        raise not_found("请求")
    if row.handled_at is not None:
        who = db.get(StaffAccount, row.handled_by).display_name
        raise invalid_state(f"这条请求已由{who}处理：{OUTCOMES[row.outcome]}")
    return row


def dial(
    db: Session, ctx: AppContext, gateway: CallGateway | None, staff: StaffAccount, request_id: int
) -> str:
    """Ring the worker's seat, then the senior; the masked words for the worker's screen."""
    if gateway is None:
        raise ApiError(409, "no_call_gateway", "电话系统还没有接入，不能回拨，请联系管理员")
    row = _open_row(db, request_id)
    citizen = db.get(Citizen, row.citizen_id)
    try:
        gateway.dial(citizen.phone, seat=staff.username, reference=f"request-{row.id}")
    except CallFailed:
        raise ApiError(
            503, "call_failed", "电话系统没有接通，请稍后再拨", headers={"Retry-After": "30"}
        ) from None
    row.calls += 1
    row.last_call_at, row.last_call_by = ctx.clock.now(), staff.id
    db.commit()
    log.info("request %s: call %s placed by staff %s", row.id, row.calls, staff.id)
    return (
        f"正在接通：先响您的座席电话，接起后拨给 {mask_name(citizen.name)}"
        f"（{mask_phone(citizen.phone)}）"
    )


def _finish(db: Session, ctx: AppContext, row: DeferredRequest, staff: StaffAccount, outcome: str):
    row.outcome, row.handled_at, row.handled_by = outcome, ctx.clock.now(), staff.id
    db.commit()
    log.info("request %s closed by staff %s: %s", row.id, staff.id, outcome)
    return f"已处理：{KINDS[row.kind]} · {OUTCOMES[outcome]}"


def close(db: Session, ctx: AppContext, staff: StaffAccount, request_id: int, outcome: str) -> str:
    row = _open_row(db, request_id)
    allowed = _choices(row, _booking(db, _order_of(db, row), ctx.clock.now()))
    if outcome not in allowed:
        raise validation("outcome", "请先拨打回电，再选择结果" if not row.calls else "请选择结果")
    return _finish(db, ctx, row, staff, outcome)


def move(db: Session, ctx: AppContext, staff: StaffAccount, request_id: int, slot_id: int) -> str:
    """Move the booking of a reschedule request to the time agreed on the phone, and close it."""
    row = _open_row(db, request_id)
    order = _order_of(db, row)
    if row.kind != "reschedule" or order is None:
        raise validation("slot", "这条请求不是改约")
    if not row.calls:
        raise validation("slot", "请先拨打回电，和老人商量好新时间")
    orders.reschedule(db, ctx, order, slot_id, by=HOTLINE)
    words = _slot_words(order.slot.start, order.slot.end)
    return f"{_finish(db, ctx, row, staff, 'rescheduled')}，新时间 {words}"
