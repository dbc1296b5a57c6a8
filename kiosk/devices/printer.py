"""The receipt printer boundary: a large-print booking receipt (凭条) through QPrinter.

`devices.printer` in the config picks the printer: "" = the system's default printer,
"pdf:<dir>" = a PDF per receipt in <dir> (tests, demos, machines without a printer).
Printing blocks for a while (spooling, a slow USB printer), so callers run it in a
worker thread; QPainter on a QPrinter is allowed off the GUI thread. The page itself is
drawn by kiosk/devices/receipt_page.py, imported there at the first receipt: Qt's printing
module (and QtWidgets under it) is not loaded at start-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class Receipt:
    title: str
    number_label: str
    number: str  # grouped for reading (2026 1202 0017)
    lines: tuple[str, ...]  # service, when, address, price, what happens next
    qr_png: bytes
    qr_caption: str


class Printer(Protocol):
    def print_receipt(self, receipt: Receipt) -> Path | None:
        """Print (blocking). Returns the file written, if any. Raises PrinterError on failure."""


class PrinterError(Exception):
    pass


class SystemPrinter:
    """The kiosk's default system printer (CUPS)."""

    def print_receipt(self, receipt: Receipt) -> Path | None:
        from kiosk.devices import receipt_page

        printer = receipt_page.new_printer()
        if not printer.isValid():
            raise PrinterError("no printer is installed")
        receipt_page.paint(printer, receipt)
        return None


class PdfPrinter:
    """Writes receipt-<number>.pdf into a directory instead of printing."""

    def __init__(self, directory: Path | str):
        self.directory = Path(directory)

    def print_receipt(self, receipt: Receipt) -> Path | None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PrinterError("the receipt folder cannot be made") from exc
        name = re.sub(r"[^0-9A-Za-z]", "", receipt.number) or "receipt"
        path = self.directory / f"receipt-{name}.pdf"
        from kiosk.devices import receipt_page

        receipt_page.paint(receipt_page.new_printer(pdf=path), receipt)
        return path


def build_printer(setting: str) -> Printer:
    """From `devices.printer`: "" → SystemPrinter, "pdf:<dir>" → PdfPrinter."""
    if setting.startswith("pdf:"):
        return PdfPrinter(setting[len("pdf:") :])
    return SystemPrinter()
