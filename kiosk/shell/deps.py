"""`ScreenDeps`: what every feature's view models are built from, made once by kiosk/app.py.

A feature's `build(deps)` (kiosk/<feature>/feature.py) takes this one value instead of the
same five services passed one by one to every view model.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject

from kiosk.config import KioskConfig
from kiosk.devices.card_reader import CardReader
from kiosk.shell.i18n import I18n
from kiosk.shell.navigator import Navigator
from kiosk.shell.network import Network
from kiosk.shell.session import Session
from kiosk.speech.output import SpeechOutput


@dataclass(frozen=True)
class ScreenDeps:
    config: KioskConfig
    i18n: I18n
    navigator: Navigator
    network: Network
    session: Session
    speech: SpeechOutput
    card_reader: CardReader | None
    owner: QObject  # the KioskApp: parent of every view model, so they go with it
