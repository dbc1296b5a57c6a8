"""The kiosk's fleet side in one object, without Qt: usage events, remote settings, error
codes, and the worker thread that reports them. kiosk/fleet/service.py wires it to the
running kiosk; tests drive it directly.

    agent = FleetAgent(config, url=..., token=..., state_dir=...)
    agent.start()
    agent.idle_moment(apply)   # GUI thread, when no visit is on: apply a waiting setting
    agent.stop()
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.api import ApiClient
from kiosk.config import KioskConfig
from kiosk.fleet import heartbeat, probes
from kiosk.fleet.catalogue import LastSeenCatalogue
from kiosk.fleet.channel import FleetChannel
from kiosk.fleet.heartbeat import ErrorCodes
from kiosk.fleet.outbox import Outbox, load_key
from kiosk.fleet.paths import default_key_file
from kiosk.fleet.releases import ReleaseFollower
from kiosk.fleet.remote import Checks, Outcome, RemoteSettings, device_checks
from kiosk.fleet.usage import UsageRecorder
from kiosk.fleet.worker import FleetHooks, FleetWorker
from kiosk.terminal import launch_env

REMOTE_FILE = "remote-settings.json"
OUTBOX_FILE = "outbox.bin"
CATALOGUE_FILE = "catalogue.json"


class FleetAgent:
    def __init__(
        self,
        config: KioskConfig,
        *,
        url: str,
        token: str,
        state_dir: Path,
        run: probes.Runner = probes.run_command,
        checks: Checks = device_checks,
        on_screenshot: Callable[[int], None] = lambda _id: None,
        key_file: Path | None = None,
        managed: launch_env.Managed | None = None,
    ) -> None:
        self.state_dir = state_dir
        self.usage = UsageRecorder()
        self.errors = ErrorCodes()
        self.remote = RemoteSettings(state_dir / REMOTE_FILE, config)
        self.outbox = Outbox(
            state_dir / OUTBOX_FILE, load_key(key_file or default_key_file(config))
        )
        self._run, self._checks, self._started = run, checks, time.monotonic()
        self._url, self._token = url, token
        self.catalogue = LastSeenCatalogue(state_dir / CATALOGUE_FILE)
        self._catalogue_client: ApiClient | None = None  # made on the worker thread
        self.releases = ReleaseFollower(managed or launch_env.managed(), self.channel)
        hooks = FleetHooks(heartbeat=self._beat, on_screenshot=on_screenshot,
                           replay_outbox=self._after_beat, on_release=self.releases.offer)  # fmt: skip
        self.hooks = hooks
        self.worker = FleetWorker(self.channel, hooks, self.usage, self.remote)

    def channel(self) -> FleetChannel:
        return FleetChannel(self._url, self._token)

    @property
    def config(self) -> KioskConfig:
        return self.remote.config

    def _beat(self) -> dict:
        return heartbeat.build(
            self.remote.config,
            started=self._started,
            outbox_depth=self.outbox.depth(),
            errors=self.errors,
            in_visit=self.usage.in_visit,
            state_dir=self.state_dir,
            run=self._run,
            release=self.releases.state(),
        )

    def _after_beat(self, channel: FleetChannel) -> None:
        """The backend answers: replay the outbox, then keep the catalogue as last seen."""
        self.outbox.replay(channel.send_outbox_entry)
        if self._catalogue_client is None:
            self._catalogue_client = ApiClient(self._url, self._token, retries=0)
        self.catalogue.refresh_if_due(self._catalogue_client, dt.date.today())

    def idle_moment(self, apply: Callable[[KioskConfig], None]) -> Outcome | None:
        """Apply a waiting remote setting — never while someone is using the kiosk."""
        if self.usage.in_visit or self.remote.pending is None:
            return None
        outcome = self.remote.apply_pending(apply, self._checks)
        if outcome is not None:
            self.worker.report(outcome)
        return outcome

    def switch_release_at_idle(self) -> bool:
        """True when an installed version is now `current`: the kiosk exits for the launcher."""
        return not self.usage.in_visit and self.releases.switch_at_idle()

    def start(self) -> None:
        self.worker.start()

    def stop(self) -> None:
        self.worker.stop()
        if self._catalogue_client is not None:
            self._catalogue_client.close()
