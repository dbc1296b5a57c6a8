"""Test helpers: walk the live QML item tree, tap items by objectName, read what is shown.

Tests (only tests) look into QML this way; production code never does (DESIGN.md).
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.app import KioskApp
from kiosk.tour import settle, wait_until


def items(root: QQuickItem) -> Iterator[QQuickItem]:
    yield root
    for child in root.childItems():
        yield from items(child)


def effectively_visible(item: QQuickItem) -> bool:
    node = item
    while node is not None:
        if not node.isVisible() or node.opacity() == 0:
            return False
        node = node.parentItem()
    return True


def top_layer(kiosk: KioskApp) -> QQuickItem:
    """The open modal overlay (it covers everything else), or the whole window."""
    root = kiosk.window.contentItem()
    overlays = [i for i in items(root) if i.property("overlay") is True and effectively_visible(i)]
    return overlays[-1] if overlays else root


def find(kiosk: KioskApp, name: str, *, visible: bool = True) -> QQuickItem:
    """An item by objectName; visible ones only from the layer a finger can reach."""
    scope = top_layer(kiosk) if visible else kiosk.window.contentItem()
    found = [i for i in items(scope) if i.objectName() == name]
    if visible:
        found = [i for i in found if effectively_visible(i)]
    assert found, f"no {'visible ' if visible else ''}item named {name!r}"
    return found[0]


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def visible_texts(kiosk: KioskApp) -> list[str]:
    return [
        str(i.property("text"))
        for i in items(kiosk.window.contentItem())
        if i.inherits("QQuickText") and effectively_visible(i) and i.property("text")
    ]


def all_texts(kiosk: KioskApp) -> list[str]:
    """Every text property in the tree, visible or not (for privacy sweeps)."""
    out = []
    for item in items(kiosk.window.contentItem()):
        for prop in ("text", "hint", "title"):
            value = item.property(prop)
            if isinstance(value, str) and value:
                out.append(value)
    return out


class Tapper:
    """Taps like a finger: press/release at the item's centre on the window.

    The window swallows a second tap within 0.5 s; each tap steps the touch filter's clock
    by a second instead of sleeping, so tests are fast and the rule stays in force.
    """

    def __init__(self, kiosk: KioskApp):
        self.kiosk = kiosk
        self.now = 1000.0
        kiosk.touch_filter.clock = lambda: self.now

    def tap(self, name: str, *, gap_s: float = 1.0) -> None:
        item = find(self.kiosk, name)
        assert item.isEnabled(), f"{name} is disabled"
        self.tap_item(item, gap_s=gap_s)

    def tap_item(self, item: QQuickItem, *, gap_s: float = 1.0) -> None:
        self.now += gap_s
        centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
        node = item.parentItem()
        while node is not None:  # a finger can only reach what a clipping parent shows
            if node.clip():
                assert scene_rect(node).contains(centre), (
                    f"{item.objectName()} is scrolled out of view"
                )
            node = node.parentItem()
        centre = centre.toPoint()
        QTest.mouseClick(
            self.kiosk.window,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            QPoint(centre.x(), centre.y()),
        )
        settle(10)

    def keys(self, text: str) -> None:
        for key in text:
            self.tap(f"key_{key.upper()}")


def answered(kiosk: KioskApp, timeout_s: float = 30) -> None:
    assert wait_until(lambda: not kiosk.network.has_pending(), timeout_s), (
        "backend call never returned"
    )
    settle(20)
