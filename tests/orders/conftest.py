"""Kiosk UI tests: any Qt warning fails the test (tests/fixtures/kiosk.py)."""

from tests.fixtures.kiosk import kiosk_factory, qt_warnings_fail  # noqa: F401
