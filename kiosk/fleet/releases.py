"""Releases on the kiosk's fleet side: the heartbeat reply names the version an operator
assigned (`release`); the kiosk downloads that wheel from the backend with its terminal
token (never from anywhere else), checks its size and sha256, installs it beside the running
one (kiosk/terminal/releases.py) on a thread of its own, and at the next idle moment points
`current` at it and exits, for the launcher to start it and to switch back if it does not
start. Each step's outcome rides in the heartbeats (`release`), also after a restart.

A kiosk not started by the launcher cannot switch: it answers `unmanaged`.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from civic_core.release import is_release_version, wheel_filename
from kiosk.api import errors
from kiosk.fleet.channel import FleetChannel
from kiosk.resources import VERSION
from kiosk.terminal.launch_env import Managed
from kiosk.terminal.releases import Outcome, ReleaseError, ReleaseStore

log = logging.getLogger("kiosk.fleet")
MAX_WHEEL_BYTES = 50 * 1024 * 1024  # the backend's limit too
MAX_TRIES = 3  # tries of one assignment before it stays install_failed (network cuts: unlimited)
_SHA256 = re.compile(r"[0-9a-f]{64}")
_WAITING = ("installed", "switched", "rolled_back", "unmanaged")  # nothing more to do
_NETWORK = ("download_failed.offline", "download_failed.timeout")


@dataclass(frozen=True)
class Target:
    assignment_id: int
    version: str
    sha256: str
    size: int

    @classmethod
    def parse(cls, raw: object) -> Target | None:
        """A usable target from the heartbeat reply, or None (never a path, never unbounded)."""
        if not isinstance(raw, dict):
            return None
        number, version, sha256, size = (
            raw.get(k) for k in ("assignment_id", "version", "sha256", "size")
        )
        if not (isinstance(number, int) and isinstance(size, int) and isinstance(sha256, str)):
            return None
        if not (is_release_version(version) and _SHA256.fullmatch(sha256)):
            return None
        good = number > 0 and 0 < size <= MAX_WHEEL_BYTES and not isinstance(number, bool)
        return cls(number, version, sha256, size) if good else None


class ReleaseFollower:
    def __init__(self, managed: Managed | None, channel: Callable[[], FleetChannel],
                 running: str = VERSION) -> None:  # fmt: skip
        self._managed, self._channel, self._running = managed, channel, running
        self.store = ReleaseStore(managed.releases_dir) if managed else None
        self._unmanaged: Outcome | None = None  # with a store, the store's outcome is the truth
        self._target: Target | None = None
        self._tries: dict[int, int] = {}
        self._thread: threading.Thread | None = None

    def outcome(self) -> Outcome | None:
        """Also what the launcher wrote (switched, rolled_back) before this kiosk started."""
        return self.store.outcome() if self.store else self._unmanaged

    def state(self) -> dict | None:
        """The heartbeat's `release`: where this terminal is with its latest assignment."""
        outcome = self.outcome()
        return asdict(outcome) if outcome else None

    def _set(self, outcome: Outcome) -> None:
        if self.store is not None:
            self.store.set_outcome(outcome)
        else:
            self._unmanaged = outcome

    def offer(self, raw: object) -> None:
        """The heartbeat reply's `release` (fleet worker thread): start what it asks for."""
        target = Target.parse(raw)
        if target is None:
            if raw is not None:
                log.warning("release target refused: not a valid assignment")
            return
        self._target, done = target, self.outcome()
        if done and done.assignment_id == target.assignment_id:
            tried = self._tries.get(target.assignment_id, 0)
            if done.status in _WAITING or tried >= MAX_TRIES:
                return
        if target.version == self._running:
            self._set(Outcome(target.assignment_id, target.version, "switched", "already_running"))
        elif self.store is None:
            self._set(Outcome(target.assignment_id, target.version, "unmanaged"))
        elif self._thread is None or not self._thread.is_alive():
            self._tries[target.assignment_id] = self._tries.get(target.assignment_id, 0) + 1
            self._thread = threading.Thread(target=self._install, args=(target,),
                                            name="release-install", daemon=True)  # fmt: skip
            self._thread.start()

    def join(self, timeout: float) -> None:
        """Wait for an install under way (tests; stopping)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _install(self, target: Target) -> None:
        assert self.store is not None and self._managed is not None
        incoming = self.store.root / ".incoming"
        try:
            if (self.store.installed(target.version) or {}).get("sha256") != target.sha256:
                wheel = self._download(target, incoming)
                self.store.install(target.version, wheel, self._managed.base_python,
                                   self._managed.base_site, sha256=target.sha256)  # fmt: skip
        except ReleaseError as exc:
            log.warning("release %s not installed: %s", target.version, exc)
            if exc.code in _NETWORK:  # not the release's fault: the next answered beat retries
                self._tries[target.assignment_id] -= 1
            self._set(Outcome(target.assignment_id, target.version, "install_failed", exc.code))
            return
        finally:
            shutil.rmtree(incoming, ignore_errors=True)  # a wheel is kept only installed
        log.info("release %s installed; switching at the next idle moment", target.version)
        self._set(Outcome(target.assignment_id, target.version, "installed"))

    def _download(self, target: Target, incoming: Path) -> Path:
        """The wheel, checked against the size and sha256 the backend announced."""
        shutil.rmtree(incoming, ignore_errors=True)
        incoming.mkdir(parents=True)
        wheel = incoming / wheel_filename(target.version)
        channel = self._channel()
        try:
            with wheel.open("wb") as out:
                size = channel.download_release(target.version, out, target.size)
        except errors.ApiError as exc:
            code = re.sub(r"[^a-z0-9_]", "_", (exc.code or "error").lower())[:40]
            raise ReleaseError(f"download_failed.{code}", str(exc)) from None
        finally:
            channel.close()
        if size != target.size:
            raise ReleaseError("size_mismatch", f"{size} bytes arrived, {target.size} announced")
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if digest != target.sha256:
            raise ReleaseError("hash_mismatch", "the wheel's sha256 is not the one announced")
        return wheel

    def switch_at_idle(self) -> bool:
        """GUI thread, nobody at the kiosk: point `current` at the installed newest target.
        True when the kiosk should now exit for the launcher to start it."""
        done, target = self.outcome(), self._target
        if self.store is None or done is None or done.status != "installed":
            return False
        if done.version == self._running:
            return False  # started already; the launcher is about to say switched
        if target is not None and target.assignment_id != done.assignment_id:
            return False  # a newer assignment arrived: install that one first
        self.store.begin_trial(done.assignment_id, done.version)
        log.info("switching to release %s", done.version)
        return True
