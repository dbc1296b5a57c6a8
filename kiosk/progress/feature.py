"""Progress's part of the composition root (kiosk/app.py calls build)."""

from __future__ import annotations

from kiosk.devices.printer import build_printer
from kiosk.progress.view_model import Progress
from kiosk.shell.deps import ScreenDeps


def build(deps: ScreenDeps) -> Progress:
    return Progress(deps, printer=build_printer(deps.config.devices.printer))
