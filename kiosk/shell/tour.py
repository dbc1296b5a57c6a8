"""The tour's (and the accessibility audit's) steps over every screen: waiting and offline,
the idle warning, the operator panel; and the waits every walk and test uses."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QMetaObject, QTimer

from kiosk.api import ApiClient
from kiosk.shell.operator import Operator

if TYPE_CHECKING:  # the tour is driven by kiosk.tour; its steps only name the app
    from kiosk.app import KioskApp

Visit = Callable[[str], None]
WAIT_S = 30.0


def wait_until(condition: Callable[[], bool], timeout_s: float = WAIT_S) -> bool:
    """Run the Qt event loop until condition() holds (answers arrive by queued signal)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    return True


def settle(ms: int = 60) -> None:
    """Let bindings, layout and the Loader finish before a frame is grabbed."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _items(kiosk: KioskApp):
    stack = [kiosk.window.contentItem()]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.childItems())


def images_ready(kiosk: KioskApp) -> bool:
    """No image still loading: Qt Quick loads even a data: URL (a QR code) asynchronously, so
    on a busy machine a frame grabbed at once may show an empty place for it."""
    return not any(  # (its `status` enum has no Python converter; `progress` says as much)
        item.inherits("QQuickImage")
        and not item.property("source").isEmpty()
        and item.property("progress") < 1.0
        for item in _items(kiosk)
    )


def page_down(kiosk: KioskApp) -> bool:
    """▼ 下一页 of the screen in view, as its button does (a screen pages itself: no view model
    holds its page). False if the screen does not page there."""
    for item in _items(kiosk):
        if item.objectName() == "pageDown" and item.isVisible() and item.isEnabled():
            QMetaObject.invokeMethod(item, "clicked")
            return True
    return False


def walk_network(kiosk: KioskApp, at: Visit, answered: Callable[[], None]) -> None:
    net = kiosk.network
    # A call that takes longer than 300 ms shows the waiting state.
    net.call(lambda client: time.sleep(0.8))
    wait_until(lambda: net.busy, 5)
    at("waiting")
    answered()
    # A real refused connection shows the failure state.
    net.call(lambda client: ApiClient("http://127.0.0.1:9", "none", retries=0).health())
    answered()
    at("offline")
    net.dismiss()


def walk_idle(kiosk: KioskApp, at: Visit, *, large: bool) -> None:
    kiosk.idle.advance(kiosk.config.idle.warning_after_s)
    kiosk.idle.advance(7)
    at("idle-warning")
    kiosk.idle.endNow()
    kiosk.preferences.setLargeText(large)
    at("home-after-session-end")


def walk_operator(kiosk: KioskApp, at: Visit) -> None:
    kiosk.operator.open()
    for digit in "12":
        kiosk.operator.press(digit)
    at("operator-pin")
    for digit in "34":
        kiosk.operator.press(digit)
    kiosk.operator.submit()
    wait_until(
        lambda: kiosk.operator.state == Operator.State.PANEL and not kiosk.operator.checking, 60
    )
    at("operator-panel")
    kiosk.operator.close()
