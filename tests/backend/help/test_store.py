"""The in-process live store: frames, events, the end, and forgetting ended sessions."""

from __future__ import annotations

import asyncio
import time

from backend.help import store as store_module
from backend.help.store import InProcessStore, wait_until


def test_frames_and_events_in_order_and_nothing_of_the_screen_after_the_end():
    s = InProcessStore()
    s.open("a")
    assert s.put_frame("a", b"\xff\xd8\xff1", "home") == 1
    assert s.put_frame("a", b"\xff\xd8\xff2", "booking") == 2
    assert s.frame("a").jpeg.endswith(b"2") and s.view("a").screen_id == "booking"
    s.add_event("a", "joined")
    s.add_event("a", "pointer", x=0.5, y=0.25)
    assert [e.type for e in s.events_after("a", 1)] == ["pointer"]
    s.add_event("a", "ended")
    s.end("a")
    assert s.frame("a") is None and s.view("a").ended
    assert [e.type for e in s.events_after("a", 0)] == ["ended"]
    assert s.frame("other") is None and s.events_after("other", 0) == []


def test_old_tombstones_are_forgotten_when_a_session_opens(monkeypatch):
    s = InProcessStore()
    s.open("old")
    s.end("old")
    monkeypatch.setattr(store_module, "TOMBSTONE_S", 0.0)
    time.sleep(0.01)
    s.open("new")
    assert not s.view("old").ended and s.events_after("old", 0) == []


def test_wait_until_returns_as_soon_as_ready():
    s = InProcessStore()
    s.open("a")

    async def scenario() -> float:
        loop = asyncio.get_running_loop()
        loop.call_later(0.05, s.put_frame, "a", b"\xff\xd8\xff", "home")
        started = time.monotonic()
        await wait_until(lambda: s.view("a").frame_seq > 0, 60.0)
        return time.monotonic() - started

    assert asyncio.run(scenario()) < 30.0 and s.view("a").frame_seq == 1  # long before the timeout
