"""Benefits' part of the composition root (kiosk/app.py calls build)."""

from __future__ import annotations

from kiosk.benefits.view_model import Benefits
from kiosk.devices.printer import build_printer
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.printing import PrintJob


def build(deps: ScreenDeps) -> Benefits:
    printer = build_printer(deps.config.devices.printer)
    benefits = Benefits(deps, print_job=PrintJob(printer, parent=deps.owner))
    deps.session.add_reset(benefits.reset)
    return benefits
