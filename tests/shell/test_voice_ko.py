"""The kiosk changes screen on a spoken word: end to end through a microphone, real model.

espeak-ng says a Korean word into a PulseAudio null sink; the kiosk's own Microphone
(QAudioSource on the remapped default input) hears it, the real Vosk child recognizes it
with the Korean model (the only one installable here, configured as `model_zh_CN`), and
the home tile it names is pressed. The kiosk runs in zh_CN; only its voice phrases come
from the test-only Korean pack (tests/speech/ko/ko_KR.toml): the Chinese labels of the
buttons are not in the Korean model's vocabulary and are dropped from the grammar.
"""

from __future__ import annotations

import tomllib
from types import SimpleNamespace

import pytest

from kiosk.app import build_app
from kiosk.shell.voice import voice_factory
from kiosk.tour import settle
from tests.fixtures.kiosk import RecordingSpeech, make_config
from tests.fixtures.qml_tools import Tapper, find
from tests.speech.ko.fixtures import PACK_PATH, model_path, synthesize

pytestmark = pytest.mark.slow


def korean_phrases() -> SimpleNamespace:
    """What build_voice_input reads from a locale pack, in Korean: each option's Korean
    label is one of its synonyms, keyed by the kiosk's ui key (home.book = 예약)."""
    data = tomllib.loads(PACK_PATH.read_text(encoding="utf-8"))
    synonyms = {
        key: [label, *data["synonyms"].get(key, [])] for key, label in data["options"].items()
    }
    return SimpleNamespace(locale="zh_CN", commands=data["commands"], synonyms=synonyms)


def test_a_spoken_word_through_the_microphone_opens_identification(
    qtbot, qapp, pulse_audio, speech_dir
):
    config = make_config(recognition={"model_zh_CN": model_path()})
    real = voice_factory(config)
    kiosk = build_app(config, speech=RecordingSpeech(), voice=lambda _pack: real(korean_phrases()))
    try:
        kiosk.window.show()
        # The model loads in the recognizer child process.
        qtbot.waitUntil(lambda: kiosk.voice.available, timeout=90000)
        settle(30)
        levels = []
        kiosk.voice.service.levelChanged.connect(levels.append)
        Tapper(kiosk).tap("voiceTalk")
        assert kiosk.voice.listening
        qtbot.wait(300)  # the capture thread opens the device
        wav = synthesize("예약", "ko", 140, speech_dir, wav=True)
        pulse_audio.run("paplay", str(wav))
        qtbot.waitUntil(lambda: kiosk.navigator.current == "identify", timeout=30000)
        assert kiosk.navigator.pending == "booking"  # as a tap on 预约上门服务 does
        settle(30)
        assert find(kiosk, "voiceStatus").property("text") == "我听到：예약"
        assert max(levels) > 0.3  # the level meter moved while the word was spoken
    finally:
        kiosk.close()
        settle(10)
