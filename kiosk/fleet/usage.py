"""The usage event stream (issue 15): which screens a visit entered, how long it stayed,
touch or voice, page turns, 呼叫帮助, idle wipes and error codes — never what was typed,
shown or said. A visit is a random key, made at its first event and forgotten when the
session ends, so nothing ties two visits or a visit to a person.

Thread-safe: the GUI thread records, the fleet worker takes batches. A batch that could
not be sent goes back under the same batch id, so the backend counts it once.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
import uuid
from collections.abc import Callable

CST = dt.timezone(dt.timedelta(hours=8))
MAX_BATCH = 500
MAX_QUEUED = 20_000  # a long outage drops the oldest events, not the kiosk's memory
HOME = "home"


def task_of(screen: str, pending: str | None = None) -> str:
    """booking* -> booking, progress* -> progress, order* -> orders; identify takes the task
    of the screen it was asked for."""
    target = pending if screen == "identify" and pending else screen
    for prefix, task in (("booking", "booking"), ("progress", "progress"), ("order", "orders")):
        if target.startswith(prefix):
            return task
    return ""


class UsageRecorder:
    def __init__(self, now: Callable[[], dt.datetime] | None = None) -> None:
        self._now = now or (lambda: dt.datetime.now(CST))
        self._lock = threading.Lock()
        self._events: list[dict] = []
        self._visit: str | None = None
        self._screen: tuple[str, float] | None = None  # current screen, monotonic entry time
        self._held: tuple[str, list[dict]] | None = None  # a batch taken, not yet confirmed

    def _begin(self) -> None:
        if self._visit is None:  # the first touch of a new visit: it began at home
            self._visit = secrets.token_hex(8)
            self._events.append(self._event("screen", screen=HOME))
            self._screen = (HOME, time.monotonic())

    def _add(self, kind: str, **fields) -> None:
        self._begin()
        self._events.append(self._event(kind, **fields))
        del self._events[:-MAX_QUEUED]

    def _event(self, kind: str, **fields) -> dict:
        at = self._now().isoformat(timespec="milliseconds")
        return {"at": at, "visit": self._visit, "kind": kind, **fields}

    def _leave(self) -> None:
        if self._screen is not None:
            screen, since = self._screen
            dwell = min(int((time.monotonic() - since) * 1000), 3_600_000)
            self._events.append(self._event("dwell", screen=screen, dwell_ms=dwell))

    def screen(self, screen: str, task: str = "") -> None:
        with self._lock:
            if self._visit is None and screen == HOME:
                return  # the kiosk waiting at home is no visit
            self._begin()
            self._leave()
            self._add("screen", screen=screen, task=task)
            self._screen = (screen, time.monotonic())

    def action(self, screen: str, action: str, modality: str, task: str = "") -> None:
        with self._lock:
            self._add("action", screen=screen, action=action, modality=modality, task=task)

    def mark(self, kind: str, screen: str, task: str = "", code: str = "") -> None:
        """help | page_turn | error (with code)."""
        with self._lock:
            self._add(kind, screen=screen, task=task, **({"code": code} if code else {}))

    def visit_ended(self, idle_wipe: bool) -> None:
        with self._lock:
            if self._visit is None:
                return
            screen = self._screen[0] if self._screen else HOME
            self._leave()
            if idle_wipe:
                self._events.append(self._event("idle_wipe", screen=screen))
            self._visit, self._screen = None, None

    def take(self) -> tuple[str, list[dict]] | None:
        """The next batch (id, events): the same one again until confirmed."""
        with self._lock:
            if self._held is None and self._events:
                batch, self._events = self._events[:MAX_BATCH], self._events[MAX_BATCH:]
                self._held = (uuid.uuid4().hex, batch)
            return self._held

    def confirm(self, batch_id: str) -> None:
        with self._lock:
            if self._held and self._held[0] == batch_id:
                self._held = None

    @property
    def in_visit(self) -> bool:
        """Someone has used the kiosk since the last session end."""
        with self._lock:
            return self._visit is not None

    def queued(self) -> int:
        with self._lock:
            return len(self._events) + (len(self._held[1]) if self._held else 0)
