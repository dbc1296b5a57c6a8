"""The microphone boundary for service tests: a QObject with the Microphone's interface
that delivers given PCM in 100 ms chunks, as fast as the test wants (the endpointer
counts samples, not wall-clock time)."""

from __future__ import annotations

import math
import struct

from PySide6.QtCore import QObject, Signal

CHUNK = 3200
SAMPLE_RATE = 16000


def tone(seconds: float, amplitude: int = 8000) -> bytes:
    """A voiced-looking signal for the endpointer (about -15 dBFS at the default)."""
    n = int(seconds * SAMPLE_RATE)
    return struct.pack(f"<{n}h", *(int(amplitude * math.sin(i * 0.2)) for i in range(n)))


def silence(seconds: float, noise: int = 0) -> bytes:
    """Digital silence, or a steady hum of the given amplitude."""
    n = int(seconds * SAMPLE_RATE)
    return struct.pack(f"<{n}h", *((noise if i % 2 else -noise) for i in range(n)))


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
        audio = pcm + silence(silence_s)
        for offset in range(0, len(audio), CHUNK):
            if self.open:
                self.chunk.emit(audio[offset : offset + CHUNK])
