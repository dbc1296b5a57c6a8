"""Prompt PCM for the player: the volume step is multiplied into the samples."""

import array
import wave

import pytest

from kiosk.speech.pcm import load_pcm, scale
from kiosk.speech.player import step_gain


def test_scaling_covers_the_whole_signed_range():
    samples = array.array("h", [-32768, -20000, -1, 0, 1, 20000, 32767])
    assert list(scale(samples, 0.5)) == [-16384, -10000, 0, 0, 0, 10000, 16383]
    assert scale(samples, 1.0) == samples


def test_a_wav_is_loaded_in_its_own_format_with_the_gain_applied(tmp_path):
    path = tmp_path / "stereo.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(array.array("h", [10000, -10000] * 100).tobytes())
    pcm = load_pcm(path, step_gain(0))
    assert (pcm.rate, pcm.channels) == (16000, 2)
    assert list(array.array("h", pcm.data)[:2]) == [1000, -1000]  # −20 dB


@pytest.mark.parametrize("content", [b"", b"RIFF not really a wave file"])
def test_a_broken_file_is_refused_not_played(tmp_path, content):
    path = tmp_path / "broken.wav"
    path.write_bytes(content)
    with pytest.raises(ValueError):
        load_pcm(path, 1.0)
    with pytest.raises(ValueError):
        load_pcm(tmp_path / "missing.wav", 1.0)
