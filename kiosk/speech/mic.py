"""Microphone capture: QAudioSource, 16 kHz mono int16, on its own thread.

The QAudioSource lives on a worker QThread so the GUI thread never services audio;
chunks reach listeners through the queued `chunk` signal. The device is the one whose
description or id contains config.recognition.input_device (empty: system default).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSource, QMediaDevices, QtAudio

log = logging.getLogger(__name__)

SAMPLE_RATE = 16000


def audio_format() -> QAudioFormat:
    fmt = QAudioFormat()
    fmt.setSampleRate(SAMPLE_RATE)
    fmt.setChannelCount(1)
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    return fmt


def find_input_device(wanted: str) -> QAudioDevice | None:
    """The configured input (matched on description or id), else the default; None if none."""
    devices = QMediaDevices.audioInputs()
    if wanted:
        for device in devices:
            ident = bytes(device.id().data()).decode("utf-8", "replace")
            if wanted in device.description() or wanted in ident:
                return device
        log.warning("input device %r not found; using the default input", wanted)
    default = QMediaDevices.defaultAudioInput()
    return None if default.isNull() else default


class _CaptureWorker(QObject):
    chunk = Signal(bytes)
    failed = Signal(str)

    def __init__(self, wanted_device: str) -> None:
        super().__init__()
        self._wanted = wanted_device
        self._source: QAudioSource | None = None
        self._io = None

    @Slot()
    def open(self) -> None:
        if self._source is not None:
            return
        device = find_input_device(self._wanted)
        if device is None:
            self.failed.emit("no microphone")
            return
        self._source = QAudioSource(device, audio_format(), self)
        self._source.setBufferSize(SAMPLE_RATE // 5)  # ~100 ms: low latency, few wake-ups
        self._source.stateChanged.connect(self._state_changed)
        self._io = self._source.start()
        if self._io is None:
            self.failed.emit("microphone could not be opened")
            self.close()
            return
        self._io.readyRead.connect(self._read)

    @Slot()
    def close(self) -> None:
        if self._source is not None:
            self._source.stop()
            self._source.deleteLater()
        self._source = None
        self._io = None

    @Slot()
    def _read(self) -> None:
        if self._io is not None:
            data = bytes(self._io.readAll().data())
            if data:
                self.chunk.emit(data)

    @Slot(QtAudio.State)
    def _state_changed(self, state: QtAudio.State) -> None:
        error = self._source.error() if self._source is not None else QtAudio.Error.NoError
        if error in (QtAudio.Error.OpenError, QtAudio.Error.FatalError):
            self.failed.emit(f"microphone error: {error.name}")
        elif error != QtAudio.Error.NoError:
            log.warning("microphone: %s", error.name)  # a glitch (I/O, underrun): keep going


class Microphone(QObject):
    """start()/stop() capture; `chunk(bytes)` delivers 16 kHz mono int16 PCM."""

    chunk = Signal(bytes)
    failed = Signal(str)
    _open = Signal()
    _close = Signal()

    def __init__(self, input_device: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("microphone")
        self._worker = _CaptureWorker(input_device)
        self._worker.moveToThread(self._thread)
        self._open.connect(self._worker.open)
        self._close.connect(self._worker.close)
        self._worker.chunk.connect(self.chunk)
        self._worker.failed.connect(self.failed)
        self._thread.start()

    def available(self) -> bool:
        return not QMediaDevices.defaultAudioInput().isNull() or bool(QMediaDevices.audioInputs())

    def start(self) -> None:
        self._open.emit()

    def stop(self) -> None:
        self._close.emit()

    def shutdown(self) -> None:
        """Close the device and end the capture thread (app exit, tests)."""
        self._close.emit()
        self._thread.quit()
        self._thread.wait(3000)
