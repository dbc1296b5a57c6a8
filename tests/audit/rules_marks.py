"""Rendered rules for what is not text: tap targets as they are shown, icons and spinners,
and whether a plate looks like a button (or a button like a plate)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QAccessible
from PySide6.QtQuick import QQuickItem

from tests.audit import frame as fr
from tests.audit.scene import (
    accessible_role,
    area,
    inside_target,
    key,
    name,
    partly_shown,
    targets,
)
from tests.fixtures.qml_tools import items, shown_rect, window_rect

MIN_TARGET = 96
MIN_MARK_CONTRAST = 3.0  # WCAG 1.4.11: icons, spinners, a button's outline
GRAPHIC_CLASSES = ("QQuickImage", "QQuickCanvasItem", "QQuickShape", "QQuickBusyIndicator")
GRAPHIC_ROLES = (QAccessible.Role.Graphic, QAccessible.Role.Animation)


def clipped_targets(shown: list[QQuickItem]) -> list[str]:
    """A target counts by what is shown of it: a sliver at the fold is not a target, and a
    partly shown button must not take taps at all."""
    out = []
    for target in targets(shown):
        shown = shown_rect(target)
        if area(shown) <= 0:
            continue  # paged out of view entirely
        if partly_shown(target):
            out.append(
                f"{name(target)}: tappable while partly shown "
                f"({shown.width():.0f}×{shown.height():.0f} in view)"
            )
        elif min(shown.width(), shown.height()) < MIN_TARGET - 0.5:
            out.append(f"{name(target)}: {shown.width():.0f}×{shown.height():.0f} < {MIN_TARGET}")
    return out


def _is_graphic(item: QQuickItem) -> bool:
    return any(item.inherits(c) for c in GRAPHIC_CLASSES) or accessible_role(item) in GRAPHIC_ROLES


def non_text_contrast(shown: list[QQuickItem], frame: np.ndarray) -> list[str]:
    """Icons, pictures, faces and spinners: the marks they draw reach 3:1 against what they
    stand on (the median mark pixel, so a spinner of pale dots fails even if one is dark)."""
    out, seen = [], set()
    for item in shown:
        if not _is_graphic(item) or inside_target(item, seen):
            continue
        seen.add(key(item))
        rect = shown_rect(item)
        pixels = fr.crop(frame, rect)
        if pixels.size == 0:
            continue
        background = fr.luminance(fr.dominant(fr.ring(frame, rect)))
        ratios = fr.contrast_of(fr.luminance(pixels), background)
        marks = ratios[ratios > 1.15]
        if marks.size == 0:
            out.append(f"{name(item)}: draws nothing visible")
        elif float(np.median(marks)) < MIN_MARK_CONTRAST:
            out.append(f"{name(item)}: marks {float(np.median(marks)):.1f}:1 < 3:1")
    return out


def _edge_and_fill(frame: np.ndarray, rect: QRectF) -> tuple[list[np.ndarray], np.ndarray]:
    """A plate's outline (short runs 1 px inside each side's middle, clear of round corners)
    and its fill (inside, clear of the outline)."""
    cx, cy = rect.center().x(), rect.center().y()
    left, top, right, bottom = rect.left() + 1, rect.top() + 1, rect.right() - 2, rect.bottom() - 2
    runs = [
        QRectF(left, cy - 8, 1, 16),
        QRectF(right, cy - 8, 1, 16),
        QRectF(cx - 8, top, 16, 1),
        QRectF(cx - 8, bottom, 16, 1),
    ]
    edges = [fr.dominant(fr.crop(frame, r)) for r in runs]
    return edges, fr.dominant(fr.crop(frame, rect.adjusted(10, 10, -10, -10)))


def _stands_out(frame: np.ndarray, rect: QRectF) -> float:
    """How much a plate stands out from what is around it: its outline or its fill."""
    outside = fr.luminance(fr.dominant(fr.ring(frame, rect)))
    edges, fill = _edge_and_fill(frame, rect)
    outline = min(float(fr.contrast_of(fr.luminance(e), outside)) for e in edges)
    return max(outline, float(fr.contrast_of(fr.luminance(fill), outside)))


def _plates(shown: list[QQuickItem], plates: set[int]) -> list[QQuickItem]:
    """Rectangles that carry information (text) and no button: summary rows, material cards,
    the hotline plate. Bars and panels that hold buttons are containers, not plates."""
    found = []
    width = window_rect(shown[0]).width()
    for item in shown:
        if not item.inherits("QQuickRectangle") or key(item) in plates:
            continue
        if inside_target(item, plates) or item.width() >= 0.9 * width:
            continue
        if accessible_role(item) in (*GRAPHIC_ROLES, QAccessible.Role.StaticText):
            continue  # a mark (✓ ●) or a callout is checked as a graphic, not as a plate
        inner = list(items(item))[1:]
        has_text = any(
            i.inherits("QQuickText") and i.isVisible() and i.property("text") for i in inner
        )
        if has_text and not any(key(i) in plates for i in inner):
            found.append(item)
    return found


def button_style(shown: list[QQuickItem], frame: np.ndarray) -> list[str]:
    """Buttons look like buttons (an outline or a fill at 3:1 against their surroundings);
    information plates do not (neither), so a senior never taps a plate or misses a button."""
    plates = {key(t) for t in targets(shown, enabled_only=False)}
    out = []
    for target in targets(shown, enabled_only=False):
        rect = shown_rect(target)
        if not target.inherits("QQuickRectangle"):
            continue  # a bare touch area (the operator's hidden corner) draws nothing
        shown_whole = min(rect.width(), rect.height()) >= 24 and not partly_shown(target)
        if shown_whole and _stands_out(frame, rect) < MIN_MARK_CONTRAST:
            out.append(f"{name(target)}: a button that does not look like one")
    for plate in _plates(shown, plates):
        rect = shown_rect(plate)
        shown_whole = area(rect) > 0 and not partly_shown(plate)
        if shown_whole and _stands_out(frame, rect) >= MIN_MARK_CONTRAST:
            out.append(f"{name(plate)}: an information plate styled like a button")
    return out
