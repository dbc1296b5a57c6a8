"""我的预约's part of the composition root (kiosk/app.py calls build)."""

from __future__ import annotations

from kiosk.booking.view_model import Booking
from kiosk.orders.view_model import Orders
from kiosk.shell.deps import ScreenDeps


def build(deps: ScreenDeps, *, booking: Booking) -> Orders:
    """booking: 改约 continues on the booking screens (Booking.start_reschedule)."""
    return Orders(deps, booking=booking)
