"""Benefits' part of the composition root (kiosk/app.py calls build)."""

from __future__ import annotations

from kiosk.benefits.view_model import Benefits
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.printing import build_print_job


def build(deps: ScreenDeps) -> Benefits:
    benefits = Benefits(deps, print_job=build_print_job(deps))
    deps.session.add_reset(benefits.reset)
    return benefits
