"""`kiosk tour DIR`: drive every screen and state offscreen with demo data and save PNGs.

One PNG per screen and state, in portrait 1080×1920 and landscape 1920×1080, at both
text scales (标准, 特大 ×1.5), named <orientation>-<scale>-<NNN>-<screen>-<state>.png
(three digits, so the names sort in the order they were taken).
It talks to the real backend (the embedded demo backend in demo mode), taps through the
view models' slots exactly as the QML buttons do, and waits for real answers.
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication

from kiosk.api import ApiClient
from kiosk.app import KioskApp, build_app
from kiosk.benefits.tour import walk_benefits
from kiosk.booking.tour import walk_booking
from kiosk.config import KioskConfig
from kiosk.devices.card_reader import SimulatedCardReader
from kiosk.embedded_backend import BackendEndpoint, EmbeddedBackend, RemoteBackend
from kiosk.help.tour import walk_help
from kiosk.progress.tour import walk_progress

ORIENTATIONS = ("portrait", "landscape")
SCALES = {"standard": False, "large": True}
WAIT_S = 30.0
DEMO_PLACE = (
    "幸福里社区服务中心 1号机"  # where the tour's terminal stands, if help.place_name is empty
)


def wait_until(condition: Callable[[], bool], timeout_s: float = WAIT_S) -> bool:
    """Run the Qt event loop until condition() holds (answers arrive by queued signal)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    return True


def settle(ms: int = 60) -> None:
    """Let bindings, layout and the Loader finish before a frame is grabbed."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _demo_citizens():
    from backend.demo import DEMO_CITIZENS  # the tour identifies as real demo citizens

    return DEMO_CITIZENS


class _Shooter:
    def __init__(self, kiosk: KioskApp, out_dir: Path, prefix: str):
        self.kiosk, self.out_dir, self.prefix = kiosk, out_dir, prefix
        self.paths: list[Path] = []

    def __call__(self, name: str) -> None:
        path = self.out_dir / f"{self.prefix}-{len(self.paths) + 1:03d}-{name}.png"
        self.kiosk.window.grabWindow().save(str(path))
        self.paths.append(path)


def _type(kiosk: KioskApp, keys: str) -> None:
    for key in keys:
        kiosk.identify.press(key)


def _bad_check(id_number: str) -> str:
    last = "0" if id_number[-1] != "0" else "1"
    return id_number[:-1] + last


def walk(kiosk: KioskApp, visit: Callable[[str], None], *, large: bool, citizens, run: int) -> None:
    """Drive kiosk through every screen and state, calling visit(state name) at each.

    Shared by the tour (visit = save a PNG) and the accessibility audit (visit = check).
    citizens are the backend's demo citizens; run picks a different one for the failed
    identification each time, so repeated walks stay under the backend's failure limits.
    """
    nav, ident, net = kiosk.navigator, kiosk.identify, kiosk.network
    kiosk.preferences.setLargeText(large)
    me, other = citizens[0], citizens[1 + run]

    def at(name: str) -> None:
        settle()
        visit(name)

    def answered() -> None:
        wait_until(lambda: not net.has_pending())

    at("home")

    nav.go("booking")
    at("identify-empty")
    _type(kiosk, me.id_number[:11])
    at("identify-id-typing")
    _type(kiosk, _bad_check(me.id_number)[11:])
    at("identify-bad-check-character")
    ident.clear()
    _type(kiosk, other.id_number)
    _type(kiosk, "00")
    at("identify-id-entered")
    wrong = "0000" if other.phone_last4 != "0000" else "1111"
    _type(kiosk, wrong[2:])
    answered()
    at("identify-wrong-phone")
    ident.editId()
    ident.clear()
    _type(kiosk, me.id_number + me.phone_last4)
    answered()
    at("identify-confirm")
    ident.answer(True)
    walk_booking(kiosk, at, answered)
    nav.back()
    # Every stage of every type in portrait (标准); citizen 0's applications otherwise.
    portrait = kiosk.window.height() > kiosk.window.width()
    walk_progress(
        kiosk, at, answered, large=large, citizens=citizens, every_stage=portrait and not large
    )
    walk_benefits(kiosk, at, answered, large=large, citizens=citizens)

    walk_help(kiosk, at, answered)

    nav.go("orders")
    # A call that takes longer than 300 ms shows the waiting state.
    net.call(lambda client: time.sleep(0.8))
    wait_until(lambda: net.busy, 5)
    at("waiting")
    answered()
    # A real refused connection shows the failure state.
    net.call(lambda client: ApiClient("http://127.0.0.1:9", "none", retries=0).health())
    answered()
    at("offline")
    net.dismiss()

    kiosk.idle.advance(kiosk.config.idle.warning_after_s)
    kiosk.idle.advance(7)
    at("idle-warning")
    kiosk.idle.endNow()
    kiosk.preferences.setLargeText(large)
    at("home-after-session-end")

    kiosk.i18n.setLocale("en_US")
    at("home-english")
    nav.go("identify")
    _type(kiosk, me.id_number[:14])
    at("identify-english")
    nav.home()
    kiosk.i18n.setLocale("zh_CN")

    kiosk.operator.open()
    for digit in "12":
        kiosk.operator.press(digit)
    at("operator-pin")
    for digit in "34":
        kiosk.operator.press(digit)
    kiosk.operator.submit()
    wait_until(lambda: kiosk.operator.state == "panel" and not kiosk.operator.checking, 60)
    at("operator-panel")
    kiosk.operator.close()


def write_tour(config: KioskConfig, out_dir: Path | str, only: str | None = None) -> list[Path]:
    """Save the screenshots into out_dir (only: one "<orientation>-<scale>"); returns their paths in order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if QGuiApplication.instance() is None:
        QGuiApplication([])
    # Speech off (the tour is silent); a fixed text size for the run's start.
    config = dataclasses.replace(
        config,
        speech=dataclasses.replace(config.speech, speak_on_enter=False),
        display=dataclasses.replace(config.display, text_scale="standard", locale="zh_CN"),
        help=dataclasses.replace(config.help, place_name=config.help.place_name or DEMO_PLACE),
    )
    with tempfile.TemporaryDirectory(prefix="kiosk-tour-") as tmp:
        backend = EmbeddedBackend(Path(tmp)) if config.demo_mode else RemoteBackend(
            config.backend.url, config.backend.terminal_token)  # fmt: skip
        try:
            endpoint: BackendEndpoint = backend.start().result(timeout=120)
            citizens = _demo_citizens()
            paths: list[Path] = []
            run = 0
            for orientation in ORIENTATIONS:
                for scale_name, large in SCALES.items():
                    if only not in (None, f"{orientation}-{scale_name}"):
                        continue
                    client = ApiClient(endpoint.url, endpoint.terminal_token)
                    reader = SimulatedCardReader([c.card_payload for c in citizens])
                    kiosk = build_app(config, api_client=client, card_reader=reader)
                    kiosk.endpoint = endpoint
                    kiosk.set_orientation(orientation)
                    kiosk.window.show()
                    shooter = _Shooter(kiosk, out_dir, f"{orientation}-{scale_name}")
                    try:
                        walk(kiosk, shooter, large=large, citizens=citizens, run=run)
                    finally:
                        kiosk.close()
                        client.close()
                    paths += shooter.paths
                    run += 1
            return paths
        finally:
            backend.stop()
