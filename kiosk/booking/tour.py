"""The tour's (and the accessibility audit's) walk through booking and 我的预约.

Books a real visit on the tour's backend as the identified citizen (first free day and
time of the first service), then opens their bookings: the list, a pending booking with
its cancel confirmation, and a completed one with the rating faces. Taps go through the
view models' slots exactly as the QML buttons do.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.api import errors
from kiosk.app import KioskApp

Visit = Callable[[str], None]


def walk_booking(kiosk: KioskApp, at: Visit, answered: Callable[[], None]) -> None:
    """From the service tiles (just identified) through every booking and my-bookings screen; ends at home."""
    booking, orders, nav = kiosk.booking, kiosk.orders, kiosk.navigator
    answered()
    at("booking-service")
    booking.nextPage()
    at("booking-service-more")
    booking.nextPage()
    booking.chooseService(booking.state.services[0].code)
    answered()
    at("booking-day")
    booking.chooseDay(next(d["iso"] for d in booking.days if d["enabled"]))
    at("booking-time")
    booking.chooseSlot(next(s["id"] for s in booking.morning + booking.afternoon if s["enabled"]))
    at("booking-address")
    booking.confirmAddress()
    at("booking-summary")
    booking.submit()
    answered()
    at("booking-receipt")
    kiosk.wrapup.advance(1)  # the receipt was heard: 还要办别的事吗？ and the countdown
    kiosk.wrapup.advance(5)
    at("booking-receipt-anything-else")

    nav.go("orders")
    answered()
    at("orders-list")
    by_status = {o.status.code: o for o in reversed(orders.listed)}
    pending = by_status.get("pending_dispatch")
    if pending is not None:
        orders.open(pending.number)
        answered()
        at("order-detail")
        orders.askCancel()
        at("order-cancel")
        nav.back()
        answered()
        orders.reschedule()  # 改约: the booking screens again, without the address step
        answered()
        _choose_first_free(booking)
        at("booking-summary-reschedule")
        nav.home()
        nav.go("orders")
        answered()
    completed = next(
        (o for o in orders.listed if o.status.code == "completed" and o.rating is None), None
    )
    if completed is not None:
        orders.open(completed.number)
        answered()
        at("order-detail-completed")
        orders.openRating()
        orders.chooseScore(5)
        orders.toggleTag("on_time")
        at("order-rate")
    nav.home()
    _slot_filled_meanwhile(kiosk, at, answered)


def _choose_first_free(booking) -> None:
    booking.chooseDay(next(d["iso"] for d in booking.days if d["enabled"]))
    booking.chooseSlot(next(s["id"] for s in booking.morning + booking.afternoon if s["enabled"]))


def _slot_filled_meanwhile(kiosk: KioskApp, at: Visit, answered: Callable[[], None]) -> None:
    """A second booking whose time fills up on the summary screen: the next free times are offered.

    The remaining places are taken for real (by the same citizen, then given back), so the
    backend itself answers slot_full."""
    booking, nav = kiosk.booking, kiosk.navigator
    nav.go("booking")
    answered()
    booking.chooseService(booking.state.services[0].code)
    answered()
    _choose_first_free(booking)
    booking.confirmAddress()
    client = kiosk.network.source.get()
    slot_id, taken = booking.state.slot.id, []
    try:
        while True:
            taken.append(client.create_order(slot_id, idempotency_key=client.new_idempotency_key()))
    except errors.Conflict:
        pass
    booking.submit()
    answered()
    at("booking-summary-slot-full")
    for order in taken:
        client.cancel_order(order.number, idempotency_key=client.new_idempotency_key())
    nav.home()
