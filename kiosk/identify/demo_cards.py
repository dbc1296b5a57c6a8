"""DemoCards: the 演示身份证 on the identification screen, in demo mode only.

Someone trying the kiosk knows no demo citizen's ID number. In demo mode the screen offers
the first few demo citizens' cards, from the backend (GET /demo/cards, which a backend not
in demo mode refuses), and a tap puts that card on the simulated reader: it then arrives
exactly as a real card read does. Outside demo mode nothing is fetched and nothing is shown.
Labels carry only the masked name and the ID's last four; mirror frames never show them.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.api import models
from kiosk.devices.card_reader import CardReader, SimulatedCardReader
from kiosk.shell.i18n import I18n
from kiosk.shell.navigator import Navigator
from kiosk.shell.network import Network
from kiosk.shell.registry import qml_singleton
from kiosk.shell.screens import IDENTIFY

SHOWN = 3  # enough to try it; more would crowd the keypad at 特大


@qml_singleton
class DemoCards(QObject):
    changed = Signal()

    def __init__(
        self,
        *,
        demo_mode: bool,
        i18n: I18n,
        navigator: Navigator,
        network: Network,
        card_reader: CardReader | None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        # Only a simulated reader can be handed a card; a real one reads real cards.
        self._reader = card_reader if isinstance(card_reader, SimulatedCardReader) else None
        self._enabled = demo_mode and self._reader is not None
        self._i18n, self._network = i18n, network
        self._cards: list[models.DemoCard] = []
        navigator.entered.connect(self._on_screen)
        i18n.changed.connect(self.changed)

    @Property(list, notify=changed)
    def labels(self) -> list[str]:
        fill = self._i18n.pack.fill
        return [
            fill("identify.demo_card", name=c.display_name, tail=c.id_tail) for c in self._cards
        ]

    @Slot(int)
    def insert(self, index: int) -> None:
        if self._reader is not None and 0 <= index < len(self._cards):
            self._reader.insert(self._cards[index].payload)

    def _on_screen(self, screen_id: str) -> None:
        if screen_id != IDENTIFY or not self._enabled or self._cards:
            return
        # Quiet: no 请稍候 while the demo backend starts, and no cards is no reason for
        # 网络暂时不通; not there yet, they are asked for again on the next visit.
        self._network.call(lambda client: client.demo_cards()[:SHOWN], on_ok=self._loaded,
                           quiet=True)  # fmt: skip

    def _loaded(self, cards: object) -> None:
        assert isinstance(cards, list)
        self._cards = cards
        self.changed.emit()
