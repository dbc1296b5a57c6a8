"""`kiosk demo` on a desktop whose screen is smaller than the kiosk's (a 1920×1080 monitor
and the 1080×1920 portrait kiosk): the window is scaled to fit, whole, on a real X server,
and a real tap at the scaled spot still lands on the button under it."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys

import pytest

from kiosk.terminal.demo_window import fit_to_screen, fitting_scale
from tests.terminal.xserver import Xvfb, difference

SCREEN = (1920, 1080)
TILE_BOOK = (280, 400)  # 预约上门服务 on home, in the kiosk's own 1080×1920 pixels


def test_the_scale_fits_the_window_in_the_free_area():
    assert fitting_scale((1080, 1920), (1920, 1080)) == 0.51  # 0.92 × 1080 / 1920
    assert fitting_scale((1920, 1080), (1366, 728)) == 0.62
    assert fitting_scale((1080, 1920), (2160, 3840)) is None, "it fits: left alone"
    assert fitting_scale((1080, 1920), (200, 100)) == 0.25, "never smaller than a quarter"


def test_a_scale_the_developer_chose_is_kept(monkeypatch):
    monkeypatch.setenv("QT_SCALE_FACTOR", "0.7")
    assert fit_to_screen("portrait") is None and os.environ["QT_SCALE_FACTOR"] == "0.7"


def test_no_real_screen_is_no_scale(monkeypatch):
    monkeypatch.delenv("QT_SCALE_FACTOR", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert fit_to_screen("portrait") is None and "QT_SCALE_FACTOR" not in os.environ


@pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")),
                    reason="Xvfb and xdotool are not installed (tools/bootstrap.py installs them)")  # fmt: skip
def test_kiosk_demo_fits_a_smaller_desktop_and_taps_still_land(tmp_path):
    xserver = Xvfb(*SCREEN)
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(tmp_path / "notify"))
    notify.settimeout(90)
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "QT_SCALE_FACTOR")}  # fmt: skip
    env.update(DISPLAY=xserver.display, QT_QUICK_BACKEND="software", HOME=str(tmp_path),
               KIOSK_SPEECH_ENABLED="false", NOTIFY_SOCKET=str(tmp_path / "notify"))  # fmt: skip
    log = open(tmp_path / "demo.log", "w+")  # noqa: SIM115  (closed below)
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "demo"], env=env, stdout=log,
                            stderr=subprocess.STDOUT)  # fmt: skip
    try:
        assert notify.recv(4096).startswith(b"READY=1"), "no READY=1 from the kiosk"
        geometry = xserver.run("xdotool", "search", "--onlyvisible", "--name", ".",
                               "getwindowgeometry", "%@")  # fmt: skip
        width, height = (int(n) for n in re.search(r"Geometry: (\d+)x(\d+)", geometry).groups())
        assert (width, height) == (round(1080 * 0.51), round(1920 * 0.51)), geometry
        before = xserver.screenshot(tmp_path / "home.png")
        xserver.tap(round(TILE_BOOK[0] * 0.51), round(TILE_BOOK[1] * 0.51))
        after = xserver.screenshot(tmp_path / "after-tap.png")
        assert difference(before, after) > 3, "the tap at the scaled spot opened 预约上门服务"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        notify.close()
        xserver.stop()
        log.seek(0)
        output = log.read()
        log.close()
    assert "kiosk is shown at 51%" in output, output
    assert "QML" not in output, output
