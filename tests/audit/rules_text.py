"""Rendered rules for text: how large it reaches the glass, where it breaks, what cuts it.

Each rule takes the items shown in the layer a finger can reach (the top modal layer, or the
window) and, where it measures pixels, the frame grabbed from it (tests/audit/frame.py).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtQuick import QQuickItem

from tests.audit import frame as fr
from tests.audit.scene import (
    area,
    inside_target,
    key,
    layout_lines,
    name,
    partly_shown,
    predicted_ink_height,
    targets,
    texts,
)
from tests.fixtures.qml_tools import scene_rect, shown_rect

MIN_READ_PX = 40  # everything a senior must read, at 1080×1920
TOLERANCE = 0.93  # rasterising a 40 px line loses up to a pixel or two of ink (小 has little)
WORD_MAX = 4  # a run of more characters between spaces or marks is a phrase: it may break
# Where a label may wrap: at a space or a punctuation mark, never between two letters of a word.
SEPARATORS = set(" \t\n，。、；：！？（）《》“”‘’·—…,.;:!?()/-–|→")
JOINER = "\u2060"  # a word joiner: the kiosk keeps a label's words whole with it


def rendered_size(item: QQuickItem, frame: np.ndarray) -> float | None:
    """The text size a line of item shows, measured on the frame: the line's ink height over
    what that line's ink is in the kiosk font at 1 px. Latin letters and digits therefore
    count by their cap height (a line of digits has no taller ink), CJK by the ideograph;
    a scaled item, a fitted font or a smaller fallback font all show up here."""
    pixels = fr.crop(frame, shown_rect(item))
    if pixels.size == 0:
        return None
    ink = fr.rgb(item.property("color"))
    # What the text stands on: around its box (a glyph may fill its own box), else inside it.
    background = fr.dominant(fr.ring(frame, shown_rect(item)))
    if float(np.abs(background - ink).sum()) < 60:
        background = fr.dominant(pixels)
    size = item.property("font").pixelSize()
    # Lines are ≥ 0.3 em apart; a glyph's own gaps are smaller.
    bands = fr.ink_bands(fr.ink_mask(pixels, ink, background), join=round(0.2 * size))
    if not bands:
        return 0.0
    lines = [line for line in layout_lines(item) if line.strip()]
    if len(lines) == len(bands):
        return min(
            size * band / predicted_ink_height(line, size)
            for line, band in zip(lines, bands, strict=True)
        )
    tallest = max(
        predicted_ink_height(line, size) for line in lines or [str(item.property("text"))]
    )
    return size * max(bands) / tallest


def glyph_sizes(
    shown: list[QQuickItem], frame: np.ndarray, minimum: int = MIN_READ_PX
) -> list[str]:
    out = []
    for item in texts(shown):
        if partly_shown(item) or area(shown_rect(item)) <= 0:
            continue  # cut text is cut_text's finding; text paged away is not shown
        if not any(ch.isalnum() for ch in str(item.property("text"))):
            continue  # a lone mark (-, ↓) has no height to read by
        size = rendered_size(item, frame)
        if size is not None and size < minimum * TOLERANCE:
            out.append(f"{name(item)}: renders {size:.0f} px < {minimum}")
    return out


def _is_label(item: QQuickItem, plates: set[int]) -> bool:
    """A button's words, or a short phrase with no punctuation: it is one word to a reader."""
    text = str(item.property("text")).replace(JOINER, "").strip()
    return inside_target(item, plates) or (
        len(text) <= 8 and not any(ch in SEPARATORS for ch in text)
    )


def _run_length(upper: str, lower: str) -> int:
    """How long the run of characters (between spaces or marks) is that a break falls in."""
    left = len(upper) - max((upper.rfind(ch) for ch in SEPARATORS), default=-1) - 1
    right = next((i for i, ch in enumerate(lower) if ch in SEPARATORS), len(lower))
    return left + right


def _breaks_inside_word(upper: str, lower: str, label: bool) -> bool:
    """Whether the break between two lines falls inside a word (not at a space or a mark)."""
    before, after = upper[-1:], lower[:1]
    if not before or not after or before in SEPARATORS or after in SEPARATORS:
        return False
    if label and _run_length(upper, lower) <= WORD_MAX:
        return True  # 呼叫帮/助, 确认预/约, 一/荤
    return before.isascii() and after.isascii() and before.isalnum() and after.isalnum()


def broken_words(shown: list[QQuickItem]) -> list[str]:
    """Labels break only at spaces or punctuation; no text breaks inside a Latin word/number."""
    plates = {key(t) for t in targets(shown, enabled_only=False)}
    out = []
    for item in texts(shown):
        if item.property("lineCount") < 2:
            continue
        lines = layout_lines(item)
        label = _is_label(item, plates)
        for upper, lower in zip(lines, lines[1:], strict=False):
            upper, lower = upper.replace(JOINER, ""), lower.replace(JOINER, "")
            if _breaks_inside_word(upper, lower, label):
                out.append(f"{name(item)}: breaks inside a word ({upper[-3:]}/{lower[:3]})")
    return out


def cut_text(shown: list[QQuickItem]) -> list[str]:
    """No text is half in view: a page's fold, a clip or the window's edge cuts nothing."""
    return [
        f"{name(item)}: cut at the fold ({shown_rect(item).height():.0f} of "
        f"{scene_rect(item).height():.0f} px shown)"
        for item in texts(shown)
        if partly_shown(item)
    ]


def empty_pages(shown: list[QQuickItem]) -> list[str]:
    """A page shows something: a clipping view (a page of a paged screen) with text, targets or
    images inside never shows none of them (a fold at the first item's top left a blank page)."""
    out = []
    readable = [*texts(shown), *targets(shown, enabled_only=False)]
    readable += [i for i in shown if i.inherits("QQuickImage")]
    for view in shown:
        if not (view.inherits("QQuickFlickable") and view.clip()):
            continue
        inside = [i for i in readable if _descends(i, view)]
        if inside and not any(area(shown_rect(i)) > 1 for i in inside):
            out.append(f"{name(view)}: shows none of its content (an empty page)")
    return out


def _descends(item: QQuickItem, ancestor: QQuickItem) -> bool:
    node = item.parentItem()
    while node is not None:
        if key(node) == key(ancestor):
            return True
        node = node.parentItem()
    return False


def required_text(
    shown: list[QQuickItem], frame: np.ndarray, required: dict[str, str]
) -> list[str]:
    """Each required string (e.g. the hotline number and help code while help is open) is
    readable in the layer a person faces: whole, inside a text fully in view, and drawn —
    its ink reaches the frame, not covered by a dialog or anything else on top."""
    out = []
    shown = [t for t in texts(shown) if not partly_shown(t) and area(shown_rect(t)) > 0]
    for what, value in required.items():
        holders = [
            t for t in shown if value and value in str(t.property("text")).replace(JOINER, "")
        ]
        if not any(_drawn(t, frame) for t in holders):
            out.append(f"{what} {value!r} is not readable (hidden, covered or cut)")
    return out


def _drawn(item: QQuickItem, frame: np.ndarray) -> bool:
    size = rendered_size(item, frame)
    return size is not None and size >= MIN_READ_PX * TOLERANCE
