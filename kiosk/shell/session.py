"""Session: who is being served, and the one place a visit ends (结束, idle timeout, 不是我).

Ending wipes everything about the citizen: each view model that holds citizen data
registers its reset here, pending backend answers are dropped, the backend session is
closed, and text size, language, volume and speech return to their defaults.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.api import models
from kiosk.shell.network import Network
from kiosk.shell.registry import qml_singleton
from kiosk.speech.output import SpeechOutput


@qml_singleton
class Session(QObject):
    changed = Signal()
    ended = Signal()

    def __init__(self, *, demo_mode: bool, network: Network, speech: SpeechOutput, parent=None):
        super().__init__(parent)
        self._demo_mode = demo_mode
        self._network = network
        self._speech = speech
        self._citizen: models.Citizen | None = None
        self._resets: list[Callable[[], None]] = []

    def add_reset(self, reset: Callable[[], None], *, first: bool = False) -> None:
        """Register a view model's wipe; later features register theirs the same way.
        `first`: before every other wipe (the fleet's visit end, before home is re-entered)."""
        if first:
            self._resets.insert(0, reset)
        else:
            self._resets.append(reset)

    @property
    def citizen(self) -> models.Citizen | None:
        return self._citizen

    def is_identified(self) -> bool:
        return self._citizen is not None

    def identified_as(self, citizen: models.Citizen) -> None:
        self._citizen = citizen
        self.changed.emit()

    @Property(bool, notify=changed)
    def identified(self) -> bool:
        return self._citizen is not None

    @Property(str, notify=changed)
    def displayName(self) -> str:
        return self._citizen.display_name if self._citizen else ""

    @Property(bool, constant=True)
    def demoMode(self) -> bool:
        return self._demo_mode

    @Slot()
    def end(self) -> None:
        self._network.end_generation()
        self._network.call(lambda client: client.end_session(), quiet=True)
        self._citizen = None
        for reset in self._resets:
            reset()
        self._speech.reset()
        self.changed.emit()
        self.ended.emit()
