"""End to end through a microphone: a WAV played into a PulseAudio null sink, heard by
QAudioSource on the remapped default input, recognized by the real Vosk child process."""

from __future__ import annotations

import pytest

from kiosk.speech.mic import Microphone
from kiosk.speech.voice_input import VoiceInput
from tests.speech.ko.fixtures import ko_pack, synthesize

pytestmark = pytest.mark.slow


def test_spoken_command_through_pulseaudio_microphone(
    qtbot, pulse_audio, ko_recognizer, speech_dir
):
    book, options = ko_pack()
    mic = Microphone("")
    voice = VoiceInput(ko_recognizer, mic, book, trailing_silence_s=1.5)
    try:
        voice.setGrammar(options)
        qtbot.waitUntil(lambda: voice.available, timeout=60000)
        levels = []
        voice.levelChanged.connect(levels.append)
        voice.startListening()
        qtbot.wait(300)  # the capture thread opens the device
        wav = synthesize("예약", "ko", 140, speech_dir, wav=True)
        with qtbot.waitSignal(voice.commandMatched, timeout=30000) as matched:
            pulse_audio.run("paplay", str(wav))
        assert matched.args == ["home.book"]
        assert max(levels) > 0.3  # the level meter moved while the senior spoke
        assert not voice.listening
    finally:
        mic.shutdown()  # the session recognizer stays for other tests


def test_configured_input_device_is_found_by_name(pulse_audio, qapp):
    from kiosk.speech.mic import find_input_device

    device = find_input_device(pulse_audio.source)
    assert device is not None
    assert pulse_audio.source in bytes(device.id().data()).decode()
    fallback = find_input_device("no such microphone")  # logged; the default input is used
    assert fallback is not None and not fallback.isNull()
