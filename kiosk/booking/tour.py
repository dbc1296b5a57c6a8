"""The tour's (and the accessibility audit's) walk through booking.

Books a real visit on the tour's backend as the identified citizen (first free day and
time of the first service), and later a second one whose time fills up on the summary.
我的预约 is kiosk/orders/tour.py. Taps go through the view models' slots exactly as the
QML buttons do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.api import errors
from kiosk.shell.tour import page_down

if TYPE_CHECKING:  # the tour is driven by kiosk.tour; its steps only name the app
    from kiosk.app import KioskApp

Visit = Callable[[str], None]


def walk_booking(kiosk: KioskApp, at: Visit, answered: Callable[[], None]) -> None:
    """From the service tiles (just identified) to the receipt of a real booking."""
    booking = kiosk.booking
    answered()
    at("booking-service")
    if page_down(kiosk):  # the tiles that did not fit, a whole row first (not at 标准 portrait)
        at("booking-service-more")
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


def choose_first_free(booking) -> None:
    booking.chooseDay(next(d["iso"] for d in booking.days if d["enabled"]))
    booking.chooseSlot(next(s["id"] for s in booking.morning + booking.afternoon if s["enabled"]))


def walk_slot_filled(kiosk: KioskApp, at: Visit, answered: Callable[[], None]) -> None:
    """A second booking whose time fills up on the summary screen: the next free times are offered.

    The remaining places are taken for real (by the same citizen, then given back), so the
    backend itself answers slot_full."""
    booking, nav = kiosk.booking, kiosk.navigator
    nav.go("booking")
    answered()
    booking.chooseService(booking.state.services[0].code)
    answered()
    choose_first_free(booking)
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
