"""The help store in Redis: live help-session state shared by every worker and host.

Per session one hash (frame, frame_seq, screen_id, frame_at, event_seq, consented, ended, the
kiosk's last heartbeat: status, seen_at, status_seq) and one list of events (JSON), changed
only by Lua scripts so that a sequence number and what it numbers
are written together. Every change publishes the session id on one channel; each process
subscribes once and drops its cached view of that session, so the long-polls that
`wait_until` runs (checking `view()` every 30 ms) cost no Redis round trip while nothing
changes and see a change from another worker within one poll, as they would in one process.

Keys expire: a live session's after MAX_SESSION (its durable record is in the database), an
ended one's tombstone after TOMBSTONE_S.
"""

from __future__ import annotations

import datetime as dt
import json
import threading

import redis

from backend.errors import ApiError
from backend.help.store import MAX_EVENTS, TOMBSTONE_S, Frame, HelpEvent, LiveView
from backend.metrics import REDIS_ERRORS

PREFIX = "kiosk:help:"
WAKE_CHANNEL = PREFIX + "changed"
LIVE_TTL_S = 125 * 60  # sessions.MAX_SESSION: nothing outlives the longest mirror
MAX_TRACKED = 10_000  # sessions whose generation is remembered before all are forgotten
_VIEW_FIELDS = (
    "frame_seq",
    "screen_id",
    "event_seq",
    "consented",
    "ended",
    "frame_at",
    "seen_at",
    "status_seq",
)

# KEYS: hash, events. ARGV: ttl, session id, then per script below.
_PUT_FRAME = """
local seq = redis.call('HINCRBY', KEYS[1], 'frame_seq', 1)
redis.call('HSET', KEYS[1], 'frame', ARGV[3], 'screen_id', ARGV[4], 'frame_of', seq,
           'frame_at', ARGV[5])
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('PUBLISH', KEYS[3], ARGV[2])
return seq
"""
_ADD_EVENT = """
local seq = redis.call('HINCRBY', KEYS[1], 'event_seq', 1)
local event = cjson.decode(ARGV[3])
event['seq'] = seq
redis.call('RPUSH', KEYS[2], cjson.encode(event))
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[4]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
redis.call('PUBLISH', KEYS[3], ARGV[2])
return seq
"""
_PUT_STATUS = """
local previous = redis.call('HGET', KEYS[1], 'status')
redis.call('HSET', KEYS[1], 'status', ARGV[3], 'seen_at', ARGV[4])
redis.call('HINCRBY', KEYS[1], 'status_seq', 1)
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('PUBLISH', KEYS[3], ARGV[2])
return previous or '{}'
"""
_SET = """
redis.call('HSET', KEYS[1], ARGV[3], ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('PUBLISH', KEYS[3], ARGV[2])
return 1
"""
_END = """
redis.call('HSET', KEYS[1], 'ended', '1')
redis.call('HDEL', KEYS[1], 'frame', 'screen_id', 'status')
redis.call('LTRIM', KEYS[2], -1, -1)
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
redis.call('PUBLISH', KEYS[3], ARGV[2])
return 1
"""
_OPEN = """
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HSET', KEYS[1], 'frame_seq', 0, 'event_seq', 0)
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('PUBLISH', KEYS[3], ARGV[2])
return 1
"""


