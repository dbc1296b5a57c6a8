"""The tour's (and the accessibility audit's) walk through the offline screens (issue 15):
网络暂时不通 for an identified senior (with 请热线给我回电), 先留申请 for a reschedule and a
callback request, each receipt, and a request that could not be saved.

The tour's kiosk has no fleet agent; its requests go to a real encrypted outbox in a temporary
directory (never sent: the tour's kiosk has no worker)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.fernet import Fernet

from kiosk.fleet.outbox import Outbox

if TYPE_CHECKING:  # the tour is driven by kiosk.tour; its steps only name the app
    from kiosk.app import KioskApp

Visit = Callable[[str], None]


def walk_offline(kiosk: KioskApp, at: Visit) -> None:
    """Identified, at home: every offline state; ends at home, online again."""
    nav, waiting = kiosk.navigator, kiosk.waiting
    kiosk.offline.set_active(True)
    nav.go("offline")
    at("offline-identified-no-grant")
    waiting.offer("callback")
    waiting.save()  # no outbox to keep it in
    at("offline-not-saved")
    with tempfile.TemporaryDirectory(prefix="kiosk-tour-outbox-") as kept:
        outbox = Outbox(Path(kept) / "outbox.bin", Fernet.generate_key())
        waiting.queue = lambda kind, body, key: bool(outbox.add(kind, "tour-grant", body, key))
        _walk_requests(kiosk, at)
    waiting.queue = None
    waiting.set_ready(False)
    kiosk.offline.set_active(False)
    nav.home()


def _walk_requests(kiosk: KioskApp, at: Visit) -> None:
    nav, waiting = kiosk.navigator, kiosk.waiting
    waiting.set_ready(True)
    nav.go("offline")
    at("offline-identified")
    numbers = [o.number for o in kiosk.orders.listed]
    if numbers:
        waiting.offer("reschedule", numbers[0])
        at("offline-request-reschedule")
        waiting.save()
        at("offline-saved-reschedule")
    waiting.offerCallback()
    at("offline-request-callback")
    waiting.save()
    at("offline-saved-callback")
