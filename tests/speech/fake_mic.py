"""The microphone boundary for service tests: a QObject with the Microphone's interface
that delivers given PCM in 100 ms chunks, as fast as the test wants (the endpointer
counts samples, not wall-clock time)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

CHUNK = 3200


class FakeMicrophone(QObject):
    chunk = Signal(bytes)
    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.open = False

    def start(self) -> None:
        self.open = True

    def stop(self) -> None:
        self.open = False

    def play(self, pcm: bytes, *, silence_s: float = 2.0) -> None:
        """Speak pcm into the microphone, then trailing silence (seniors pause ≥ 1.5 s)."""
        audio = pcm + b"\0" * int(silence_s * 16000) * 2
        for offset in range(0, len(audio), CHUNK):
            if self.open:
                self.chunk.emit(audio[offset : offset + CHUNK])
