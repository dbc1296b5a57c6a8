"""Where things are and what is in front of them: the scene graph side of the rendered audit."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QRectF
from PySide6.QtGui import QAccessible, QFont, QFontMetricsF, QTextLayout, QTextOption
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem

from tests.fixtures.qml_tools import effectively_visible, items, scene_rect, shown_rect

EPS = 0.5
KIOSK_FONT = "Noto Sans CJK SC"


def key(item: QQuickItem) -> int:
    """A stable identity for an item: PySide may hand out a new wrapper (a new id()) each time."""
    return shiboken6.getCppPointer(item)[0]


def area(rect: QRectF) -> float:
    return max(0.0, rect.width()) * max(0.0, rect.height())


def partly_shown(item: QQuickItem) -> bool:
    """Some of it in view and some cut off: a half row, a sliver of a button."""
    full, shown = area(scene_rect(item)), area(shown_rect(item))
    return shown > EPS and shown < full - max(EPS, 0.01 * full)


def top_layer(root: QQuickItem) -> QQuickItem:
    """The open modal overlay (it covers everything else), or root itself."""
    overlays = [i for i in items(root) if i.property("overlay") is True and effectively_visible(i)]
    return overlays[-1] if overlays else root


def shown_items(scope: QQuickItem) -> list[QQuickItem]:
    # A list, not a generator: PySide drops wrappers of a half-walked tree (seen: the root's).
    tree = list(items(scope))
    return [i for i in tree if effectively_visible(i) and i.width() > 0 and i.height() > 0]


def texts(shown: list[QQuickItem]) -> list[QQuickItem]:
    return [i for i in shown if i.inherits("QQuickText") and str(i.property("text") or "").strip()]


def tap_target(area_item: QQuickItem) -> QQuickItem:
    """A MouseArea filling a plate stands for the plate (what a finger aims at)."""
    parent = area_item.parentItem()
    if (
        parent is not None
        and abs(area_item.width() - parent.width()) < EPS
        and abs(area_item.height() - parent.height()) < EPS
    ):
        return parent
    return area_item


def targets(shown: list[QQuickItem], *, enabled_only: bool = True) -> list[QQuickItem]:
    """Every tap target among shown items (a modal overlay's input blocker is not one)."""
    found = []
    for item in shown:
        if (
            item.inherits("QQuickMouseArea")
            and (item.isEnabled() or not enabled_only)
            and item.objectName() != "inputBlocker"
        ):
            found.append(tap_target(item))
    return found


def inside_target(item: QQuickItem, plates: set[int]) -> bool:
    """Whether item lies on one of plates (keys of tap targets)."""
    node = item.parentItem()
    while node is not None:
        if key(node) in plates:
            return True
        node = node.parentItem()
    return False


def name(item: QQuickItem) -> str:
    label = item.objectName() or item.metaObject().className().split("_QML")[0]
    text = item.property("text")
    return f"{label} {str(text)[:20]!r}" if isinstance(text, str) and text else label


def accessible_role(item: QQuickItem) -> QAccessible.Role | None:
    iface = QAccessible.queryAccessibleInterface(item)
    return iface.role() if iface is not None else None


def layout_lines(item: QQuickItem) -> list[str]:
    """The lines a Text item wraps into, laid out as Qt Quick lays them (same font, width
    and word wrapping), so a break can be read with the characters either side of it."""
    text = str(item.property("text"))
    layout = QTextLayout(text, item.property("font"))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode(wrap_mode(item)))  # Text.WrapMode has its values
    layout.setTextOption(option)
    spans = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(item.width())
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    return [text[start : start + length] for start, length in spans]


def wrap_mode(item: QQuickItem) -> int:
    """Text.wrapMode, read through QML (PySide cannot convert a Qt Quick enum property)."""
    context = QQmlEngine.contextForObject(item)
    value, failed = QQmlExpression(context, item, "wrapMode").evaluate()
    assert not failed
    return int(value)


def predicted_ink_height(line: str, pixel_size: int) -> float:
    """How tall a line's ink is in the kiosk font at pixel_size, unscaled."""
    font = QFont(KIOSK_FONT)
    font.setPixelSize(pixel_size)
    return QFontMetricsF(font).tightBoundingRect(line.strip()).height()
