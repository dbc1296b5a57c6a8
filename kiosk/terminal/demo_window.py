"""`kiosk demo` on a developer's desktop: the kiosk's window has its real screen's size
(1080×1920 in portrait), which a desktop monitor, often 1080 px tall, cannot show whole: the
bottom bar and the main actions would be off the screen. Before Qt starts, the screen's free
area is asked (Qt's own answer, from a short child process: the scale must be set before the
kiosk's QGuiApplication exists) and the whole kiosk is scaled to fit with QT_SCALE_FACTOR:
the same layout and paging as on the terminal, drawn smaller. A terminal's full-screen
kiosk never comes here.
"""

from __future__ import annotations

import os
import subprocess
import sys

from kiosk.config import WINDOW_SIZES

MARGIN = 0.92  # room for the window's title bar inside the free area
PROBE_TIMEOUT_S = 20
OFFSCREEN = ("offscreen", "minimal")
_PROBE = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
free = app.primaryScreen().availableGeometry()
print(free.width(), free.height())
"""


def fitting_scale(window: tuple[int, int], free: tuple[int, int]) -> float | None:
    """The scale at which `window` fits in `free` (two decimals), or None when it fits."""
    scale = min(MARGIN * free[0] / window[0], MARGIN * free[1] / window[1])
    return max(0.25, int(scale * 100) / 100) if scale < 1 else None


def free_area() -> tuple[int, int] | None:
    """The primary screen's free area in Qt's pixels; None when it cannot be told."""
    try:
        probe = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                               timeout=PROBE_TIMEOUT_S, check=True)  # fmt: skip
        width, height = (int(n) for n in probe.stdout.split()[-2:])
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return (width, height) if width > 0 and height > 0 else None


def fit_to_screen(orientation: str) -> str | None:
    """Set QT_SCALE_FACTOR so the window fits the screen; a line saying so, or None when
    nothing was changed (it fits, the screen is unknown, or the developer chose a scale)."""
    if os.environ.get("QT_SCALE_FACTOR") or os.environ.get("QT_QPA_PLATFORM") in OFFSCREEN:
        return None  # the developer's own scale; or no real screen to fit
    window, free = WINDOW_SIZES[orientation], free_area()
    scale = fitting_scale(window, free) if free else None
    if scale is None:
        return None
    os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"
    return (
        f"demo: the screen has {free[0]}×{free[1]} free, so the {window[0]}×{window[1]} kiosk "
        f"is shown at {scale:.0%} (set QT_SCALE_FACTOR to choose)"
    )
