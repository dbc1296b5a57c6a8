"""BookingReceipt: the receipt screen's view model — the booked order's number, what happens
next, its QR code (made in the network worker, shown as a data URL) and 打印凭条, which prints
through its PrintJob (kiosk/shell/printing.py). Its own `changed`: printing does not re-evaluate the booking screens."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk import qr
from kiosk.api import models
from kiosk.booking import wording
from kiosk.booking.derive import (
    derive_done_text,
    derive_next_text,
    derive_receipt_lines,
    derive_receipt_when,
)
from kiosk.devices.printer import Receipt
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.printing import PrintJob
from kiosk.shell.registry import qml_singleton


@qml_singleton
class BookingReceipt(QObject):
    changed = Signal()

    def __init__(self, deps: ScreenDeps, *, print_job: PrintJob):
        super().__init__(deps.owner)
        self._i18n, self._speech, self._print = deps.i18n, deps.speech, print_job
        self._order: models.Order | None = None
        self._rescheduled = False
        self._qr_png = b""
        print_job.done.connect(self._printed)
        deps.i18n.changed.connect(self.changed)

    def show(self, order: models.Order, qr_png: bytes, *, rescheduled: bool) -> None:
        self._order, self._qr_png, self._rescheduled = order, qr_png, rescheduled
        self._print.forget()
        self.changed.emit()

    def clear(self) -> None:
        self._order, self._qr_png, self._rescheduled = None, b"", False
        self._print.forget()  # the session ended: a slip still printing is not announced
        self.changed.emit()

    # -- what QML shows -------------------------------------------------------------------
    @Property(str, notify=changed)
    def doneText(self) -> str:
        return derive_done_text(self._i18n.pack, self._rescheduled)

    @Property(str, notify=changed)
    def numberText(self) -> str:
        return wording.order_number(self._order.number) if self._order else ""

    @Property(str, notify=changed)
    def receiptWhen(self) -> str:
        return derive_receipt_when(self._i18n.pack, self._order)

    @Property(str, notify=changed)
    def nextText(self) -> str:
        return derive_next_text(self._i18n.pack, self._order)

    @Property(str, notify=changed)
    def qrSource(self) -> str:
        return qr.data_url(self._qr_png) if self._qr_png else ""

    @Property(str, notify=changed)
    def printText(self) -> str:
        pack = self._i18n.pack
        state = self._print.state
        return pack.text(f"booking.print.{state}") if state else ""

    @Property(bool, notify=changed)
    def printing(self) -> bool:
        return self._print.state == "printing"

    # -- what QML calls -------------------------------------------------------------------
    @Slot()
    def printReceipt(self) -> None:
        order = self._order
        if order is not None and self._print.start(self._receipt(order)):
            self.changed.emit()

    def _receipt(self, order: models.Order) -> Receipt:
        p = self._i18n.pack
        return Receipt(title=p.text("booking.receipt.title"), number_label=p.text("booking.receipt.number"),
                       number=wording.order_number(order.number), lines=derive_receipt_lines(p, order),
                       qr_png=self._qr_png, qr_caption=p.text("booking.receipt.qr"))  # fmt: skip

    def _printed(self) -> None:
        self.changed.emit()
        self._speech.say(self.printText)
