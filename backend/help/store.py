"""Live state of help sessions: the latest frame, the screen id, the events for the kiosk, and
the kiosk's last heartbeat (when it was seen, and its status: screen title, step, last actions,
time left, the ring it shows).

The durable record (codes, who joined, the audit log) is in the database; this store holds
what changes several times a second and is gone when the session ends. `HelpStore` is the
interface; `InProcessStore` keeps it in this process's memory, which is right for one backend
worker. A relay for several workers (e.g. Redis) implements the same Protocol later.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

# Events kept per session for a kiosk that polls late; older ones are dropped.
MAX_EVENTS = 200
# An ended session stays as a tiny tombstone (its "ended" event) this long, then is forgotten.
TOMBSTONE_S = 3600.0
_POLL_INTERVAL_S = 0.015  # a long-poll sees a new frame or pointer within this


@dataclass(frozen=True)
class Frame:
    seq: int
    jpeg: bytes
    screen_id: str


@dataclass(frozen=True)
class HelpEvent:
    """Something for the kiosk: "joined", "pointer" (x, y in 0..1), "hint", "active" (the
    worker is working in the console), "ended" (with its reason)."""

    seq: int
    type: str
    x: float | None = None
    y: float | None = None
    hint_code: str | None = None
    text: str | None = None
    reason: str | None = None


@dataclass
class _Live:
    frame: Frame | None = None
    frame_seq: int = 0
    events: list[HelpEvent] = field(default_factory=list)
    event_seq: int = 0
    consented: bool = False
    ended: bool = False
    ended_at: float = 0.0
    frame_at: dt.datetime | None = None
    seen_at: dt.datetime | None = None  # the kiosk's last heartbeat (app clock)
    status: dict = field(default_factory=dict)
    status_seq: int = 0


@dataclass(frozen=True)
class LiveView:
    frame_seq: int
    screen_id: str | None
    event_seq: int
    consented: bool
    ended: bool
    frame_at: dt.datetime | None = None
    seen_at: dt.datetime | None = None
    status_seq: int = 0


class HelpStore(Protocol):
    def open(self, session_id: str) -> None: ...
    def set_consented(self, session_id: str) -> None: ...
    def put_frame(self, session_id: str, jpeg: bytes, screen_id: str, at: dt.datetime) -> int: ...
    def put_status(self, session_id: str, status: dict, at: dt.datetime) -> dict: ...
    def status(self, session_id: str) -> dict: ...
    def frame(self, session_id: str) -> Frame | None: ...
    def add_event(self, session_id: str, type_: str, **data) -> int: ...
    def events_after(self, session_id: str, seq: int) -> list[HelpEvent]: ...
    def view(self, session_id: str) -> LiveView: ...
    def end(self, session_id: str) -> None: ...
    def close(self) -> None: ...


class InProcessStore:
    """Thread-safe: routes run in several worker threads of one process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sessions: dict[str, _Live] = {}

    def _live(self, session_id: str) -> _Live:
        # A session the database knows but this store does not (e.g. after a restart) starts empty.
        return self._sessions.setdefault(session_id, _Live())

    def open(self, session_id: str) -> None:
        with self._lock:
            cutoff = time.monotonic() - TOMBSTONE_S
            for old in [k for k, v in self._sessions.items() if v.ended and v.ended_at < cutoff]:
                del self._sessions[old]
            self._sessions[session_id] = _Live()

    def set_consented(self, session_id: str) -> None:
        with self._lock:
            self._live(session_id).consented = True

    def put_frame(self, session_id: str, jpeg: bytes, screen_id: str, at: dt.datetime) -> int:
        with self._lock:
            live = self._live(session_id)
            live.frame_seq += 1
            live.frame, live.frame_at = Frame(live.frame_seq, jpeg, screen_id), at
            return live.frame_seq

    def put_status(self, session_id: str, status: dict, at: dt.datetime) -> dict:
        """A heartbeat: the kiosk is there at `at`, showing `status`; returns the previous status."""
        with self._lock:
            live = self._live(session_id)
            previous, live.status, live.seen_at = live.status, dict(status), at
            live.status_seq += 1
            return previous

    def status(self, session_id: str) -> dict:
        with self._lock:
            live = self._sessions.get(session_id)
            return dict(live.status) if live else {}

    def frame(self, session_id: str) -> Frame | None:
        with self._lock:
            live = self._sessions.get(session_id)
            return live.frame if live else None

    def add_event(self, session_id: str, type_: str, **data) -> int:
        with self._lock:
            live = self._live(session_id)
            live.event_seq += 1
            live.events.append(HelpEvent(live.event_seq, type_, **data))
            del live.events[:-MAX_EVENTS]
            return live.event_seq

    def events_after(self, session_id: str, seq: int) -> list[HelpEvent]:
        with self._lock:
            live = self._sessions.get(session_id)
            return [e for e in live.events if e.seq > seq] if live else []

    def view(self, session_id: str) -> LiveView:
        with self._lock:
            live = self._sessions.get(session_id) or _Live()
            return LiveView(
                live.frame_seq,
                live.frame.screen_id if live.frame else None,
                live.event_seq,
                live.consented,
                live.ended,
                live.frame_at,
                live.seen_at,
                live.status_seq,
            )

    def end(self, session_id: str) -> None:
        """Drop the frame (nothing of the screen outlives the session) and all but the last
        event (its "ended"), which a kiosk or console still polling picks up."""
        with self._lock:
            live = self._live(session_id)
            live.ended, live.ended_at, live.frame, live.status = True, time.monotonic(), None, {}
            del live.events[:-1]

    def close(self) -> None:
        """Nothing to release: the sessions' live state goes with the process."""


async def wait_until(ready: Callable[[], bool], timeout_s: float) -> None:
    """Long-poll helper: return as soon as `ready()` or after `timeout_s`.

    Checking a cheap in-memory condition every 30 ms keeps the event loop free and works the
    same with any store, where a per-session wake-up would tie the store to one event loop.
    """
    deadline = time.monotonic() + timeout_s
    while not ready() and time.monotonic() < deadline:
        await asyncio.sleep(_POLL_INTERVAL_S)