def _time(raw: bytes | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(raw.decode()) if raw else None


def _unavailable() -> ApiError:
    return ApiError(503, "help_unavailable", "协助服务暂时不可用，请稍后再试")


class RedisStore:
    """HelpStore on Redis. Thread-safe (a connection pool; the cache has its own lock)."""

    def __init__(self, url: str) -> None:
        self._redis = redis.Redis.from_url(url, socket_timeout=5, health_check_interval=30)
        self._scripts = {
            name: self._redis.register_script(body)
            for name, body in (
                ("put_frame", _PUT_FRAME),
                ("put_status", _PUT_STATUS),
                ("add_event", _ADD_EVENT),
                ("set", _SET),
                ("end", _END),
                ("open", _OPEN),
            )
        }
        self._lock = threading.Lock()
        self._views: dict[str, LiveView] = {}
        # A view read from Redis is cached only if no change to its session (generation) and
        # no reconnection (epoch) came in while it was read.
        self._generation: dict[str, int] = {}
        self._epoch = 0
        self._listening, self._closed = threading.Event(), threading.Event()
        self._listener = threading.Thread(target=self._listen, name="help-store-wake", daemon=True)
        self._listener.start()
        self._listening.wait(5)

    def close(self) -> None:
        """Called at the app's shutdown: the connections go, the listener ends within 1 s."""
        self._closed.set()
        self._redis.close()
        self._listener.join(2)

    # -- the wake-up channel ----------------------------------------------------------------
    def _listen(self) -> None:
        """Forget a session's cached view whenever any process changes it. After a lost
        connection every cached view is forgotten: a change may have been missed."""
        while not self._closed.is_set():
            try:
                with self._redis.pubsub(ignore_subscribe_messages=True) as pubsub:
                    pubsub.subscribe(WAKE_CHANNEL)
                    self._forget(None)
                    self._listening.set()
                    while not self._closed.is_set():
                        message = pubsub.get_message(timeout=1.0)
                        if message is not None:
                            self._forget(message["data"].decode())
            except (redis.RedisError, OSError, ValueError):
                if self._closed.is_set():
                    return  # close() pulled the connection away
                REDIS_ERRORS.inc()
                self._forget(None)
                self._closed.wait(0.5)

    def _forget(self, session_id: str | None) -> None:
        """One session's cached view, or (None) all of them."""
        with self._lock:
            if session_id is None or len(self._generation) > MAX_TRACKED:
                self._views.clear()
                self._generation.clear()
                self._epoch += 1
                return
            self._views.pop(session_id, None)
            self._generation[session_id] = self._generation.get(session_id, 0) + 1

    def _stamp(self, session_id: str) -> tuple[int, int]:
        return self._epoch, self._generation.get(session_id, 0)

    # -- commands ---------------------------------------------------------------------------
    def _run(self, script: str, session_id: str, ttl: int, *args):
        keys = (PREFIX + session_id, PREFIX + session_id + ":events", WAKE_CHANNEL)
        try:
            return self._scripts[script](keys=keys, args=(ttl, session_id, *args))
        except redis.RedisError:
            REDIS_ERRORS.inc()
            raise _unavailable() from None

    def _read(self, call):
        try:
            return call(self._redis)
        except redis.RedisError:
            REDIS_ERRORS.inc()
            raise _unavailable() from None

    def open(self, session_id: str) -> None:
        self._run("open", session_id, LIVE_TTL_S)

    def set_consented(self, session_id: str) -> None:
        self._run("set", session_id, LIVE_TTL_S, "consented", "1")

    def put_frame(self, session_id: str, jpeg: bytes, screen_id: str, at: dt.datetime) -> int:
        return int(self._run("put_frame", session_id, LIVE_TTL_S, jpeg, screen_id, at.isoformat()))

    def put_status(self, session_id: str, status: dict, at: dt.datetime) -> dict:
        """A heartbeat: the kiosk is there at `at`, showing `status`; returns the previous one."""
        document = json.dumps(status, ensure_ascii=False)
        return json.loads(self._run("put_status", session_id, LIVE_TTL_S, document, at.isoformat()))

    def status(self, session_id: str) -> dict:
        raw = self._read(lambda r: r.hget(PREFIX + session_id, "status"))
        return json.loads(raw) if raw else {}

    def frame(self, session_id: str) -> Frame | None:
        jpeg, seq, screen_id = self._read(
            lambda r: r.hmget(PREFIX + session_id, "frame", "frame_of", "screen_id")
        )
        if jpeg is None:
            return None
        return Frame(int(seq), jpeg, screen_id.decode())

    def add_event(self, session_id: str, type_: str, **data) -> int:
        event = json.dumps({"type": type_, **data})
        return int(self._run("add_event", session_id, LIVE_TTL_S, event, MAX_EVENTS))

    def events_after(self, session_id: str, seq: int) -> list[HelpEvent]:
        raw = self._read(lambda r: r.lrange(PREFIX + session_id + ":events", 0, -1))
        events = [HelpEvent(**json.loads(item)) for item in raw]
        return [e for e in events if e.seq > seq]

    def view(self, session_id: str) -> LiveView:
        with self._lock:
            cached = self._views.get(session_id)
            stamp = self._stamp(session_id)
        if cached is not None:
            return cached
        values = self._read(lambda r: r.hmget(PREFIX + session_id, *_VIEW_FIELDS))
        frame_seq, screen_id, event_seq, consented, ended, frame_at, seen_at, status_seq = values
        view = LiveView(
            int(frame_seq or 0),
            screen_id.decode() if screen_id else None,
            int(event_seq or 0),
            consented == b"1",
            ended == b"1",
            _time(frame_at),
            _time(seen_at),
            int(status_seq or 0),
        )
        with self._lock:
            if self._stamp(session_id) == stamp:
                self._views[session_id] = view
        return view

    def end(self, session_id: str) -> None:
        self._run("end", session_id, int(TOMBSTONE_S))
