"""Energy-based end-of-utterance detection, tuned for seniors who pause mid-sentence.

Vosk 0.3.45's own endpointer cannot be tuned from Python (its rules live in the model's
conf/model.conf; the Korean and small Chinese models end a segment after 0.5 s of
silence), so the kiosk decides when an utterance is over: after speech, at least
`trailing_silence_s` (config recognition.trailing_silence_s, default 1.5 s) of frames
below an adaptive noise threshold. Time is counted in samples, not wall-clock, so audio
fed faster than real time (tests, benchmarks) ends at the same point.
"""

from __future__ import annotations

import math
from array import array
from enum import Enum

SAMPLE_RATE = 16000
FRAME = 480  # 30 ms
_SILENCE_DB = -96.0
_FIRST_FRAME_CAP_DB = -40.0


class Event(Enum):
    SPEECH = "speech"  # speech started
    END = "end"  # speech followed by enough trailing silence (or too long)
    TIMEOUT = "timeout"  # nothing said for no_speech_timeout_s


def level_db(pcm: bytes) -> float:
    """RMS level of int16 samples in dBFS (-96 for digital silence)."""
    samples = array("h", pcm[: len(pcm) - len(pcm) % 2])
    if not samples:
        return _SILENCE_DB
    mean_square = sum(s * s for s in samples) / len(samples)
    if mean_square <= 0:
        return _SILENCE_DB
    return max(_SILENCE_DB, 10 * math.log10(mean_square / (32768.0 * 32768.0)))


def meter(db: float) -> float:
    """0..1 for the listening indicator: -60 dBFS and below is 0, 0 dBFS is 1."""
    return min(1.0, max(0.0, (db + 60.0) / 60.0))


class Endpointer:
    def __init__(
        self,
        trailing_silence_s: float = 1.5,
        *,
        min_speech_s: float = 0.12,
        no_speech_timeout_s: float = 8.0,
        max_utterance_s: float = 12.0,
        margin_db: float = 12.0,
        floor_db: float = -50.0,
    ) -> None:
        self._trailing = int(trailing_silence_s * SAMPLE_RATE)
        self._min_speech = int(min_speech_s * SAMPLE_RATE)
        self._no_speech = int(no_speech_timeout_s * SAMPLE_RATE)
        self._max_utterance = int(max_utterance_s * SAMPLE_RATE)
        self._margin = margin_db
        self._floor = floor_db
        self.reset()

    def reset(self) -> None:
        self._pending = b""
        self._noise_db = _SILENCE_DB
        self._heard = 0  # samples since reset
        self._voiced_run = 0
        self._silent_run = 0
        self._speech_at: int | None = None
        self._done = False

    @property
    def in_speech(self) -> bool:
        return self._speech_at is not None and not self._done

    def feed(self, pcm: bytes) -> list[Event]:
        """Consume audio; return what happened in it (at most one END or TIMEOUT)."""
        events: list[Event] = []
        data = self._pending + pcm
        usable = len(data) - len(data) % (FRAME * 2)
        self._pending = data[usable:]
        for offset in range(0, usable, FRAME * 2):
            if self._done:
                break
            event = self._frame(level_db(data[offset : offset + FRAME * 2]))
            if event:
                events.append(event)
        return events

    def _frame(self, db: float) -> Event | None:
        if self._heard == 0:
            # The mic just opened: its first 30 ms are most likely the room. Capped, so a
            # senior who starts speaking at once is still heard (speech is ~-20 dBFS).
            self._noise_db = min(db, _FIRST_FRAME_CAP_DB)
        self._heard += FRAME
        voiced = db > max(self._noise_db + self._margin, self._floor)
        if voiced:
            self._voiced_run += FRAME
            self._silent_run = 0
        else:
            self._voiced_run = 0
            self._silent_run += FRAME
            self._noise_db = 0.95 * self._noise_db + 0.05 * db  # follows the room's hum
        if self._speech_at is None:
            if self._voiced_run >= self._min_speech:
                self._speech_at = self._heard - self._voiced_run
                return Event.SPEECH
            if self._heard >= self._no_speech:
                self._done = True
                return Event.TIMEOUT
            return None
        if (
            self._silent_run >= self._trailing
            or self._heard - self._speech_at >= self._max_utterance
        ):
            self._done = True
            return Event.END
        return None
