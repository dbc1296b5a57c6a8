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
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from kiosk.api import ApiClient
from kiosk.app import KioskApp, build_app
from kiosk.benefits.tour import walk_benefits
from kiosk.booking.tour import walk_booking, walk_slot_filled
from kiosk.config import KioskConfig
from kiosk.devices.card_reader import SimulatedCardReader
from kiosk.embedded_backend import BackendEndpoint, EmbeddedBackend, RemoteBackend
from kiosk.fleet.tour import walk_offline
from kiosk.help.tour import walk_help
from kiosk.identify.tour import type_keys, walk_identify
from kiosk.orders.tour import walk_orders
from kiosk.progress.tour import walk_progress
from kiosk.shell.tour import (
    images_ready,
    settle,
    wait_until,
    walk_idle,
    walk_network,
    walk_operator,
)

__all__ = ["settle", "wait_until", "walk", "write_tour"]  # tests wait with settle/wait_until

ORIENTATIONS = ("portrait", "landscape")
SCALES = {"standard": False, "large": True}
DEMO_PLACE = (
    "幸福里社区服务中心 1号机"  # where the tour's terminal stands, if help.place_name is empty
)


def _demo_citizens():
    from civic_core.demo import DEMO_CITIZENS  # the tour identifies as real demo citizens

    return DEMO_CITIZENS


class _Shooter:
    def __init__(self, kiosk: KioskApp, out_dir: Path, prefix: str):
        self.kiosk, self.out_dir, self.prefix = kiosk, out_dir, prefix
        self.paths: list[Path] = []

    def __call__(self, name: str) -> None:
        path = self.out_dir / f"{self.prefix}-{len(self.paths) + 1:03d}-{name}.png"
        self.kiosk.window.grabWindow().save(str(path))
        self.paths.append(path)


def walk(kiosk: KioskApp, visit: Callable[[str], None], *, large: bool, citizens, run: int) -> None:
    """Drive kiosk through every screen and state, calling visit(state name) at each.

    Shared by the tour (visit = save a PNG) and the accessibility audit (visit = check).
    citizens are the backend's demo citizens; run picks a different one for the failed
    identification each time, so repeated walks stay under the backend's failure limits.
    """
    nav, net = kiosk.navigator, kiosk.network
    kiosk.preferences.setLargeText(large)
    me, other = citizens[0], citizens[1 + run]

    def at(name: str) -> None:
        settle()
        if not images_ready(kiosk):  # a QR code still loading would be grabbed as a blank
            wait_until(lambda: images_ready(kiosk), 5)
            settle()
        visit(name)

    def answered() -> None:
        wait_until(lambda: not net.has_pending())

    at("home")
    nav.go("booking")
    walk_identify(kiosk, at, answered, me=me, other=other)
    walk_booking(kiosk, at, answered)
    walk_orders(kiosk, at, answered)
    walk_offline(kiosk, at)
    walk_slot_filled(kiosk, at, answered)
    nav.back()
    # Every stage of every type in portrait (标准); citizen 0's applications otherwise.
    portrait = kiosk.window.height() > kiosk.window.width()
    walk_progress(
        kiosk, at, answered, large=large, citizens=citizens, every_stage=portrait and not large
    )
    walk_benefits(kiosk, at, answered, large=large, citizens=citizens)

    walk_help(kiosk, at, answered)
    nav.go("orders")
    walk_network(kiosk, at, answered)
    walk_idle(kiosk, at, large=large)
    walk_english(kiosk, at, me=me)
    walk_operator(kiosk, at)


def walk_english(kiosk: KioskApp, at: Callable[[str], None], *, me) -> None:
    """The home and identification screens in English, then back to Chinese."""
    nav = kiosk.navigator
    kiosk.i18n.setLocale("en_US")
    at("home-english")
    nav.go("identify")
    type_keys(kiosk, me.id_number[:14])
    at("identify-english")
    nav.home()
    kiosk.i18n.setLocale("zh_CN")


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
