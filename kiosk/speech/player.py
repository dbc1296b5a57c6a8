"""Playing rendered prompts through QtMultimedia (GUI thread).

One QMediaPlayer + QAudioOutput, reused: play() replaces whatever is playing, stop() is
synchronous (the state is Stopped when it returns; a touch stops speech at once).
Volume is applied here as gain: step 0..5, 4 dB a step, step 5 = full scale (0 dB), so
the steps span 20 dB; QAudioOutput.setVolume takes a linear factor, hence the dB→linear
conversion.

With no audio device at all, Qt's FFmpeg backend still "plays" on its own clock and
reaches EndOfMedia, and a playback error ends the prompt too: either way `finished`
is emitted and nothing waits forever.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

log = logging.getLogger(__name__)

VOLUME_STEPS = 6  # 0..5
DB_PER_STEP = 4.0


def step_gain(step: int) -> float:
    """Linear gain for a volume step: 5 → 1.0 (0 dB), 0 → 0.1 (−20 dB)."""
    step = max(0, min(VOLUME_STEPS - 1, step))
    return 10 ** (-(VOLUME_STEPS - 1 - step) * DB_PER_STEP / 20)


class Player(QObject):
    started = Signal()  # audio is playing
    finished = Signal()  # once per play(): ended, stopped or failed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._output = QAudioOutput(self)
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._output)
        self._active = False  # from play() until the prompt ends, fails or is stopped
        self._player.playbackStateChanged.connect(self._on_state)
        self._player.errorOccurred.connect(self._on_error)

    @property
    def playing(self) -> bool:
        return self._active

    def set_step(self, step: int) -> None:
        self._output.setVolume(step_gain(step))

    def play(self, path: Path) -> None:
        self.stop()
        self._active = True
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._player.play()

    def stop(self) -> None:
        self._player.stop()
        self._end()

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        if state == QMediaPlayer.PlaybackState.PlayingState and self._active:
            self.started.emit()
        elif state == QMediaPlayer.PlaybackState.StoppedState:
            self._end()

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        log.warning("playback failed: %s", error.name)
        self._player.stop()
        self._end()

    def _end(self) -> None:
        if self._active:
            self._active = False
            self.finished.emit()
