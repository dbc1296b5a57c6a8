"""Progress's part of the composition root (kiosk/app.py calls build)."""

from __future__ import annotations

from kiosk.progress.view_model import Progress
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.printing import build_print_job


def build(deps: ScreenDeps) -> Progress:
    return Progress(deps, print_job=build_print_job(deps))
