"""Frames in (PNG/JPEG bytes or a QImage), a JPEG of at most 150 KB out.

Runs on the mirror's worker thread, never the GUI thread. Frames are scaled to fit
`max_side` first (staff see them at about browser height; a pointer is normalised, so the
scale does not matter to it), then encoded at falling quality and, if still too big,
smaller scale until they fit. Pillow is imported by the functions that decode and encode,
on that thread at the first frame: a kiosk that never shares its screen never loads it.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL import Image

MAX_FRAME_BYTES = 150 * 1024
QUALITIES = (70, 55, 40, 30)
SHRINK = 0.75


class FrameError(ValueError):
    """The frame could not be read as an image."""


@dataclass(frozen=True)
class RawFrame:
    """A frame as the caller handed it over, plus a cheap fingerprint to skip unchanged ones."""

    source: Any  # bytes (PNG/JPEG) or QImage
    fingerprint: str


def _qimage_pixels(image: Any, max_side: int | None) -> tuple[bytes, int, int, int]:
    """(BGRX bytes, width, height, bytes per line) of a QImage, scaled to fit `max_side` first
    (Qt's smooth scaling is several times faster than decoding the full frame into Pillow and
    resizing there, and the fingerprint then hashes fewer bytes). Qt is imported only here, so
    the rest of the mirror works (and is tested) without it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    if max_side and max(image.width(), image.height()) > max_side:
        image = image.scaled(
            max_side,
            max_side,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    if image.format() not in (
        QImage.Format.Format_RGB32,
        QImage.Format.Format_ARGB32,
        QImage.Format.Format_ARGB32_Premultiplied,
    ):
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    return bytes(image.constBits()), image.width(), image.height(), image.bytesPerLine()


def capture(frame: Any, max_side: int | None = None) -> RawFrame:
    """Take the caller's frame. A QImage is copied to bytes here (scaled to fit `max_side`)
    so the caller may reuse it."""
    if isinstance(frame, bytes | bytearray | memoryview):
        data = bytes(frame)
        return RawFrame(data, hashlib.blake2b(data, digest_size=16).hexdigest())
    if hasattr(frame, "constBits"):
        pixels, width, height, stride = _qimage_pixels(frame, max_side)
        digest = hashlib.blake2b(pixels, digest_size=16)
        digest.update(f"{width}x{height}".encode())
        return RawFrame((pixels, width, height, stride), digest.hexdigest())
    raise FrameError(f"unsupported frame type {type(frame).__name__}")


def _open(source: Any) -> Image.Image:
    from PIL import Image

    if isinstance(source, tuple):
        pixels, width, height, stride = source
        return Image.frombuffer("RGB", (width, height), pixels, "raw", "BGRX", stride, 1)
    try:
        image = Image.open(io.BytesIO(source))
        image.load()
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise FrameError("not a readable image") from exc
    return image.convert("RGB")


def _fit(image: Image.Image, max_side: int) -> Image.Image:
    from PIL import Image

    scale = max_side / max(image.size)
    if scale >= 1:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)


def to_jpeg(raw: RawFrame, *, max_bytes: int = MAX_FRAME_BYTES, max_side: int = 1280) -> bytes:
    from PIL import Image

    image = _fit(_open(raw.source), max_side)
    while True:
        for quality in QUALITIES:
            out = io.BytesIO()
            image.save(out, "JPEG", quality=quality, optimize=False)
            if out.tell() <= max_bytes:
                return out.getvalue()
        if max(image.size) <= 64:
            raise FrameError("cannot fit the frame into the size limit")
        image = image.resize(
            (max(1, int(image.width * SHRINK)), max(1, int(image.height * SHRINK))),
            Image.Resampling.BILINEAR,
        )
