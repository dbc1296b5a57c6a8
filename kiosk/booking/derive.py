"""What the booking screens show, derived from a BookingState and the locale pack.

Pure functions (no Qt): the `Booking` and `BookingReceipt` view models only call them, and
tests/booking/test_derive.py checks them as tables. Each returns plain lists and dicts in
the shape the QML delegates declare as required properties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kiosk.api import models
from kiosk.booking import wording
from kiosk.booking.flow import BookingState, Problem, Step
from kiosk.locale_pack import LocalePack
from kiosk.speech import spoken


def derive_services(
    pack: LocalePack, state: BookingState, services: Sequence[models.Service]
) -> list[dict]:
    """The service tiles: pictogram, name, one plain line, the citizen's price."""
    chosen = state.service.code if state.service else ""
    return [
        {"code": s.code, "name": s.name, "description": s.description,
         "icon": pack.ui.get(f"booking.icon.{s.icon}", s.name[-1:]),
         "price": wording.service_price(pack, s, stacked=True), "selected": s.code == chosen}
        for s in services
    ]  # fmt: skip


def derive_days(pack: LocalePack, state: BookingState, today: dt.date) -> list[dict]:
    """The day buttons: 明天 over 星期三 · 12月2日; a day without a free place says 已约满."""
    items = []
    for d in state.days:
        parts = wording.day_hint_parts(pack, d, today)
        if not state.day_has_places(d):
            parts.append(pack.text("booking.full"))
        # One line (星期三 · 12月2日) where it fits, one part per line at 特大.
        items.append({"iso": d.isoformat(), "title": wording.day_title(pack, d, today),
                      "hint": " · ".join(parts), "hintStacked": "\n".join(parts),
                      "enabled": state.day_has_places(d), "selected": d == state.day})  # fmt: skip
    return items


def derive_day_text(pack: LocalePack, state: BookingState, today: dt.date) -> str:
    d = state.day
    if d is None:
        return ""
    return f"{wording.day_title(pack, d, today)} · {wording.day_hint(pack, d, today)}"


def derive_slot(
    pack: LocalePack, state: BookingState, slot: models.Slot, *, full_date: bool = False
) -> dict:
    """One time button. Under a 上午/下午 heading the clock times say enough; offered
    elsewhere (the alternatives after 已约满), the full date."""
    text = (
        wording.when(pack, slot.start, slot.end)
        if full_date
        else wording.clock_range(slot.start, slot.end)
    )
    return {
        "id": slot.id,
        "text": text,
        "hint": wording.places(pack, slot),
        "enabled": slot.available > 0,
        "selected": state.slot is not None and slot.id == state.slot.id,
    }


def derive_half_day(pack: LocalePack, state: BookingState, *, morning: bool) -> list[dict]:
    if state.day is None:
        return []
    return [
        derive_slot(pack, state, x)
        for x in state.slots_on(state.day)
        if (x.start.hour < wording.NOON) == morning
    ]


def derive_alternatives(pack: LocalePack, state: BookingState) -> list[dict]:
    return [derive_slot(pack, state, x, full_date=True) for x in state.alternatives]


def derive_summary(pack: LocalePack, state: BookingState, address: str) -> list[dict]:
    """The rows of 确认预约: service, time, address, then the price (or, moving a booking,
    its number and its own address)."""
    if state.service is None:
        return []
    rows = [("booking.row.service", state.service.name)]
    moving = state.reschedule_of
    if state.slot is not None and moving is not None:  # 改约: 原时间 → 新时间
        old, new = moving.slot, state.slot
        rows.append(("booking.row.when", pack.fill("booking.move", old=wording.when(pack, old.start, old.end), new=wording.when(pack, new.start, new.end))))  # fmt: skip
    elif state.slot is not None:
        rows.append(("booking.row.when", wording.when(pack, state.slot.start, state.slot.end)))
    rows.append(("booking.row.address", address if moving is None else moving.address_masked))
    if moving is not None:
        rows.append(("booking.row.number", wording.order_number(moving.number)))
    else:
        rows.append(("booking.row.price", wording.service_price(pack, state.service)))
    return [{"label": pack.text(key), "value": value} for key, value in rows]


def derive_problem(pack: LocalePack, state: BookingState) -> str:
    if state.problem is Problem.SLOT_FULL and state.lost is not None:
        return pack.fill("booking.lost", when=wording.when(pack, state.lost.start, state.lost.end))
    return pack.text(f"booking.problem.{state.problem.value}") if state.problem else ""


def derive_can_submit(state: BookingState) -> bool:
    return state.step is Step.SUMMARY and state.slot is not None and state.problem is None


# -- the receipt ------------------------------------------------------------------------------
def derive_done_text(pack: LocalePack, rescheduled: bool) -> str:
    return pack.text("booking.rescheduled" if rescheduled else "booking.booked")


def derive_receipt_when(pack: LocalePack, order: models.Order | None) -> str:
    if order is None:
        return ""
    return f"{order.service.name} · {wording.when(pack, order.slot.start, order.slot.end)}"


def derive_next_text(pack: LocalePack, order: models.Order | None) -> str:
    if order is None:
        return ""
    return pack.fill("booking.next", when=wording.when(pack, order.slot.start, order.slot.end))


def derive_receipt_lines(pack: LocalePack, order: models.Order) -> tuple[str, ...]:
    """The printed 凭条's lines under its number."""
    p = pack
    return (
        f"{p.text('booking.row.service')}：{order.service.name}",
        f"{p.text('booking.row.when')}：{wording.when(p, order.slot.start, order.slot.end)}",
        f"{p.text('booking.row.address')}：{order.address_masked}",
        f"{p.text('booking.row.price')}：{wording.price_line(p, order.you_pay_fen, order.subsidy_fen)}",
        derive_next_text(p, order),
    )


def derive_spoken_summary(pack: LocalePack, locale: str, order: models.Order | None) -> str:
    """The receipt read aloud: dates, times, money and the number put into words."""
    if order is None:
        return ""
    return spoken.fill(
        pack.templates.get("booking.receipt_spoken", ""),
        locale,
        service=order.service.name,
        start=order.slot.start,
        you_pay_fen=order.you_pay_fen,
        number=order.number,
    )
