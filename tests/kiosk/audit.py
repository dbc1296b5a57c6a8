"""The accessibility audit: DESIGN.md's table, checked on whatever the kiosk shows right now.

Walks the live QML item tree (inside the top-most modal overlay when one is open, since
it covers the rest) and reports every:
- interactive item under 96 px on its short side, or without Accessible.name / role;
- pair of tap targets closer than 24 px;
- text under 28 px, body text under 40 px, heading under 56 px;
- truncated text, text wider or taller than its box, text sticking out of its plate;
- visible siblings whose rectangles intersect;
- text whose contrast with the nearest opaque background behind it is under 7:1;
- content taller than its view that cannot be paged by taps: DESIGN.md allows no drag as
  the only way, so the view must be a PagedView showing ▲ 上一页 / ▼ 下一页, each enabled
  unless the content is at that end.
"""

from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtQml import QQmlExpression
from PySide6.QtQuick import QQuickItem

from kiosk.app import KioskApp
from tests.kiosk.qml_tools import effectively_visible, items, scene_rect, top_layer

MIN_TARGET = 96
MIN_GAP = 24
MIN_TEXT = {"caption": 28, "body": 40, "entry": 40, "key": 40, "heading": 56, "display": 56}
MIN_CONTRAST = 7.0
EPS = 0.5


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _background(item: QQuickItem, window_color: QColor) -> QColor:
    node = item.parentItem()
    while node is not None:
        if node.inherits("QQuickRectangle"):
            color = node.property("color")
            if color.alpha() == 255 and node.opacity() == 1:
                return color
        node = node.parentItem()
    return window_color


def _name(item: QQuickItem) -> str:
    return item.objectName() or item.metaObject().className().split("_QML")[0]


def _path(item: QQuickItem) -> str:
    parts, node = [], item
    while node is not None and len(parts) < 4:
        parts.append(_name(node))
        node = node.parentItem()
    return "/".join(reversed(parts))


def _accessible(item: QQuickItem) -> tuple[str, QAccessible.Role] | None:
    iface = QAccessible.queryAccessibleInterface(item)
    if iface is None:
        return None
    return iface.text(QAccessible.Text.Name), iface.role()


def _tap_target(area: QQuickItem) -> QQuickItem:
    """A MouseArea filling a button plate stands for the plate (which carries the name)."""
    parent = area.parentItem()
    if (
        parent is not None
        and abs(area.width() - parent.width()) < EPS
        and abs(area.height() - parent.height()) < EPS
    ):
        return parent
    return area


def _shown_rect(item: QQuickItem) -> QRectF:
    """The part of item a person can see: its scene rect cut by every clipping ancestor."""
    rect = scene_rect(item)
    node = item.parentItem()
    while node is not None:
        if node.clip():
            rect = rect.intersected(scene_rect(node))
        node = node.parentItem()
    return rect


def _inside(inner: QRectF, outer: QRectF) -> bool:
    return (inner.left() >= outer.left() - EPS and inner.top() >= outer.top() - EPS
            and inner.right() <= outer.right() + EPS and inner.bottom() <= outer.bottom() + EPS)  # fmt: skip


def _overlap(a: QRectF, b: QRectF) -> bool:
    inter = a.intersected(b)
    return inter.width() > EPS and inter.height() > EPS


def audit(kiosk: KioskApp) -> list[str]:
    scope = top_layer(kiosk)
    shown = [i for i in items(scope) if effectively_visible(i) and i.width() > 0 and i.height() > 0]
    problems: list[str] = []
    targets: list[QQuickItem] = []

    for item in shown:
        if (
            item.inherits("QQuickMouseArea")
            and item.isEnabled()
            and item.objectName() != "inputBlocker"
        ):
            target = _tap_target(item)
            targets.append(target)
            rect = scene_rect(target)
            if min(rect.width(), rect.height()) < MIN_TARGET - EPS:
                problems.append(
                    f"{_path(target)}: target {rect.width():.0f}×{rect.height():.0f} < {MIN_TARGET}"
                )
            acc = _accessible(target)
            if (
                acc is None
                or not acc[0].strip()
                or acc[1] in (QAccessible.Role.NoRole, QAccessible.Role.Client)
            ):
                problems.append(f"{_path(target)}: no Accessible.name/role ({acc})")
        if item.inherits("QQuickText") and item.property("text"):
            problems += _text_problems(item, kiosk)
        if item.inherits("QQuickFlickable"):
            problems += _paging_problems(item)
        problems += _sibling_overlaps(item)

    targets = [t for t in targets if not _shown_rect(t).isEmpty()]  # scrolled out of view
    for a, b in combinations(targets, 2):
        ra, rb = _shown_rect(a), _shown_rect(b)
        if _overlap(ra, rb):
            problems.append(f"{_path(a)} and {_path(b)}: targets overlap")
            continue
        dx = max(rb.left() - ra.right(), ra.left() - rb.right(), 0)
        dy = max(rb.top() - ra.bottom(), ra.top() - rb.bottom(), 0)
        if max(dx, dy) < MIN_GAP - EPS:
            problems.append(f"{_path(a)} and {_path(b)}: gap {max(dx, dy):.0f} < {MIN_GAP}")
    return problems


