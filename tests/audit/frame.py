"""What a person sees: the window's rendered frame as an array, and measurements on it.

The scene graph says what was asked for (font.pixelSize, a colour, a rectangle); the frame
says what reached the glass (a scaled item, a fallback font, a dot drawn at 20 % opacity,
a dialog on top). The rendered rules (tests/audit/rules_*.py) measure here.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtQuick import QQuickWindow


def grab(window: QQuickWindow) -> np.ndarray:
    """The window as rendered now: H×W×3 uint8 RGB."""
    image = window.grabWindow().convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), np.uint8, count=h * stride)
    return raw.reshape(h, stride)[:, : w * 3].reshape(h, w, 3).copy()


def _linear(channel: np.ndarray) -> np.ndarray:
    c = channel / 255.0
    return np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of each pixel (…×3 uint8 → … float)."""
    rgb = rgb.astype(np.float64)
    return (
        0.2126 * _linear(rgb[..., 0])
        + 0.7152 * _linear(rgb[..., 1])
        + 0.0722 * _linear(rgb[..., 2])
    )


def contrast_of(lum_a: np.ndarray | float, lum_b: np.ndarray | float) -> np.ndarray:
    high, low = np.maximum(lum_a, lum_b), np.minimum(lum_a, lum_b)
    return (high + 0.05) / (low + 0.05)


def rgb(color: QColor) -> np.ndarray:
    return np.array([color.red(), color.green(), color.blue()], dtype=np.float64)


def crop(frame: np.ndarray, rect: QRectF) -> np.ndarray:
    """The pixels inside rect (scene coordinates), clamped to the frame."""
    h, w = frame.shape[:2]
    x0, y0 = max(0, int(np.floor(rect.left()))), max(0, int(np.floor(rect.top())))
    x1, y1 = min(w, int(np.ceil(rect.right()))), min(h, int(np.ceil(rect.bottom())))
    return frame[y0 : max(y0, y1), x0 : max(x0, x1)]


def dominant(pixels: np.ndarray) -> np.ndarray:
    """The most common colour among pixels (…×3): a plate's fill, a ring's background."""
    flat = pixels.reshape(-1, 3)
    if not len(flat):
        return np.zeros(3)
    flat = flat[:: max(1, len(flat) // 4096)]  # a sample is enough for the most common colour
    packed = (flat[:, 0].astype(np.int32) << 16) | (flat[:, 1].astype(np.int32) << 8) | flat[:, 2]
    values, counts = np.unique(packed, return_counts=True)
    top = int(values[counts.argmax()])
    return np.array([top >> 16, (top >> 8) & 255, top & 255], dtype=np.float64)


def ring(frame: np.ndarray, rect: QRectF, width: int = 3) -> np.ndarray:
    """The pixels in a band just outside rect: what the item stands on."""
    h, w = frame.shape[:2]
    x0, y0 = int(rect.left()) - width, int(rect.top()) - width
    x1, y1 = int(np.ceil(rect.right())) + width, int(np.ceil(rect.bottom())) + width
    parts = []
    for ys, xs in (
        (slice(max(0, y0), max(0, y0 + width)), slice(max(0, x0), min(w, x1))),
        (slice(min(h, y1 - width), min(h, y1)), slice(max(0, x0), min(w, x1))),
        (slice(max(0, y0), min(h, y1)), slice(max(0, x0), max(0, x0 + width))),
        (slice(max(0, y0), min(h, y1)), slice(min(w, x1 - width), min(w, x1))),
    ):
        parts.append(frame[ys, xs].reshape(-1, 3))
    return np.concatenate(parts) if parts else np.zeros((0, 3), np.uint8)


def ink_mask(
    pixels: np.ndarray, ink: np.ndarray, background: np.ndarray, coverage: float = 0.25
) -> np.ndarray:
    """Pixels covered by the ink colour at least this much (antialiased edges are partial)."""
    direction = ink - background
    norm = float(direction @ direction)
    if norm < 1.0:
        return np.zeros(pixels.shape[:2], bool)
    share = (pixels.astype(np.float64) - background) @ direction / norm
    return share >= coverage


def ink_bands(mask: np.ndarray, join: int = 0) -> list[int]:
    """Height of each rendered line of text in an ink mask: runs of rows with ink, a gap of
    up to `join` empty rows inside one (音 has one between its parts) joined."""
    runs, start = [], None
    for y, count in enumerate(np.append(mask.sum(axis=1), 0)):
        if count and start is None:
            start = y
        elif not count and start is not None:
            if runs and start - runs[-1][1] <= join:
                runs[-1] = (runs[-1][0], y)
            else:
                runs.append((start, y))
            start = None
    return [end - begin for begin, end in runs]
