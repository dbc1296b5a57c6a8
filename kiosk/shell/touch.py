"""Window-level touch handling: any touch stops speech and counts as activity; a second tap
within 0.5 s is swallowed (tremor and double-taps must not press twice)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QPointingDevice

from kiosk.speech.output import SpeechOutput

DOUBLE_TAP_S = 0.5
_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin)


class TouchFilter(QObject):
    def __init__(
        self,
        speech: SpeechOutput,
        on_activity: Callable[[], None],
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._speech = speech
        self._on_activity = on_activity
        self.clock = clock  # tests step it instead of sleeping between taps
        self._last_press: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() not in _PRESSES:
            return False
        device = getattr(event, "pointingDevice", lambda: None)()
        if (
            event.type() != QEvent.Type.TouchBegin
            and device is not None
            and device.type() == QPointingDevice.DeviceType.TouchScreen
        ):
            return False  # a mouse press synthesized from a touch already counted
        now = self.clock()
        if event.type() == QEvent.Type.MouseButtonDblClick or (
            self._last_press is not None and now - self._last_press < DOUBLE_TAP_S
        ):
            return True  # swallowed: the second tap of a double tap
        self._last_press = now
        self._speech.stop()
        self._on_activity()
        return False
