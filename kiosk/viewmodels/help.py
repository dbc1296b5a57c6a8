"""Help: what 呼叫帮助 shows (the hotline today; issue 8 adds help codes and mirroring)."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal

from kiosk.config import HelpConfig
from kiosk.viewmodels.i18n import I18n
from kiosk.viewmodels.registry import qml_singleton


@qml_singleton
class Help(QObject):
    changed = Signal()

    def __init__(self, config: HelpConfig, i18n: I18n, parent: QObject | None = None):
        super().__init__(parent)
        self._hotline = config.hotline
        self._i18n = i18n
        i18n.changed.connect(self.changed)

    @Property(str, notify=changed)
    def hotlineText(self) -> str:
        return self._i18n.pack.fill("help.hotline", hotline=self._hotline)
