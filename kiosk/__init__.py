"""Civic Kiosk: elderly-friendly self-service terminal for community civil-affairs centres."""

__version__ = "0.1.0"
