"""One slip at a time on the receipt printer, in a worker: "" → printing → printed | failed.

A view model keeps a PrintJob, shows `state`'s words and speaks them when `done` fires.
`forget()` (session end) drops a result still on its way, so nothing is said to the next
citizen.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.devices.printer import Printer, Receipt, build_printer
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.worker import Background


def build_print_job(deps: ScreenDeps) -> PrintJob:
    """The configured receipt printer (devices.printer), one job at a time."""
    return PrintJob(build_printer(deps.config.devices.printer), parent=deps.owner)


class PrintJob(QObject):
    done = Signal()  # state is now printed or failed

    def __init__(self, printer: Printer | None, parent: QObject | None = None):
        super().__init__(parent)
        self._printer = printer
        self._worker = Background(max_threads=1, parent=self)
        self.state = ""

    @property
    def can_print(self) -> bool:
        return self._printer is not None and self.state != "printing"

    def start(self, receipt: Receipt) -> bool:
        if not self.can_print:
            return False
        printer, self.state = self._printer, "printing"
        self._worker.submit(lambda: printer.print_receipt(receipt), self._finished)
        return True

    def forget(self) -> None:
        self.state = ""

    def wait(self, timeout_ms: int = 30_000) -> bool:
        return self._worker.wait(timeout_ms)

    def _finished(self, result: object, error: BaseException | None) -> None:
        if self.state != "printing":  # forgotten meanwhile (the session ended)
            return
        self.state = "failed" if error is not None else "printed"
        self.done.emit()
