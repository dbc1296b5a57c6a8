"""Reference civil-affairs backend: the API the kiosk speaks (see docs/api.md), with demo data."""

__version__ = "0.1.0"
