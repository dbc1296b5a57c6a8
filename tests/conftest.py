"""Shared fixtures. Qt runs offscreen; fixtures live in tests/fixtures/ and are loaded here."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

pytest_plugins = [
    "tests.fixtures.backend_server",
    "tests.fixtures.pulse_audio",
    "tests.fixtures.servers",
    "tests.fixtures.speech_output",
    "tests.speech.ko.fixtures",
]
