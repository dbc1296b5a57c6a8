"""The receipt printer boundary: a large-print booking receipt (凭条) through QPrinter.

`devices.printer` in the config picks the printer: "" = the system's default printer,
"pdf:<dir>" = a PDF per receipt in <dir> (tests, demos, machines without a printer).
Printing blocks for a while (spooling, a slow USB printer), so callers run it in a
worker thread; QPainter on a QPrinter is allowed off the GUI thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

FONT_FAMILY = "Noto Sans CJK SC"
# An 80 mm receipt roll; the height fits the large-print content.
PAGE_MM = QSizeF(80, 200)
MARGIN_MM = 4
TITLE_PT, NUMBER_PT, BODY_PT = 16, 22, 12  # large print: a senior reads it without glasses
QR_MM = 40


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


def _paint(printer: QPrinter, receipt: Receipt) -> None:
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterError("the printer could not be opened")
    try:
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        width = page.width()
        dots_per_mm = printer.resolution() / 25.4
        y = 0.0

        def block(text: str, points: int, *, bold: bool = False, centre: bool = False) -> None:
            nonlocal y
            font = QFont(FONT_FAMILY)
            font.setPointSizeF(points)
            font.setBold(bold)
            painter.setFont(font)
            flags = int(Qt.TextFlag.TextWordWrap) | int(
                Qt.AlignmentFlag.AlignHCenter if centre else Qt.AlignmentFlag.AlignLeft
            )
            bounds = painter.boundingRect(QRectF(0, y, width, 10_000), flags, text)
            painter.drawText(QRectF(0, y, width, bounds.height()), flags, text)
            y += bounds.height() + 2 * dots_per_mm

        block(receipt.title, TITLE_PT, bold=True, centre=True)
        block(receipt.number_label, BODY_PT, centre=True)
        block(receipt.number, NUMBER_PT, bold=True, centre=True)
        for line in receipt.lines:
            block(line, BODY_PT)
        image = QImage.fromData(receipt.qr_png)
        if not image.isNull():
            side = QR_MM * dots_per_mm
            painter.drawImage(QRectF((width - side) / 2, y, side, side), image)
            y += side + 2 * dots_per_mm
        block(receipt.qr_caption, BODY_PT, centre=True)
    finally:
        painter.end()


def _setup(printer: QPrinter) -> QPrinter:
    printer.setPageSize(QPageSize(PAGE_MM, QPageSize.Unit.Millimeter, "receipt"))
    printer.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )
    return printer


class SystemPrinter:
    """The kiosk's default system printer (CUPS)."""

    def print_receipt(self, receipt: Receipt) -> Path | None:
        printer = _setup(QPrinter(QPrinter.PrinterMode.HighResolution))
        if not printer.isValid():
            raise PrinterError("no printer is installed")
        _paint(printer, receipt)
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
        printer = _setup(QPrinter(QPrinter.PrinterMode.HighResolution))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        _paint(printer, receipt)
        return path


def build_printer(setting: str) -> Printer:
    """From `devices.printer`: "" → SystemPrinter, "pdf:<dir>" → PdfPrinter."""
    if setting.startswith("pdf:"):
        return PdfPrinter(setting[len("pdf:") :])
    return SystemPrinter()
