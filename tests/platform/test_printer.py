"""The receipt printer boundary: PDF output that reads back, and a failure that is an error, not a crash."""

from __future__ import annotations

import subprocess

import pytest

from kiosk.devices.printer import PdfPrinter, PrinterError, Receipt, SystemPrinter, build_printer
from kiosk.qr import qr_png

RECEIPT = Receipt(
    "上门服务预约凭条",
    "预约号",
    "2026 1202 0017",
    ("服务：助餐", "费用：政府补贴，您付 ¥6"),
    qr_png("http://127.0.0.1/s/token"),
    "用手机扫这个码",
)


def test_build_printer_from_the_setting(tmp_path):
    assert isinstance(build_printer(""), SystemPrinter)
    pdf = build_printer(f"pdf:{tmp_path}")
    assert isinstance(pdf, PdfPrinter) and pdf.directory == tmp_path


def test_pdf_receipt_has_the_number_and_the_lines(qapp, tmp_path):
    path = PdfPrinter(tmp_path).print_receipt(RECEIPT)
    assert path == tmp_path / "receipt-202612020017.pdf"
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2026 1202 0017" in text and "助餐" in text


def test_unwritable_output_is_a_printer_error(qapp, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the directory should be")
    with pytest.raises(PrinterError):
        PdfPrinter(blocked / "receipts").print_receipt(RECEIPT)
