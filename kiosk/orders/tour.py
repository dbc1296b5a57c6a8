"""The tour's (and the accessibility audit's) walk through 我的预约: the list, a pending
booking with its cancel confirmation and 改约, and a completed one with the rating faces."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.booking.tour import choose_first_free

if TYPE_CHECKING:  # the tour is driven by kiosk.tour; its steps only name the app
    from kiosk.app import KioskApp

Visit = Callable[[str], None]


def walk_orders(kiosk: KioskApp, at: Visit, answered: Callable[[], None]) -> None:
    """After a booking: every my-bookings screen; ends at home."""
    orders, nav = kiosk.orders, kiosk.navigator
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
        choose_first_free(kiosk.booking)
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
