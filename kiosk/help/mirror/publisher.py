"""Help-session mirror: publishes the kiosk's frames and screen id, brings staff events back.

    publisher = MirrorPublisher(lambda: ApiClient(url, token), session_id,
                                max_minutes=config.help.mirror_max_minutes,
                                on_event=..., on_stopped=...)
    publisher.start()                            # at the code: heartbeat and events start
    publisher.submit(frame, "booking.service")   # any thread, never blocks; latest frame wins
    publisher.extend()                           # the senior's one extension of the time limit
    publisher.stop("kiosk")                      # never blocks; ends the backend session

Three worker threads, each with its own channel (an ApiClient from `channel_factory`, so no
client is used by two threads at once): one encodes and publishes frames — only when the
picture or screen id changed, at most `max_fps` per second, JPEG ≤ 150 KB — one long-polls
the backend for staff events, one sends a heartbeat every HEARTBEAT_S with `status()` (what
the screen shows, for the worker) and the time left. `on_event(HelpEvent)`,
`on_warning()` (the time limit is WARN_BEFORE_S away) and `on_stopped(reason)` are called
on those worker threads: a Qt caller forwards them with a queued signal.

The publisher sends what it is given: the caller renders frames from the masked view, so no
ID number, phone or name is ever handed over (issue 8, privacy in the mirror).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from kiosk.api import errors
from kiosk.api.help_models import HelpEvent, HelpEvents
from kiosk.help.mirror.encode import MAX_FRAME_BYTES, FrameError, RawFrame, capture, to_jpeg
from kiosk.help.mirror.time_limit import TimeLimit

log = logging.getLogger(__name__)

RETRY_DELAY_S = 1.0
HEARTBEAT_S = 1.0  # the console shows 连接中断 after three missed ones


class HelpChannel(Protocol):
    """The part of kiosk.api.ApiClient the mirror uses."""

    def publish_frame(self, session_id: str, jpeg: bytes, screen_id: str) -> int: ...
    def pointer_events(self, session_id: str, after: int = 0, wait: float = 5.0) -> HelpEvents: ...
    def end_help_session(self, session_id: str, reason: str = "kiosk") -> None: ...
    def help_heartbeat(self, session_id: str, status: dict) -> Any: ...


def _ignore(*_args: Any) -> None:
    pass


def _close(channel: HelpChannel) -> None:
    close = getattr(channel, "close", None)  # ApiClient pools connections
    if close is not None:
        close()


class MirrorPublisher:
    def __init__(
        self,
        channel_factory: Callable[[], HelpChannel],
        session_id: str,
        *,
        max_minutes: float,
        on_event: Callable[[HelpEvent], None] = _ignore,
        on_stopped: Callable[[str], None] = _ignore,
        on_warning: Callable[[], None] = _ignore,
        status: Callable[[], dict] = dict,
        max_fps: float = 2.0,
        max_bytes: int = MAX_FRAME_BYTES,
        max_side: int = 1280,
        poll_wait_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._factory, self._session_id = channel_factory, session_id
        self._on_event, self._on_stopped, self._on_warning = on_event, on_stopped, on_warning
        self._status = status
        self._interval = 1.0 / max_fps
        self._max_bytes, self._max_side, self._poll_wait = max_bytes, max_side, poll_wait_s
        self._clock = clock
        self.time_limit = TimeLimit(max_minutes * 60, clock)
        self._events_seen = 0
        self._cond = threading.Condition()
        self._pending: tuple[Any, str] | None = None
        self._stop_reason: str | None = None
        self._threads: list[threading.Thread] = []
        self.published = 0  # frames sent
        self.unchanged = 0  # frames skipped because nothing changed
        self.ended_by: str | None = None  # the backend's reason when it ended the session

    # -- caller side (any thread, never blocks on the network) ----------------------

    @property
    def running(self) -> bool:
        return bool(self._threads) and self._stop_reason is None

    def start(self) -> None:
        if self._threads:
            raise RuntimeError("a publisher starts once")
        self.time_limit.start()
        self._threads = [
            threading.Thread(target=self._publish_loop, name="mirror-publish", daemon=True),
            threading.Thread(target=self._event_loop, name="mirror-events", daemon=True),
            threading.Thread(target=self._heartbeat_loop, name="mirror-heartbeat", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, frame: bytes | Any, screen_id: str) -> None:
        """A PNG/JPEG (bytes) or a QImage of the window as staff may see it, and the screen id.
        Only the latest submitted frame is kept; older unsent ones are dropped."""
        with self._cond:
            if self._stop_reason is None:
                self._pending = (frame, screen_id)
                self._cond.notify_all()

    def extend(self) -> bool:
        """The senior's one extension of the time limit; False when already used."""
        extended = self.time_limit.extend()
        with self._cond:
            self._cond.notify_all()  # the publish thread waits for the old deadline
        return extended

    def stop(self, reason: str = "kiosk") -> None:
        """结束协助 ("kiosk"), idle reset ("idle"), session end ("session_end"). Idempotent."""
        with self._cond:
            if self._stop_reason is None:
                self._stop_reason = reason
                self._pending = None
            self._cond.notify_all()

    def join(self, timeout: float | None = None) -> None:
        for thread in self._threads:
            thread.join(timeout)

    # -- publishing thread -----------------------------------------------------------

    def _next_frame(self, last_sent_at: float) -> tuple[Any, str] | None:
        """Wait for a frame that may be sent now, the stop, or the time limit."""
        with self._cond:
            while self._stop_reason is None:
                now, deadline = self._clock(), self.time_limit.deadline
                if now >= deadline:
                    self._stop_reason = "timeout"
                    break
                ready_at = last_sent_at + self._interval
                if self._pending is not None and now >= ready_at:
                    frame, self._pending = self._pending, None
                    return frame
                wake = deadline if self._pending is None else min(ready_at, deadline)
                self._cond.wait(min(HEARTBEAT_S, max(0.005, wake - now)))
            return None

    def _publish_loop(self) -> None:
        channel = self._factory()
        last_key: tuple[str, str] | None = None
        last_sent_at = -self._interval
        while (item := self._next_frame(last_sent_at)) is not None:
            frame, screen_id = item
            try:
                raw = capture(frame, self._max_side)
                if (raw.fingerprint, screen_id) == last_key:
                    self.unchanged += 1
                    continue
                last_sent_at = self._clock()
                self._send(channel, raw, screen_id)
                last_key = (raw.fingerprint, screen_id)
                self.published += 1
            except FrameError as exc:
                log.warning("mirror frame skipped: %s", exc)
            except (errors.NotFound, errors.Conflict) as exc:
                # Session gone or ended on the backend (e.g. staff side, another help call).
                log.info("mirror stopped by the backend: %s", exc.code)
                self.stop("ended")
            except errors.ApiError as exc:
                log.info("mirror frame not delivered: %s", exc.code)
                with self._cond:  # offline for a moment: try that frame again unless a newer came
                    self._pending = self._pending or item
        self._finish(channel)

    def _send(self, channel: HelpChannel, raw: RawFrame, screen_id: str) -> None:
        jpeg = to_jpeg(raw, max_bytes=self._max_bytes, max_side=self._max_side)
        channel.publish_frame(self._session_id, jpeg, screen_id)

    def _finish(self, channel: HelpChannel) -> None:
        reason = self._stop_reason or "kiosk"
        if reason != "ended":
            channel.end_help_session(self._session_id, reason)  # never raises
        _close(channel)
        log.info(
            "mirror stopped: %s (published %d, unchanged %d)",
            reason,
            self.published,
            self.unchanged,
        )
        self._on_stopped(reason)

    # -- event thread ----------------------------------------------------------------

    def _event_loop(self) -> None:
        channel = self._factory()
        after = 0
        while self._stop_reason is None:
            try:
                batch = channel.pointer_events(self._session_id, after=after, wait=self._poll_wait)
            except errors.NotFound:
                self.stop("ended")
                break
            except errors.ApiError as exc:
                log.info("mirror events not fetched: %s", exc.code)
                with self._cond:
                    self._cond.wait(RETRY_DELAY_S)
                continue
            for event in batch.items:
                after = max(after, event.seq)
                if event.type == "ended":
                    self.ended_by = event.reason
                    self.stop("ended")
                elif self._stop_reason is None:
                    self._on_event(event)
                self._events_seen = after
            if batch.state.code == "ended":
                self.stop("ended")
        _close(channel)

    # -- heartbeat thread ------------------------------------------------------------

    def heartbeat_status(self) -> dict:
        """What the next heartbeat says: the caller's status plus the time left, whether
        the last frame sent is what the screen shows, and the last event handled."""
        with self._cond:
            picture_current = self._pending is None
        return {
            **self._status(),
            "remaining_s": round(self.time_limit.remaining_s()),
            "extended": self.time_limit.extended,
            "events_seen": self._events_seen,
            "picture_current": picture_current,
        }

    def _heartbeat_loop(self) -> None:
        channel = self._factory()
        while self._stop_reason is None:
            if self.time_limit.warning_due():
                self._on_warning()
            try:
                channel.help_heartbeat(self._session_id, self.heartbeat_status())
            except (errors.NotFound, errors.Conflict) as exc:
                log.info("mirror stopped by the backend: %s", exc.code)
                self.stop("ended")
            except errors.ApiError as exc:
                log.info("mirror heartbeat not delivered: %s", exc.code)
            with self._cond:
                if self._stop_reason is None:
                    self._cond.wait(HEARTBEAT_S)
        _close(channel)
