"""QR codes for receipts: the order's public status URL as a PNG (shown on screen and printed).

Pure Python (qrcode + Pillow), so it runs in a worker thread and in tests without Qt.
qrcode (and Pillow under it) is imported at the first code or by warm(), not at start-up.
"""

from __future__ import annotations

import base64
import io

# Big modules and the standard 4-module quiet zone: phone cameras read it from a screen
# at arm's length, and zbar from a grabbed frame.
BOX_PX = 12
BORDER = 4


def qr_png(text: str) -> bytes:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=BOX_PX, border=BORDER)
    code.add_data(text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return buffer.getvalue()


def warm() -> None:
    """Import qrcode and Pillow's PNG writer now, on a background thread after the first
    frame (~35 ms): a view model may draw its first QR code on the GUI thread."""
    qr_png("warm")


def data_url(png: bytes) -> str:
    """A data: URL QML's Image can show (no image provider, no file on disk)."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
