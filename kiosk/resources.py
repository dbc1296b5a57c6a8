"""Where this kiosk's files are, and which version it is: the one place code asks.

A checkout keeps the QML module (ui/), the locale packs (voices/) and the default config
(config/) beside kiosk/. A wheel carries the same three folders inside the package, as
kiosk/_data/ (setup.py copies them in at build time), so an installed kiosk finds them
without the checkout. Fleet tools read VERSION and DATA_ROOT from here.
"""

from __future__ import annotations

from pathlib import Path

VERSION = "0.1.0"  # the only copy: pyproject.toml reads it, selftest and the operator panel show it

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED_DIR = PACKAGE_DIR / "_data"
INSTALLED = BUNDLED_DIR.is_dir()  # False: running from a checkout (make demo, tests)
DATA_ROOT = BUNDLED_DIR if INSTALLED else PACKAGE_DIR.parent
DATA_DIRS = ("ui", "voices", "config")  # what setup.py bundles

QML_IMPORT_DIR = DATA_ROOT  # holds the `ui` QML module
VOICES_DIR = DATA_ROOT / "voices"
DEFAULT_CONFIG_PATH = DATA_ROOT / "config" / "kiosk.toml"


def describe() -> str:
    """One line for selftest and logs: version and where it runs from."""
    where = "installed" if INSTALLED else "checkout"
    return f"civic-kiosk {VERSION} ({where} at {DATA_ROOT})"
