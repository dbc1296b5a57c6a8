"""Booking's part of the composition root (kiosk/app.py calls build)."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.booking.receipt import BookingReceipt
from kiosk.booking.view_model import Booking
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.printing import build_print_job


def build(deps: ScreenDeps, *, volunteer_id: Callable[[], str | None]) -> Booking:
    """The booking screens' view model; its receipt screen's is `booking.receipt`.
    volunteer_id: who books for the senior in assisted mode (志愿者代办), if anyone."""
    receipt = BookingReceipt(deps, print_job=build_print_job(deps))
    return Booking(deps, receipt=receipt, volunteer_id=volunteer_id)
