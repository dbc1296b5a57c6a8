"""`kiosk launch`: what the kiosk session runs (session_units.py). It starts the version
`current` points at (kiosk/terminal/releases.py), or the base install it runs from, and
stays its parent:

- a version on trial (just switched to at an idle moment) must write its started mark
  (launch_env.mark_started, after the first frame) within `start_timeout_s`; one that
  exits first, or stays silent, is tried `attempts` times and then switched back from, the
  reason kept for the heartbeat (`rolled_back`, e.g. `exited_before_start.code_1`);
- a kiosk that exits with SWITCH_EXIT_CODE (it switched `current` itself) is followed by the
  new `current` at once; any other exit ends the launcher with that code, and systemd
  starts it again (Restart=always).

The attempts are counted on disk before each start, so a launcher killed mid-trial (the
systemd watchdog) still switches back in the end. SIGTERM is passed on to the kiosk.
"""

from __future__ import annotations

import logging
import os
import signal
import site
import subprocess
import sys
import time
from dataclasses import dataclass, field, replace

from kiosk.terminal import launch_env
from kiosk.terminal.releases import BASE, ReleaseStore, Trial

log = logging.getLogger("kiosk.launcher")
START_TIMEOUT_S = 25.0  # under WatchdogSec (30): the session's watchdog waits no longer
ATTEMPTS = 2
STOP_GRACE_S = 10.0
POLL_S = 0.2


@dataclass
class Launcher:
    store: ReleaseStore
    kiosk_args: list[str]  # after `python -m kiosk`, e.g. ["--config", PATH, "run"]
    start_timeout_s: float = START_TIMEOUT_S
    attempts: int = ATTEMPTS
    _child: subprocess.Popen | None = field(default=None, init=False)
    _stopping: bool = field(default=False, init=False)

    @property
    def mark(self):
        return self.store.root / "started"

    def command(self, version: str) -> list[str]:
        python = sys.executable if version == BASE else str(self.store.python(version))
        return [python, "-m", "kiosk", *self.kiosk_args]

    def child_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env |= {
            launch_env.STARTED_FILE: str(self.mark),
            launch_env.RELEASES_DIR: str(self.store.root),
            launch_env.BASE_PYTHON: sys.executable,
            launch_env.BASE_SITE: site.getsitepackages()[0],
        }
        if "WATCHDOG_PID" in env:  # the kiosk answers systemd's watchdog for its parent: us
            env["WATCHDOG_PID"] = str(os.getpid())
        return env

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        self.store.root.mkdir(parents=True, exist_ok=True)
        while True:
            version, trial = self.store.current(), self.store.trial()
            if version != BASE and self.store.installed(version) is None:
                log.warning("version %s is not installed completely", version)
                if trial is None:
                    self.store.point_at(BASE)
                else:
                    self.store.roll_back(trial, "not_installed")
                continue
            if trial is not None and trial.attempts >= self.attempts:
                self.store.roll_back(trial, trial.failure or "killed_during_start")
                continue
            code = self._run_version(version, trial)
            if self._stopping or (code is not None and code != launch_env.SWITCH_EXIT_CODE):
                return code or 0

    def _run_version(self, version: str, trial: Trial | None) -> int | None:
        """Start `version` and wait for it; None when a trial start failed (try again)."""
        if trial is not None:
            trial = self.store.count_attempt(trial)
        self.mark.unlink(missing_ok=True)
        log.info("starting %s", version or "the base install")
        child = subprocess.Popen(self.command(version), env=self.child_env(), cwd=self.store.root)
        self._child = child
        if trial is not None:
            failure = self._await_start(child, version)
            if failure:
                log.warning("version %s did not start: %s", version, failure)
                self.store.save_trial(replace(trial, failure=failure))
                self._end_child()
                return None if not self._stopping else 0
            self.store.confirm(trial)
            log.info("version %s started: switched", version)
        return child.wait()

    def _await_start(self, child: subprocess.Popen, version: str) -> str:
        """Why `version` did not start, or "" once its started mark says it is up."""
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline and not self._stopping:
            code = child.poll()
            if self._started(version):
                return ""
            if code is not None:
                return f"exited_before_start.code_{code}".replace("-", "signal_")
            time.sleep(POLL_S)
        return "stopped" if self._stopping else f"no_start_mark.{self.start_timeout_s:.0f}s"

    def _started(self, version: str) -> bool:
        try:
            return self.mark.read_text(encoding="utf-8") == version_name(version)
        except OSError:
            return False

    def _end_child(self) -> None:
        if self._child is None or self._child.poll() is not None:
            return
        self._child.terminate()
        try:
            self._child.wait(STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            self._child.kill()
            self._child.wait()

    def _stop(self, signum, _frame) -> None:
        self._stopping = True
        if self._child is not None and self._child.poll() is None:
            self._child.send_signal(signum)


def version_name(version: str) -> str:
    """What the started mark of `version` says (the base install writes its own VERSION)."""
    if version != BASE:
        return version
    from kiosk.resources import VERSION

    return VERSION
