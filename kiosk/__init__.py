"""Civic Kiosk: elderly-friendly self-service terminal for community civil-affairs centres."""

from kiosk.resources import VERSION as __version__  # noqa: F401  (one copy: kiosk/resources.py)
