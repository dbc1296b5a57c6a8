"""The receipt as a page: large print, the order number, its QR code, on an 80 mm roll.

QtPrintSupport (and QtWidgets under it) and the Qt painting types come in with this
module, which kiosk/devices/printer.py imports in the printing worker at the first receipt,
not at start-up.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from kiosk.devices.printer import PrinterError, Receipt

FONT_FAMILY = "Noto Sans CJK SC"
# An 80 mm receipt roll; the height fits the large-print content.
PAGE_MM = QSizeF(80, 200)
MARGIN_MM = 4
TITLE_PT, NUMBER_PT, BODY_PT = 16, 22, 12  # large print: a senior reads it without glasses
QR_MM = 40


def paint(printer: QPrinter, receipt: Receipt) -> None:
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


def new_printer(*, pdf: Path | None = None) -> QPrinter:
    """A high-resolution QPrinter for the receipt roll: the system's default, or a PDF file."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(PAGE_MM, QPageSize.Unit.Millimeter, "receipt"))
    printer.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )
    if pdf is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
    return printer
