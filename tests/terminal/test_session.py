"""The kiosk session for real: the unit `kiosk install-session` writes, run by a supervisor
with systemd's semantics (systemd is not PID 1 here, see unit_supervisor.py), cage on
wlroots' headless backend, the installed kiosk as the unprivileged user. Killed, it is back
within 10 s; with its GUI thread stopped, the watchdog kills it and it comes back."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import time

import pytest
from PIL import Image

from kiosk.cli import main
from kiosk.terminal.session_units import UNIT_NAME
from tests.terminal.conftest import SERVICE_USER
from tests.terminal.unit_supervisor import UnitSupervisor, descendants, running

pytestmark = pytest.mark.skipif(
    not (shutil.which("cage") and shutil.which("grim") and shutil.which("Xwayland")),
    reason="cage, grim and xwayland are not installed (tools/bootstrap.py installs them)",
)
WATCHDOG_S = 4  # the test's drop-in shortens WatchdogSec=30, as `systemctl edit` would
START_S = 90  # the first start seeds the demo database on 2 busy cores


def _drop_in(root, home) -> None:
    runtime = home / "run"
    runtime.mkdir(mode=0o700)
    user = pwd.getpwnam(SERVICE_USER)
    os.chown(runtime, user.pw_uid, user.pw_gid)
    drop_in = root / "etc/systemd/system" / f"{UNIT_NAME}.d" / "headless-test.conf"
    drop_in.parent.mkdir(parents=True)
    drop_in.write_text(f"""\
[Service]
Environment=WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman
Environment=XDG_RUNTIME_DIR={runtime} HOME={home} KIOSK_SPEECH_ENABLED=false
WatchdogSec={WATCHDOG_S}
TimeoutStopSec=3
""")


def _screenshot(home, out) -> Image.Image:
    """grim over wlr-screencopy: what cage's output really shows."""
    env = {
        "XDG_RUNTIME_DIR": str(home / "run"),
        "WAYLAND_DISPLAY": "wayland-0",
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(["grim", str(out)], env=env, check=True, timeout=20)
    return Image.open(out).convert("RGB")


def test_session_restarts_a_killed_kiosk_and_a_hung_one(installed_kiosk, service_home, tmp_path):
    root = service_home / "root"
    config = next(
        installed_kiosk.venv.glob("lib/python3*/site-packages/kiosk/_data/config/kiosk.toml")
    )
    assert main(["--config", str(config), "install-session", "--root", str(root),
                 "--user", SERVICE_USER, "--kiosk", str(installed_kiosk.kiosk)]) == 0  # fmt: skip
    _drop_in(root, service_home)
    supervisor = UnitSupervisor(root / "etc/systemd/system" / UNIT_NAME)
    supervisor.start(service_home, tmp_path / "service.log")
    try:
        first = supervisor.wait_for("ready", 1, START_S)
        assert first.detail.startswith("serving (civic-kiosk ")  # STATUS= from the kiosk
        assert first.pid != supervisor.events[0].pid  # sent by the kiosk, cage's child
        # The kiosk's home screen is on cage's output. (wlroots 0.15's headless output with
        # pixman keeps the client's first frame; later frames and full-screen sizing are
        # checked on a real X server in test_real_window.py.)
        shot = _screenshot(service_home, tmp_path / "cage.png")
        assert len(set(shot.resize((64, 64)).get_flattened_data())) > 8, "cage shows a blank output"

        killed_at = time.monotonic()
        os.kill(first.pid, signal.SIGKILL)  # a crash
        second = supervisor.wait_for("ready", 2, 30)
        assert second.pid != first.pid
        assert second.at - killed_at < 10, f"back after {second.at - killed_at:.1f} s"

        hung_at = time.monotonic()
        os.kill(second.pid, signal.SIGSTOP)  # the kiosk stops answering, as a hung GUI would
        dog = supervisor.wait_for("watchdog", 1, WATCHDOG_S + 10)
        assert WATCHDOG_S - 1 < dog.at - hung_at < WATCHDOG_S + 3
        third = supervisor.wait_for("ready", 3, 30)
        assert third.pid not in (first.pid, second.pid)
        main_pid = [e for e in supervisor.events if e.kind == "started"][-1].pid
    finally:
        supervisor.stop()
    log = (tmp_path / "service.log").read_text(errors="replace")
    assert not [line for line in log.splitlines() if "qml" in line.lower()], log[-3000:]
    for pid in (first.pid, second.pid, third.pid, main_pid):
        assert not running(pid), f"{pid} still runs"
    assert descendants(main_pid) == []
