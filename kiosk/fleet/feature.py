"""The fleet's screens in the composition root (kiosk/app.py calls build): 网络暂时不通 (what
still works, the catalogue as last seen) and 先留申请 (a callback or reschedule request kept
for when the network is back). The fleet agent itself is wired by kiosk/fleet/service.py."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.devices.printer import build_printer
from kiosk.fleet.offline import Offline
from kiosk.fleet.waiting import Waiting
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.printing import PrintJob


def build(deps: ScreenDeps, *, hotline: Callable[[], str]) -> tuple[Offline, Waiting]:
    """hotline: the number as set now (a remote setting may change it between visits)."""
    offline = Offline(deps.i18n, hotline, parent=deps.owner)
    printer = build_printer(deps.config.devices.printer)
    waiting = Waiting(deps, hotline=hotline, print_job=PrintJob(printer, parent=deps.owner))
    deps.session.add_reset(waiting.reset)
    return offline, waiting
