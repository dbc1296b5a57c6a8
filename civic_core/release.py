"""What a kiosk release is called, checked the same way on both sides: the backend when an
operator publishes a wheel, the kiosk before the name becomes a directory
(`releases/<version>/`). So a version can never carry a path: no slash, no leading dot,
no `..`, at most 40 characters."""

from __future__ import annotations

import re
from typing import TypeGuard

VERSION_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$"
_VERSION = re.compile(VERSION_PATTERN)
DIST_NAME = "civic-kiosk"  # the wheel's project name (pyproject.toml)


def is_release_version(text: object) -> TypeGuard[str]:
    return isinstance(text, str) and bool(_VERSION.fullmatch(text)) and ".." not in text


def wheel_filename(version: str) -> str:
    """The name pip expects for the kiosk's pure-Python wheel of `version`."""
    return f"civic_kiosk-{version.replace('-', '_')}-py3-none-any.whl"
