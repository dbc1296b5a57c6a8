"""The launcher's switch-back rules, on real venvs (python -m venv) whose `kiosk` package is a
few lines standing in for a version that starts, one that hangs before its first frame,
and one that crashes (tests/fleet/test_releases.py runs the real kiosk wheels; this covers
the cases that would take minutes there). About 10 s."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import pytest

from kiosk.terminal.launcher import Launcher
from kiosk.terminal.releases import BASE, ReleaseStore, Trial

STARTS = """import os, pathlib
pathlib.Path(os.environ["CIVIC_KIOSK_STARTED_FILE"]).write_text("{version}")
pathlib.Path("{version}.ran").touch()
"""
HANGS = "import time\ntime.sleep(120)\n"


def version(store: ReleaseStore, name: str, main: str) -> None:
    """releases/<name>/venv with a `kiosk` whose __main__ is `main`, marked installed."""
    venv = store.folder(name) / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    (site_dir,) = venv.glob("lib/python3*/site-packages")
    (site_dir / "kiosk").mkdir()
    (site_dir / "kiosk" / "__init__.py").write_text("")
    (site_dir / "kiosk" / "__main__.py").write_text(main.format(version=name))
    (store.folder(name) / "installed.json").write_text(json.dumps({"version": name}))


@pytest.fixture
def store(tmp_path):
    store = ReleaseStore(tmp_path / "releases")
    version(store, "1.0", STARTS)
    return store


def launch(store: ReleaseStore, **options) -> int:
    handlers = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    try:
        return Launcher(store, ["run"], **options).run()
    finally:
        signal.signal(signal.SIGTERM, handlers[0])
        signal.signal(signal.SIGINT, handlers[1])


def on_trial(store: ReleaseStore, name: str, **trial) -> None:
    store.point_at("1.0")
    store.begin_trial(7, name)
    if trial:
        store.save_trial(Trial(7, name, "1.0", **trial))


def test_a_version_that_starts_is_confirmed(store):
    store.point_at(BASE)
    store.begin_trial(7, "1.0")
    assert store.trial() == Trial(7, "1.0", BASE)
    assert launch(store, start_timeout_s=30) == 0
    assert store.outcome().status == "switched" and store.trial() is None
    assert (store.root / "1.0.ran").exists() and store.current() == "1.0"


def test_a_version_that_hangs_before_its_first_frame_is_switched_back_from(store):
    version(store, "2.0", HANGS)
    on_trial(store, "2.0")
    assert launch(store, start_timeout_s=2, attempts=2) == 0
    outcome = store.outcome()
    assert (outcome.status, outcome.detail) == ("rolled_back", "no_start_mark.2s")
    assert store.current() == "1.0" and (store.root / "1.0.ran").exists()


def test_a_launcher_killed_mid_trial_still_switches_back(store):
    """The systemd watchdog killed everything during the last allowed start."""
    version(store, "2.0", HANGS)
    on_trial(store, "2.0", attempts=2, failure="")
    assert launch(store, start_timeout_s=30, attempts=2) == 0
    assert store.outcome().detail == "killed_during_start" and store.current() == "1.0"


def test_a_version_left_half_installed_is_not_started(store):
    version(store, "2.0", STARTS)
    (store.folder("2.0") / "installed.json").unlink()  # the install never finished
    on_trial(store, "2.0")
    assert launch(store, start_timeout_s=30) == 0
    assert store.outcome().detail == "not_installed" and store.current() == "1.0"
    assert not (store.root / "2.0.ran").exists()


def test_a_crash_before_the_mark_names_the_exit_code(store):
    version(store, "2.0", "raise SystemExit(3)\n")
    on_trial(store, "2.0")
    assert launch(store, start_timeout_s=30, attempts=1) == 0
    assert store.outcome().detail == "exited_before_start.code_3"


@pytest.mark.parametrize(
    "damage",
    [
        "not json",
        '{"trial": {"assignment_id": 7, "version": "1.0", "previous": "../..", "attempts": 0}}',
        '{"trial": {"assignment_id": 7, "version": "1.0", "previous": "", "attempts": "x"}}',
        '{"outcome": {"assignment_id": 0, "version": "1.0", "status": "switched"}}',
        '{"outcome": {"assignment_id": 7, "version": "1.0", "status": "exploded"}}',
        '{"outcome": {"assignment_id": 7, "version": "1.0", "status": "switched", "detail": "A B"}}',
    ],
)
def test_a_damaged_state_file_says_nothing_and_stops_nothing(store, damage):
    """Nothing the heartbeat schema would refuse (every beat would be), no crash loop."""
    store.point_at("1.0")
    (store.root / "state.json").write_text(damage)
    assert store.outcome() is None and store.trial() is None
    assert launch(store, start_timeout_s=30) == 0 and (store.root / "1.0.ran").exists()


SWITCHES = """import os, pathlib
pathlib.Path(os.environ["CIVIC_KIOSK_STARTED_FILE"]).write_text("{version}")
pathlib.Path("{version}.ran").touch()
os.symlink("2.0", ".current.new")
os.replace(".current.new", "current")  # as ReleaseStore.begin_trial does, then
raise SystemExit(75)  # launch_env.SWITCH_EXIT_CODE: start what current names now
"""


def test_a_kiosk_that_exits_to_switch_is_followed_by_the_new_current(store):
    version(store, "1.5", SWITCHES)
    version(store, "2.0", STARTS)
    store.point_at("1.5")
    assert launch(store, start_timeout_s=30) == 0
    assert (store.root / "1.5.ran").exists() and (store.root / "2.0.ran").exists()
    assert store.current() == "2.0"