def _qml_value(kiosk: KioskApp, item: QQuickItem, expression: str) -> object:
    """Read a property PySide cannot convert (enums of Qt Quick types) through QML itself."""
    value, failed = QQmlExpression(kiosk.engine.contextForObject(item), item, expression).evaluate()
    assert not failed, expression
    return value


def _text_problems(item: QQuickItem, kiosk: KioskApp) -> list[str]:
    out = []
    where = f"{_path(item)} {str(item.property('text'))[:24]!r}"
    role = item.property("textRole") or "body"
    size = item.property("font").pixelSize()
    if size < MIN_TEXT.get(role, MIN_TEXT["body"]):
        out.append(f"{where}: {role} text {size}px < {MIN_TEXT.get(role, 40)}")
    if item.property("truncated"):
        out.append(f"{where}: truncated")
    if _qml_value(kiosk, item, "wrapMode") == 0:  # Text.NoWrap
        if item.implicitWidth() > item.width() + EPS:
            out.append(f"{where}: needs {item.implicitWidth():.0f}px, has {item.width():.0f}")
    elif item.property("contentWidth") > item.width() + EPS:
        out.append(
            f"{where}: a word does not fit ({item.property('contentWidth'):.0f} > {item.width():.0f})"
        )
    if item.property("contentHeight") > item.height() + EPS:
        out.append(
            f"{where}: text taller than its box ({item.property('contentHeight'):.0f} > {item.height():.0f})"
        )
    plate = (
        item.parentItem()
    )  # scrolled content may extend past a plate; a Flickable ends the search
    while (
        plate is not None
        and not plate.inherits("QQuickRectangle")
        and not plate.inherits("QQuickFlickable")
    ):
        plate = plate.parentItem()
    if (
        plate is not None
        and plate.inherits("QQuickRectangle")
        and not _inside(scene_rect(item), scene_rect(plate))
    ):
        out.append(f"{where}: sticks out of {_path(plate)}")
    ratio = contrast(item.property("color"), _background(item, kiosk.window.color()))
    if ratio < MIN_CONTRAST:
        out.append(f"{where}: contrast {ratio:.1f}:1 < {MIN_CONTRAST}:1")
    return out


def _paging_problems(flick: QQuickItem) -> list[str]:
    """Hidden content must be one tap away: ▼ while there is more below, ▲ once scrolled."""
    where = _path(flick)
    if flick.property("contentWidth") > flick.width() + EPS:
        return [f"{where}: content wider than its view (only a sideways drag reaches it)"]
    hidden = flick.property("contentHeight") - flick.height()
    if hidden <= EPS:
        return []
    view = flick.parentItem()
    if view is None or view.property("paging") is not True:
        return [
            f"{where}: content {hidden:.0f}px taller than its view and no page buttons (drag only)"
        ]
    buttons = {i.objectName(): i for i in items(view) if i.objectName() in ("pageUp", "pageDown")}
    y = flick.property("contentY")
    out = []
    for name, can_move in (("pageUp", y > EPS), ("pageDown", y < hidden - EPS)):
        button = buttons.get(name)
        if button is None or not effectively_visible(button):
            out.append(f"{where}: content {hidden:.0f}px taller than its view and {name} not shown")
        elif button.isEnabled() != can_move:
            out.append(
                f"{where}: {name} {'disabled' if can_move else 'enabled'} at contentY {y:.0f} of {hidden:.0f}"
            )
    return out


def _sibling_overlaps(parent: QQuickItem) -> list[str]:
    children = [
        c for c in parent.childItems()
        if effectively_visible(c) and c.width() > 0 and c.height() > 0
        and not c.inherits("QQuickMouseArea") and c.property("overlay") is not True
    ]  # fmt: skip
    out = []
    for a, b in combinations(children, 2):
        if _overlap(scene_rect(a), scene_rect(b)):
            out.append(f"{_path(a)} overlaps {_path(b)}")
    return out
