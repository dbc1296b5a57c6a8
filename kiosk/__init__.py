"""Civic Kiosk: elderly-friendly self-service terminal for community civil-affairs centres."""

__version__ = "0.1.0"

from kiosk import qt_refcount_fix  # noqa: E402,F401 - before any Qt signal is emitted
