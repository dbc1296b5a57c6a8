"""The rendered audit: every rule on the frame a person sees now and the layer they face."""

from __future__ import annotations

from PySide6.QtQuick import QQuickItem, QQuickWindow

from tests.audit import frame
from tests.audit.rules_marks import button_style, clipped_targets, non_text_contrast
from tests.audit.rules_text import (
    broken_words,
    cut_text,
    empty_pages,
    glyph_sizes,
    required_text,
)
from tests.audit.scene import key, shown_items, top_layer
from tests.fixtures.qml_tools import effectively_visible, items, scene_rect


def audit_rendered(window: QQuickWindow, required: dict[str, str] | None = None) -> list[str]:
    """Problems on what the window shows now; required: strings that must be readable
    (e.g. {"hotline": "12349", "help code": "717 881"})."""
    image = frame.grab(window)
    scope = top_layer(window.contentItem())
    shown = _uncovered(shown_items(scope), scope)
    return [
        *glyph_sizes(shown, image),
        *broken_words(shown),
        *cut_text(shown),
        *empty_pages(shown),
        *required_text(shown, image, required or {}),
        *clipped_targets(shown),
        *non_text_contrast(shown, image),
        *button_style(shown, image),
    ]


def _uncovered(shown: list[QQuickItem], scope: QQuickItem) -> list[QQuickItem]:
    """Leave out what a mark drawn over the screen on purpose covers (`covers: true`: the
    staff's pointer ring over a button); the mark itself is audited."""
    marks = [i for i in items(scope) if i.property("covers") is True and effectively_visible(i)]
    own = {key(part) for mark in marks for part in items(mark)}
    areas = [scene_rect(part) for mark in marks for part in list(items(mark))[1:]]
    return [
        i for i in shown
        if key(i) in own or not any(scene_rect(i).intersects(a) for a in areas)
    ]  # fmt: skip
