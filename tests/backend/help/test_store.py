"""The live stores: frames, events, heartbeats, the end, and forgetting ended sessions, in this
process's memory and in a real Redis server (two RedisStores standing for two workers)."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

import pytest

from backend.help import store as store_module
from backend.help.redis_store import RedisStore
from backend.help.store import InProcessStore, wait_until

AT = dt.datetime(2026, 12, 1, 9, 0)


@pytest.fixture(params=["in_process", "redis"])
def stores(request):
    """(writer, reader): one store, or two RedisStores on one server (two workers)."""
    if request.param == "in_process":
        s = InProcessStore()
        yield s, s
        return
    url = request.getfixturevalue("redis_server").url()
    pair = RedisStore(url), RedisStore(url)
    yield pair
    for s in pair:
        s.close()


def test_frames_and_events_in_order_and_nothing_of_the_screen_after_the_end(stores):
    s, other = stores
    s.open("a")
    assert s.put_frame("a", b"\xff\xd8\xff1", "home", AT) == 1
    assert s.put_frame("a", b"\xff\xd8\xff2", "booking", AT) == 2
    assert other.frame("a").jpeg.endswith(b"2") and other.view("a").screen_id == "booking"
    assert other.frame("a").seq == 2 and other.view("a").frame_at == AT
    s.add_event("a", "joined")
    other.add_event("a", "pointer", x=0.5, y=0.25)
    assert [(e.type, e.x, e.y) for e in s.events_after("a", 1)] == [("pointer", 0.5, 0.25)]
    other.set_consented("a")
    assert s.view("a").consented and s.view("a").event_seq == 2
    assert s.put_status("a", {"screen_title": "首页"}, AT) == {}
    assert other.status("a") == {"screen_title": "首页"} and other.view("a").seen_at == AT
    assert other.put_status("a", {"screen_title": "确认身份"}, AT)["screen_title"] == "首页"
    assert s.view("a").status_seq == 2
    s.add_event("a", "ended", reason="staff")
    s.end("a")
    assert other.frame("a") is None and other.view("a").ended and other.status("a") == {}
    assert other.view("a").screen_id is None
    assert other.events_after("a", 0)[0].reason == "staff"
    assert [e.type for e in other.events_after("a", 0)] == ["ended"]
    assert s.frame("other") is None and s.events_after("other", 0) == []


def test_a_change_on_one_worker_wakes_a_long_poll_on_another(stores):
    """wait_until returns as soon as the change is there, long before its timeout; on Redis
    the reader's cached view is dropped by the change's publication."""
    s, other = stores
    s.open("w")
    assert other.view("w").frame_seq == 0  # cached on the reader now

    async def scenario() -> float:
        loop = asyncio.get_running_loop()
        loop.call_later(0.05, s.put_frame, "w", b"\xff\xd8\xff", "home", AT)
        started = time.monotonic()
        await wait_until(lambda: other.view("w").frame_seq > 0, 5.0)
        return time.monotonic() - started

    waited = asyncio.run(scenario())
    assert other.view("w").frame_seq == 1 and waited < 1.0


def test_old_tombstones_are_forgotten_when_a_session_opens(monkeypatch):
    s = InProcessStore()
    s.open("old")
    s.end("old")
    monkeypatch.setattr(store_module, "TOMBSTONE_S", 0.0)
    time.sleep(0.01)
    s.open("new")
    assert not s.view("old").ended and s.events_after("old", 0) == []


def test_the_app_closes_its_redis_store_at_shutdown(redis_server):
    """The lifespan's end (SIGTERM, a worker stopped) closes the store: its subscription to
    the wake-up channel leaves the Redis server, as seen by the server itself."""
    import redis
    from fastapi.testclient import TestClient

    from backend.app import create_app
    from backend.settings import Settings

    url = redis_server.url(3)
    watcher = redis.Redis.from_url(url)

    def subscribed() -> int:
        return sum(1 for c in watcher.client_list() if c.get("cmd") in ("subscribe", "ping"))

    before = subscribed()
    app = create_app(Settings(database_url="sqlite://", redis_url=url))
    with TestClient(app):
        assert subscribed() == before + 1
    deadline = time.monotonic() + 3
    while subscribed() > before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert subscribed() == before
    watcher.close()
