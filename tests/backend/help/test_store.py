"""The in-process live store: frames, events, the end, and forgetting ended sessions."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

from backend.help import store as store_module
from backend.help.store import InProcessStore, wait_until

AT = dt.datetime(2026, 12, 1, 9, 0)


def test_frames_and_events_in_order_and_nothing_of_the_screen_after_the_end():
    s = InProcessStore()
    s.open("a")
    assert s.put_frame("a", b"\xff\xd8\xff1", "home", AT) == 1
    assert s.put_frame("a", b"\xff\xd8\xff2", "booking", AT) == 2
    assert s.frame("a").jpeg.endswith(b"2") and s.view("a").screen_id == "booking"
    s.add_event("a", "joined")
    s.add_event("a", "pointer", x=0.5, y=0.25)
    assert [e.type for e in s.events_after("a", 1)] == ["pointer"]
    assert s.put_status("a", {"screen_title": "首页"}, AT) == {}
    assert s.status("a") == {"screen_title": "首页"} and s.view("a").seen_at == AT
    assert s.put_status("a", {"screen_title": "确认身份"}, AT)["screen_title"] == "首页"
    s.add_event("a", "ended", reason="staff")
    s.end("a")
    assert s.frame("a") is None and s.view("a").ended and s.status("a") == {}
    assert s.events_after("a", 0)[0].reason == "staff"
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
        loop.call_later(0.05, s.put_frame, "a", b"\xff\xd8\xff", "home", AT)
        started = time.monotonic()
        await wait_until(lambda: s.view("a").frame_seq > 0, 60.0)
        return time.monotonic() - started

    assert asyncio.run(scenario()) < 30.0 and s.view("a").frame_seq == 1  # long before the timeout
