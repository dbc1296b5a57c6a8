"""Identification's part of the composition root (kiosk/app.py calls build)."""

from __future__ import annotations

from kiosk.identify.view_model import Identify
from kiosk.shell.deps import ScreenDeps


def build(deps: ScreenDeps) -> Identify:
    return Identify(deps)
