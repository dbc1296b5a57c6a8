"""The fleet worker: one daemon thread, off the GUI thread, that sends a heartbeat every
`next_in_s` (the backend's number, 30 s), then the queued usage events and the outbox, and
hands the reply's work over: a remote setting to check (RemoteSettings.offer, and the
refusal reported at once) and a screenshot request (to the GUI thread's callback).

    worker = FleetWorker(channel_factory, heartbeat=..., usage=..., remote=..., ...)
    worker.start(); worker.wake(); worker.stop()
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.api import errors
from kiosk.fleet.channel import FleetChannel
from kiosk.fleet.remote import Outcome, RemoteSettings
from kiosk.fleet.usage import UsageRecorder

log = logging.getLogger("kiosk.fleet")
DEFAULT_INTERVAL_S = 30.0
RETRY_INTERVAL_S = 10.0  # while the backend does not answer


@dataclass
class FleetHooks:
    heartbeat: Callable[[], dict]  # builds the heartbeat document (off the GUI thread)
    on_screenshot: Callable[[int], None] = lambda _id: None  # called on this worker thread
    replay_outbox: Callable[[FleetChannel], None] = lambda _channel: None
    on_online: Callable[[bool], None] = lambda _online: None
    on_release: Callable[[object], None] = lambda _target: None  # the reply's `release`


class FleetWorker:
    def __init__(
        self,
        channel_factory: Callable[[], FleetChannel],
        hooks: FleetHooks,
        usage: UsageRecorder,
        remote: RemoteSettings,
    ) -> None:
        self._factory, self._hooks, self._usage, self._remote = (
            channel_factory,
            hooks,
            usage,
            remote,
        )
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._reports: list[Outcome] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="fleet", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)

    def wake(self) -> None:
        """Send the next heartbeat now (e.g. right after a remote setting was applied)."""
        self._wake.set()

    def report(self, outcome: Outcome) -> None:
        """Queue what an applied change did; sent with the next round."""
        with self._lock:
            self._reports.append(outcome)
        self._wake.set()

    def _run(self) -> None:
        channel = self._factory()
        try:
            while not self._stopping.is_set():
                interval = self.run_once(channel)
                self._wake.wait(interval)
                self._wake.clear()
        finally:
            channel.close()

    def run_once(self, channel: FleetChannel) -> float:
        """One round (heartbeat, reports, events, outbox, the reply's work); the seconds until
        the next. The thread's loop; tests call it directly instead of waiting 30 s."""
        try:
            reply = channel.heartbeat(self._hooks.heartbeat())
            self._hooks.on_online(True)
            self._send_reports(channel)
            self._send_events(channel)
            self._hooks.replay_outbox(channel)
            self._handle(channel, reply)
        except (errors.Offline, errors.Timeout, errors.ServerError):
            self._hooks.on_online(False)
            return RETRY_INTERVAL_S
        except errors.ApiError as exc:  # refused: log the code, keep going
            log.warning("fleet report refused: %s", exc.code)
            return RETRY_INTERVAL_S
        return float(reply.get("next_in_s") or DEFAULT_INTERVAL_S)

    def _send_reports(self, channel: FleetChannel) -> None:
        while True:
            with self._lock:
                if not self._reports:
                    return
                outcome = self._reports[0]
            channel.report_setting(outcome.change_id, outcome.status, outcome.detail)
            with self._lock:
                self._reports.pop(0)

    def _send_events(self, channel: FleetChannel) -> None:
        while (batch := self._usage.take()) is not None:
            channel.send_events(*batch)
            self._usage.confirm(batch[0])

    def _handle(self, channel: FleetChannel, reply: dict[str, Any]) -> None:
        setting = reply.get("setting")
        if isinstance(setting, dict):
            refusal = self._remote.offer(int(setting["change_id"]), dict(setting["values"]))
            if refusal is not None:
                channel.report_setting(int(setting["change_id"]), "refused", refusal)
                self._wake.set()  # the next change may be waiting behind it
        self._hooks.on_release(reply.get("release"))
        shot = reply.get("screenshot")
        if isinstance(shot, dict):
            self._hooks.on_screenshot(int(shot["id"]))
