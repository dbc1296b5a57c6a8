"""What the launcher (kiosk/terminal/launcher.py) tells the kiosk it starts, through the
environment, and the kiosk's one answer: the started mark, written once the window has drawn
its first frame (with READY=1). Light: imported at start-up.

A kiosk started without the launcher (make demo, a developer, tests) has none of these: it
cannot switch versions, and says so (`unmanaged`) when an operator assigns one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk import resources

STARTED_FILE = "CIVIC_KIOSK_STARTED_FILE"  # the launcher waits for this file
RELEASES_DIR = "CIVIC_KIOSK_RELEASES_DIR"  # where versions are installed side by side
BASE_PYTHON = "CIVIC_KIOSK_BASE_PYTHON"  # the base install's interpreter (makes the venvs)
BASE_SITE = "CIVIC_KIOSK_BASE_SITE"  # its site-packages: the dependencies of every release
SWITCH_EXIT_CODE = 75  # the kiosk exits with this to have the launcher start `current`


@dataclass(frozen=True)
class Managed:
    releases_dir: Path
    base_python: str
    base_site: str


def managed(env: Mapping[str, str] = os.environ) -> Managed | None:
    """How to install a release, when the launcher started this kiosk; else None."""
    values = [env.get(name, "") for name in (RELEASES_DIR, BASE_PYTHON, BASE_SITE)]
    return Managed(Path(values[0]), values[1], values[2]) if all(values) else None


def mark_started(env: Mapping[str, str] = os.environ) -> None:
    """Tell the launcher this version is up (its version, so a stale mark cannot pass)."""
    path = env.get(STARTED_FILE)
    if path:
        # Unwritable: the launcher counts a failed start, better than a kiosk that stops.
        with contextlib.suppress(OSError):
            Path(path).write_text(resources.VERSION, encoding="utf-8")
