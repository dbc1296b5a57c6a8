"""The rendered audit: every rule on the frame a person sees now and the layer they face."""

from __future__ import annotations

from PySide6.QtQuick import QQuickWindow

from tests.audit import frame
from tests.audit.rules_marks import button_style, clipped_targets, non_text_contrast
from tests.audit.rules_text import broken_words, cut_text, glyph_sizes, required_text
from tests.audit.scene import shown_items, top_layer


def audit_rendered(window: QQuickWindow, required: dict[str, str] | None = None) -> list[str]:
    """Problems on what the window shows now; required: strings that must be readable
    (e.g. {"hotline": "12349", "help code": "717 881"})."""
    image = frame.grab(window)
    shown = shown_items(top_layer(window.contentItem()))
    return [
        *glyph_sizes(shown, image),
        *broken_words(shown),
        *cut_text(shown),
        *required_text(shown, image, required or {}),
        *clipped_targets(shown),
        *non_text_contrast(shown, image),
        *button_style(shown, image),
    ]
