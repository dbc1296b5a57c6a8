"""Checking a rendered prompt before anyone relies on it.

pyttsx3 2.99 sometimes writes no file at all (DESIGN.md "Voice"), and an engine can
write a header with no audio, or silence. A prompt that fails this check is rendered
again by the fallback path, so no prompt is ever silently skipped.
"""

from __future__ import annotations

import array
import math
import operator
import re
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

# espeak-ng speech peaks near 0 dBFS at amplitude 100; silence or a broken render sits
# far below these floors.
MIN_PEAK_DBFS = -30.0
MIN_RMS_DBFS = -45.0
# Seconds per spoken unit (a Chinese character, a Latin word, a digit): the fast rate is
# about 0.25 s a character, the slow rate about 0.55 s; the bounds leave room for pauses.
MIN_S_PER_UNIT = 0.08
MAX_S_PER_UNIT = 1.2
MAX_EXTRA_S = 3.0

_UNITS = re.compile(r"[\u3400-\u9fff]|\d|[A-Za-z]+")


@dataclass(frozen=True)
class WavCheck:
    ok: bool
    reason: str  # "" when ok
    duration_s: float = 0.0
    peak_dbfs: float = -math.inf
    rms_dbfs: float = -math.inf


def spoken_units(text: str) -> int:
    """How many things will be said: CJK characters, digits and Latin words."""
    return len(_UNITS.findall(text))


def _dbfs(value: float) -> float:
    return 20 * math.log10(value / 32768) if value > 0 else -math.inf


def read_samples(path: Path) -> tuple[array.array, int]:
    """16-bit mono/stereo PCM samples and the sample rate; raises ValueError otherwise."""
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2:
                raise ValueError("not 16-bit PCM")
            rate = wav.getframerate()
            frames = wav.readframes(wav.getnframes())
            channels = wav.getnchannels()
    except (wave.Error, EOFError) as exc:
        raise ValueError(f"not a WAV file ({exc})") from None
    samples = array.array("h", frames)
    if sys.byteorder == "big":
        samples.byteswap()
    return samples[::channels] if channels > 1 else samples, rate


def check_wav(path: Path | str, text: str) -> WavCheck:
    """A file exists, is a WAV, is not silent, and lasts plausibly long for the text."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size <= 44:
        return WavCheck(False, "no file or no audio")
    try:
        samples, rate = read_samples(path)
    except (OSError, ValueError) as exc:
        return WavCheck(False, str(exc))
    if not samples or rate <= 0:
        return WavCheck(False, "no audio")
    duration = len(samples) / rate
    peak = _dbfs(max(max(samples), -min(samples)))
    rms = _dbfs(math.sqrt(sum(map(operator.mul, samples, samples)) / len(samples)))
    result = {"duration_s": duration, "peak_dbfs": peak, "rms_dbfs": rms}
    if peak < MIN_PEAK_DBFS or rms < MIN_RMS_DBFS:
        return WavCheck(False, "silent", **result)
    units = max(spoken_units(text), 1)
    if not units * MIN_S_PER_UNIT <= duration <= units * MAX_S_PER_UNIT + MAX_EXTRA_S:
        return WavCheck(False, "implausible duration", **result)
    return WavCheck(True, "", **result)
