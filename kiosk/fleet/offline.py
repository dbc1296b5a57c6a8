"""离线时还能做什么: while the backend cannot be reached, the home screen says so plainly and
offers the catalogue as last seen — services, prices, free places of the next days — dated,
for reading only (booking needs the backend: it is never shown as confirmed offline).

`active` is set by the fleet service (heartbeats failing, or a call failing as offline) and
cleared by the next heartbeat that gets an answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QObject, Signal

from kiosk.booking.wording import date_text, money
from kiosk.shell.i18n import I18n
from kiosk.shell.registry import qml_singleton

if TYPE_CHECKING:  # the catalogue module brings the HTTP client: not at start-up
    from kiosk.fleet.catalogue import Snapshot


@qml_singleton
class Offline(QObject):
    changed = Signal()

    def __init__(self, i18n: I18n, hotline: Callable[[], str], parent: QObject | None = None):
        super().__init__(parent)
        self._i18n, self._hotline = i18n, hotline
        self._active = False
        self._snapshot: Snapshot | None = None
        i18n.changed.connect(self.changed)

    def set_active(self, active: bool, snapshot: Snapshot | None = None) -> None:
        if active != self._active or snapshot is not self._snapshot:
            self._active, self._snapshot = active, snapshot if active else None
            self.changed.emit()

    @Property(bool, notify=changed)
    def active(self) -> bool:
        return self._active

    @Property(str, notify=changed)
    def notNowText(self) -> str:
        return self._i18n.pack.fill("offline.not_now", hotline=self._hotline())

    @Property(str, notify=changed)
    def seenText(self) -> str:
        pack, seen = self._i18n.pack, self._snapshot
        if seen is None:
            return pack.text("offline.nothing_seen")
        at = seen.seen_at
        return pack.fill(
            "offline.seen_at", date=date_text(pack, at.date()), time=at.strftime("%H:%M")
        )

    @Property("QVariantList", notify=changed)
    def services(self) -> list[dict]:
        if self._snapshot is None:
            return []
        pack = self._i18n.pack
        out = []
        for seen in self._snapshot.services:
            days = "\n".join(
                pack.fill("offline.free_day", date=date_text(pack, d), free=n)
                for d, n in seen.free_by_day
            )
            price = pack.fill("offline.price", price=money(seen.service.price_fen))
            out.append({"code": seen.service.code, "name": seen.service.name,
                        "price": price, "free": days or pack.text("offline.no_times")})  # fmt: skip
        return out
