"""Preferences a senior may change for one visit: text size and volume (reset at session end)."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.config import KioskConfig
from kiosk.speech.output import SpeechOutput
from kiosk.viewmodels.registry import qml_singleton

LARGE_SCALE = 1.5
MAX_VOLUME_STEP = 5


@qml_singleton
class Preferences(QObject):
    changed = Signal()

    def __init__(self, config: KioskConfig, speech: SpeechOutput, parent: QObject | None = None):
        super().__init__(parent)
        self._default_large = config.display.text_scale == "large"
        self._default_volume = config.speech.volume_step
        self._speech = speech
        self._large = self._default_large
        self._volume = self._default_volume

    @Property(bool, notify=changed)
    def largeText(self) -> bool:
        return self._large

    @Property(float, notify=changed)
    def textScale(self) -> float:
        return LARGE_SCALE if self._large else 1.0

    @Slot(bool)
    def setLargeText(self, large: bool) -> None:
        if large != self._large:
            self._large = large
            self.changed.emit()

    @Property(int, notify=changed)
    def volumeStep(self) -> int:
        return self._volume

    @Slot(int)
    def setVolumeStep(self, step: int) -> None:
        step = max(0, min(MAX_VOLUME_STEP, step))
        if step != self._volume:
            self._volume = step
            self._speech.set_volume_step(step)
            self.changed.emit()

    def reset(self) -> None:
        self.setLargeText(self._default_large)
        self.setVolumeStep(self._default_volume)
