"""Mirror: the window's picture as hotline staff may see it, with the citizen's data masked.

QML text bindings of sensitive fields (the ID number and phone digits as they are typed)
read `Mirror.masking`: it is true only while a frame is grabbed for the mirror, so the
grab renders the masked view and the senior, who never sees that render, keeps seeing
the full text. Frames are grabbed on the GUI thread (QQuickWindow.grabWindow renders into
an image, not onto the screen) right after the window repainted — at once when the last
grab is FRAME_INTERVAL_MS old, else when it will be (publish on change: a new screen reaches
the worker without waiting for a timer) — and encoded and sent on the publisher's threads.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Property, QObject, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickWindow

from kiosk.shell.registry import qml_singleton

FRAME_INTERVAL_MS = 500  # ≤ 2 frames per second (the publisher enforces it too)

Publish = Callable[[QImage], None]


@qml_singleton
class Mirror(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._masking = False
        self.grab: Callable[[], QImage] | None = None  # the window's grabWindow (tests wrap it)
        self._publish: Publish | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._grab_and_publish)
        self._last_grab = -1.0  # time.monotonic() of the last grab

    @Property(bool, notify=changed)
    def masking(self) -> bool:
        return self._masking

    def attach(self, window: QQuickWindow) -> None:
        self.grab = window.grabWindow
        window.frameSwapped.connect(self._repainted)

    @property
    def running(self) -> bool:
        return self._publish is not None

    def start(self, publish: Publish) -> None:
        """Hand a masked frame to publish() now and after every repaint (≤ 2 per second)."""
        self._publish = publish
        self._grab_and_publish()

    def stop(self) -> None:
        self._publish = None
        self._timer.stop()

    def grab_masked(self) -> QImage:
        """The window rendered with every sensitive field masked (what staff may see)."""
        assert self.grab is not None, "attach() the window first"
        self._set_masking(True)
        try:
            return self.grab()
        finally:
            self._set_masking(False)  # before the next frame the senior sees

    def _set_masking(self, on: bool) -> None:
        self._masking = on
        self.changed.emit()  # bindings re-evaluate synchronously, before the grab renders

    def _repainted(self) -> None:
        if self._publish is not None and not self._timer.isActive():
            since_ms = (time.monotonic() - self._last_grab) * 1000
            self._timer.start(max(0, round(FRAME_INTERVAL_MS - since_ms)))

    def _grab_and_publish(self) -> None:
        if self._publish is not None and self.grab is not None:
            self._last_grab = time.monotonic()
            self._publish(self.grab_masked())
