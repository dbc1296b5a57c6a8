"""Kiosk shell fixtures: any Qt/QML warning fails the test; kiosks against the real backend."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from kiosk.api import ApiClient
from kiosk.app import build_app
from kiosk.config import KioskConfig
from kiosk.devices.card_reader import SimulatedCardReader
from kiosk.tour import settle

_BAD = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)


@pytest.fixture(autouse=True)
def qt_warnings_fail():
    """Collect every Qt warning (QML binding errors, missing types...) and fail the test on any."""
    seen: list[str] = []

    def handler(kind, context, message):
        if kind in _BAD:
            seen.append(f"{context.file}:{context.line}: {message}")

    previous = qInstallMessageHandler(handler)
    yield seen
    qInstallMessageHandler(previous)
    assert not seen, "Qt warnings:\n" + "\n".join(seen)


class RecordingSpeech:
    """The speech boundary (no sound card here): records what the kiosk asked for."""

    def __init__(self) -> None:
        self.said: list[str] = []
        self.stops = 0
        self.resets = 0
        self.locale = ""
        self.volume_step = -1

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        self.stops += 1

    def set_rate(self, rate: str) -> None:
        pass

    def set_volume_step(self, step: int) -> None:
        self.volume_step = step

    def set_locale(self, locale: str) -> None:
        self.locale = locale

    def reset(self) -> None:
        self.resets += 1

    def is_speaking(self) -> bool:
        return False

    def available(self) -> bool:
        return True


def demo_citizens():
    from backend.demo import DEMO_CITIZENS

    return DEMO_CITIZENS


def make_config(**sections) -> KioskConfig:
    """Demo-mode config with test-friendly idle and operator timings."""
    base = KioskConfig()
    changes = {
        "operator": dataclasses.replace(base.operator, hold_seconds=1.0),
        **{
            name: dataclasses.replace(getattr(base, name), **values)
            for name, values in sections.items()
        },
    }
    return dataclasses.replace(base, **changes)


@pytest.fixture
def kiosk_factory(qapp):
    made = []

    def make(backend=None, *, orientation="portrait", config=None, speech=None):
        config = config or make_config(display={"orientation": orientation})
        client = ApiClient(backend.url, backend.terminal_token, retries=0) if backend else None
        reader = SimulatedCardReader([c.card_payload for c in demo_citizens()])
        kiosk = build_app(
            config, api_client=client, speech=speech or RecordingSpeech(), card_reader=reader
        )
        kiosk.window.show()
        settle(30)
        made.append((kiosk, client))
        return kiosk

    yield make
    for kiosk, client in made:
        kiosk.close()
        if client is not None:
            client.close()
    settle(10)
