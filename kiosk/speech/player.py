"""Playing rendered prompts through a QAudioSink (GUI thread).

Why not QMediaPlayer: its FFmpeg backend runs threads of its own that destroy objects
(deleteLater) while holding Qt mutexes; PySide then needs the GIL on that thread, while
the GUI thread holds the GIL and waits for the same mutex (QAudioOutput.setVolume
emitting volumeChanged) — the kiosk hung for good. Here no Qt thread ever needs Python:
the WAV's PCM, with the volume step already applied to the samples (kiosk/speech/pcm.py),
sits in a QBuffer that the sink reads on the GUI thread, and a volume step is a number
used for the next prompt, never a call into a live audio object.

play() replaces whatever is playing: the PCM is prepared on a worker thread (scaling a
long prompt takes tens of ms), then a fresh QAudioSink in the WAV's own format plays it.
stop() is synchronous (the sink is stopped when it returns; a touch stops speech at
once). `started` comes when the sink goes Active; `finished` exactly once per play():
the buffer drained, stop(), or a failure (unreadable WAV, or no audio device at all: the
sink cannot open, so the prompt ends at once and nothing waits forever).

Volume steps: 0..5, 4 dB a step, step 5 = full scale (0 dB), so the steps span 20 dB.
QtMultimedia is imported by the first preparation (worker thread), not at start-up.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal, Slot

from kiosk.speech.pcm import Pcm, load_pcm

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioSink

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
    _prepared = Signal(int, object)  # worker → GUI thread: play number, Pcm or None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._gain = step_gain(VOLUME_STEPS - 1)
        self._play_id = 0  # bumped by every play() and stop(): older preparations are dropped
        self._active = False  # from play() until the prompt ends, fails or is stopped
        self._sink: QAudioSink | None = None
        self._started = False  # `started` emitted for the current sink
        self._buffer: QBuffer | None = None
        self._prepare_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-pcm")
        self._prepared.connect(self._on_prepared)

    @property
    def playing(self) -> bool:
        return self._active

    def set_step(self, step: int) -> None:
        """Applies from the next play()."""
        self._gain = step_gain(step)

    def play(self, path: Path) -> None:
        self.stop()
        self._active = True
        self._prepare_pool.submit(self._prepare, self._play_id, Path(path), self._gain)

    def stop(self) -> None:
        self._play_id += 1
        self._release()
        self._end()

    # Worker thread ------------------------------------------------------------------

    def _prepare(self, play_id: int, path: Path, gain: float) -> None:
        import PySide6.QtMultimedia  # noqa: F401 - loaded here at the first prompt, not at start

        if play_id != self._play_id:
            return  # superseded while queued
        try:
            pcm = load_pcm(path, gain)
        except ValueError as exc:
            log.warning("prompt audio unreadable: %s", exc)
            pcm = None
        self._prepared.emit(play_id, pcm)

    # GUI thread ---------------------------------------------------------------------

    @Slot(int, object)
    def _on_prepared(self, play_id: int, pcm: Pcm | None) -> None:
        if play_id != self._play_id or not self._active:
            return
        if pcm is None:
            self._end()
            return
        from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices

        audio_format = QAudioFormat()
        audio_format.setSampleRate(pcm.rate)
        audio_format.setChannelCount(pcm.channels)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        # The default device is looked up per prompt: a loudspeaker plugged in later is used.
        self._started = False
        self._sink = sink = QAudioSink(QMediaDevices.defaultAudioOutput(), audio_format, self)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pcm.data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        sink.stateChanged.connect(self._on_state)
        sink.start(self._buffer)
        if self._sink is sink:
            self._on_state()  # no signal when the sink cannot open at all

    @Slot()  # stateChanged's argument unused (and QtAudio not imported before the first prompt)
    def _on_state(self) -> None:
        from PySide6.QtMultimedia import QtAudio

        sink = self._sink
        if sink is None or not self._active:
            return
        state = sink.state()  # the sink's state now, not the one a queued signal carried
        if state == QtAudio.State.ActiveState:
            if not self._started:  # Active again after an underrun is not a new start
                self._started = True
                self.started.emit()
        elif state == QtAudio.State.IdleState and self._buffer.atEnd():
            self._release()
            self._end()
        elif state == QtAudio.State.StoppedState:
            log.warning("playback failed: %s", sink.error().name)
            self._release()
            self._end()

    def _release(self) -> None:
        sink, buffer = self._sink, self._buffer
        self._sink = self._buffer = None
        if sink is not None:
            sink.stateChanged.disconnect(self._on_state)
            sink.stop()
            sink.deleteLater()  # may be inside the sink's own signal: not deleted here
            buffer.deleteLater()

    def _end(self) -> None:
        if self._active:
            self._active = False
            self.finished.emit()
