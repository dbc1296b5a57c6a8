"""Prompt audio as raw PCM with the volume step already applied to the samples.

The player hands these bytes to a QAudioSink as they are, so a volume step never has to
reach into a live audio object (kiosk/speech/player.py says why). Scaling is pure
Python (no numpy; audioop is gone in Python 3.13): a lookup table per gain, indexed by
the signed sample itself (a negative index reads from the end of the table). For a 10 s
prompt that takes 15–30 ms here, so it runs on the player's preparation thread, in
chunks that leave the GIL to the GUI thread in between.
"""

from __future__ import annotations

import array
import sys
import time
import wave
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CHUNK_SAMPLES = 8192  # about 1 ms of scaling here


@dataclass(frozen=True)
class Pcm:
    data: bytes  # signed 16-bit samples, native byte order, channels interleaved
    rate: int
    channels: int


@lru_cache(maxsize=2)  # the current step, and the one before a change
def _gain_table(gain: float) -> list[int]:
    """table[s] = s·gain for every signed 16-bit s (s < 0 indexes from the end)."""
    return [int(s * gain) for s in range(32768)] + [int(s * gain) for s in range(-32768, 0)]


def scale(samples: array.array, gain: float) -> array.array:
    """Samples times gain (0 < gain ≤ 1, so nothing can clip).

    In chunks: one C-level map over a whole prompt would hold the GIL for its full
    15–30 ms, stalling the GUI thread; between chunks the GIL is handed over."""
    if gain >= 1.0:
        return samples
    lookup = _gain_table(round(gain, 6)).__getitem__
    scaled = array.array("h")
    for start in range(0, len(samples), CHUNK_SAMPLES):
        scaled.extend(map(lookup, samples[start : start + CHUNK_SAMPLES]))
        time.sleep(0)  # releases the GIL: a waiting GUI thread runs now, not in 5 ms
    return scaled


def load_pcm(path: Path, gain: float) -> Pcm:
    """The 16-bit PCM of a WAV file, scaled by gain; ValueError if it is not one."""
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2:
                raise ValueError("not 16-bit PCM")
            rate, channels = wav.getframerate(), wav.getnchannels()
            frames = wav.readframes(wav.getnframes())
    except (OSError, wave.Error, EOFError) as exc:
        raise ValueError(f"not a readable WAV file ({exc})") from None
    if not frames or rate <= 0 or channels <= 0:
        raise ValueError("no audio")
    samples = array.array("h", frames[: len(frames) // 2 * 2])
    if sys.byteorder == "big":  # WAV is little-endian; the sink takes native order
        samples.byteswap()
    return Pcm(scale(samples, gain).tobytes(), rate, channels)
