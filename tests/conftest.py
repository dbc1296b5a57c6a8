"""Shared fixtures. Qt runs offscreen; fixtures live in tests/fixtures/ and are loaded here."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from kiosk import qt_refcount_fix  # noqa: E402

qt_refcount_fix.apply()  # the test session is a kiosk entry point: fixtures use Qt directly

pytest_plugins = [
    "tests.fixtures.backend_server",
    "tests.fixtures.kiosk",
    "tests.fixtures.pulse_audio",
    "tests.fixtures.servers",
    "tests.fixtures.speech_output",
    "tests.speech.ko.fixtures",
]
