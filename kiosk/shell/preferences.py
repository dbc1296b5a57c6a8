"""Preferences for one visit (reset at session end): text size, speech rate (慢/中/快) and
volume (小/中/大) on the home screen (the operator panel steps the volume too). Rate and volume
go to the speech service at once."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.config import KioskConfig
from kiosk.shell.registry import qml_singleton
from kiosk.speech.output import RATES, SpeechOutput

LARGE_SCALE = 1.5
MAX_VOLUME_STEP = 5
VOLUME_LEVELS = {"small": 1, "medium": 3, "large": 5}  # 音量 小/中/大 on home: speech steps


@qml_singleton
class Preferences(QObject):
    changed = Signal()

    def __init__(self, config: KioskConfig, speech: SpeechOutput, parent: QObject | None = None):
        super().__init__(parent)
        self._default_large = config.display.text_scale == "large"
        self._default_volume = config.speech.volume_step
        self._default_rate = config.speech.rate
        self._speech = speech
        self._large = self._default_large
        self._volume = self._default_volume
        self._rate = self._default_rate

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

    @Property(str, notify=changed)
    def volumeLevel(self) -> str:
        """小/中/大 as chosen on home ("" while the step is another, e.g. the operator's)."""
        return next((name for name, step in VOLUME_LEVELS.items() if step == self._volume), "")

    @Slot(str)
    def setVolumeLevel(self, level: str) -> None:
        if level in VOLUME_LEVELS:
            self.setVolumeStep(VOLUME_LEVELS[level])

    @Property(str, notify=changed)
    def rate(self) -> str:
        return self._rate

    @Slot(str)
    def setRate(self, rate: str) -> None:
        if rate in RATES and rate != self._rate:
            self._rate = rate
            self._speech.set_rate(rate)
            self.changed.emit()

    def set_defaults(self, volume_step: int, rate: str) -> None:
        """New defaults from a remote setting (applied between visits: reset() shows them)."""
        self._default_volume, self._default_rate = volume_step, rate

    def reset(self) -> None:
        self.setLargeText(self._default_large)
        self.setVolumeStep(self._default_volume)
        self.setRate(self._default_rate)
