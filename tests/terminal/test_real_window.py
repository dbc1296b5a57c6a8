"""The real kiosk, full-screen on a real X server, driven by real X input events: tap
预约上门服务, type a demo ID on the keypad, and the identification screen changes. Each
screenshot of the real window is compared with the same state rendered offscreen."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QPointF

from kiosk.api import ApiClient
from kiosk.app import build_app
from kiosk.devices.card_reader import SimulatedCardReader
from kiosk.tour import settle, wait_until
from tests.fixtures.kiosk import RecordingSpeech, demo_citizens, make_config
from tests.fixtures.qml_tools import Tapper, find
from tests.terminal.xserver import Xvfb, difference

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")),
    reason="Xvfb and xdotool are not installed (tools/bootstrap.py installs them)",
)
SIZE = (1080, 1920)  # the default portrait terminal
SAME = 2.0  # mean difference (0..255) below which two screenshots show the same screen
BACKEND_WAIT_S = 60


@pytest.fixture
def xserver():
    server = Xvfb(*SIZE)
    yield server
    server.stop()


@pytest.fixture
def offscreen(qapp, live_backend):
    """The same kiosk offscreen: where each button is, and what each state looks like."""
    client = ApiClient(live_backend.url, live_backend.terminal_token, retries=0)
    kiosk = build_app(make_config(speech={"enabled": False}), api_client=client,
                      speech=RecordingSpeech(), card_reader=SimulatedCardReader())  # fmt: skip
    kiosk.window.show()
    settle(50)
    yield kiosk
    kiosk.close()
    client.close()


def _centre(kiosk, name: str) -> tuple[int, int]:
    item = find(kiosk, name)
    point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    return point.x(), point.y()


def _grab(kiosk, path):
    settle(100)
    image = kiosk.window.grabWindow()
    image.save(str(path))
    from PIL import Image

    return Image.open(path).convert("RGB")


@pytest.fixture
def real_kiosk(xserver, tmp_path):
    """`kiosk` (full-screen, the default) on the X server; its READY=1 says it is up."""
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(tmp_path / "notify"))
    notify.settimeout(90)
    drop = ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "QT_SCALE_FACTOR")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(DISPLAY=xserver.display, QT_QUICK_BACKEND="software", HOME=str(tmp_path),
               KIOSK_SPEECH_ENABLED="false", NOTIFY_SOCKET=str(tmp_path / "notify"))  # fmt: skip
    log = open(tmp_path / "kiosk.log", "w+")  # noqa: SIM115  (closed below)
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli"], env=env, stdout=log, stderr=log)
    try:
        assert notify.recv(4096).startswith(b"READY=1"), "no READY=1 from the kiosk"
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        notify.close()
        log.seek(0)
        output = log.read()
        log.close()
        assert "QML" not in output, output


def test_real_window_taps_and_keypad_on_a_real_x_server(xserver, real_kiosk, offscreen, tmp_path):
    geometry = xserver.run("xdotool", "search", "--onlyvisible", "--name", ".",
                           "getwindowgeometry", "%@")  # fmt: skip
    assert f"Geometry: {SIZE[0]}x{SIZE[1]}" in geometry  # full-screen, no frame
    off = Tapper(offscreen)
    pairs = {}

    def both(state: str) -> None:
        """The state in both windows; the real one may wait for its own demo backend
        (just started, it seeds its database) before it shows the same, e.g. the demo cards."""
        rendered = _grab(offscreen, tmp_path / f"offscreen-{state}.png")
        deadline = time.monotonic() + BACKEND_WAIT_S
        while True:
            real = xserver.screenshot(tmp_path / f"real-{state}.png")
            if difference(real, rendered) < SAME or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        pairs[state] = (real, rendered)

    both("home")
    xserver.tap(*_centre(offscreen, "tileBook"))  # 预约上门服务
    off.tap("tileBook")
    assert wait_until(lambda: offscreen.navigator.current == "identify")
    assert wait_until(lambda: offscreen.demo_cards.labels)  # 演示身份证 in both windows
    both("identify-empty")
    citizen = demo_citizens()[0]
    for key in citizen.id_number:
        xserver.tap(*_centre(offscreen, f"key_{key}"))
        off.tap(f"key_{key}")
    both("identify-id-typed")

    for state, (real, rendered) in pairs.items():
        assert difference(real, rendered) < SAME, f"{state}: the real window differs from offscreen"
    # ...and the states differ from each other: the taps and keys really arrived.
    home, empty, typed = (pairs[s][0] for s in ("home", "identify-empty", "identify-id-typed"))
    assert difference(home, empty) > 10 * difference(*pairs["identify-empty"])
    assert difference(empty, typed) > 5 * difference(*pairs["identify-id-typed"])
