"""我能享受哪些补贴？ (issue 16): questions, results, the slip, home's gentle line.

build(deps) -> Benefits      the feature's view model, wired to the shell's services
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject

from kiosk.devices.printer import Printer
from kiosk.shell.i18n import I18n
from kiosk.shell.navigator import Navigator
from kiosk.shell.network import Network
from kiosk.shell.session import Session
from kiosk.speech.output import SpeechOutput


@dataclass(frozen=True)
class Deps:
    i18n: I18n
    navigator: Navigator
    network: Network
    session: Session
    speech: SpeechOutput
    printer: Printer | None
    parent: QObject


def build(deps: Deps):
    from kiosk.benefits.view_model import Benefits  # Qt types load with the feature
    from kiosk.shell.printing import PrintJob

    benefits = Benefits(
        i18n=deps.i18n, navigator=deps.navigator, network=deps.network, session=deps.session,
        speech=deps.speech, print_job=PrintJob(deps.printer, parent=deps.parent),
        parent=deps.parent,
    )  # fmt: skip
    deps.session.add_reset(benefits.reset)
    return benefits
