"""The ID-card reader boundary.

A reader delivers the card payload (the opaque text the backend's
POST /api/v1/identity/card accepts) to one listener. A real reader calls the listener
from its own thread, so listeners must hand the payload to the GUI thread (a queued
signal); the simulated reader calls it on the caller's thread. Payloads are citizen
data: never log them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Protocol

from civic_core.demo import DEMO_CITIZENS

CardListener = Callable[[str], None]
# The fictional demo citizens' cards (civic_core/demo.py), which the demo backend knows.
DEMO_CARD_PAYLOADS = tuple(c.card_payload for c in DEMO_CITIZENS)


class CardReader(Protocol):
    def set_listener(self, listener: CardListener | None) -> None:
        """Deliver each card read to listener (None: ignore cards, e.g. off the identify screen)."""

    def close(self) -> None:
        """Release the device; no listener is called afterwards."""


class SimulatedCardReader:
    """A reader with no hardware: the operator panel's "simulate card" button and tests insert cards.

    demo_payloads are the demo citizens' card payloads, in order, so a button can insert
    "demo card 1" without knowing any citizen data.
    """

    def __init__(self, demo_payloads: Sequence[str] = ()) -> None:
        self.demo_payloads = demo_payloads
        self._listener: CardListener | None = None
        self._closed = False
        self._lock = threading.Lock()

    def set_listener(self, listener: CardListener | None) -> None:
        with self._lock:
            self._listener = listener

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._listener = None

    def insert(self, payload: str) -> bool:
        """Present a card; True if a listener took it."""
        with self._lock:
            listener = None if self._closed else self._listener
        if listener is None:
            return False
        listener(payload)
        return True

    def insert_demo(self, index: int = 0) -> bool:
        """Present demo citizen `index`'s card; False when there is no such card or no listener."""
        if not 0 <= index < len(self.demo_payloads):
            return False
        return self.insert(self.demo_payloads[index])


def build_card_reader(config) -> CardReader | None:
    """The reader config.devices.card_reader names; None for "none" (no card option shown)."""
    if config.devices.card_reader == "none":
        return None
    # Demo cards only in demo mode: the embedded backend knows them, a real backend does not.
    return SimulatedCardReader(DEMO_CARD_PAYLOADS if config.demo_mode else ())
