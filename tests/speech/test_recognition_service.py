"""VoiceInput's dialogue logic: confirm with 是/不是, digits, refusals, half-duplex, stale results.

The recognizer here is scripted (it answers each utterance with the next given text):
Chinese cannot be recognized by the only installable model (Korean), and this checks what
the service does with a transcript. The real engine path is in test_recognition*.py.
"""

from __future__ import annotations

import threading

import pytest

from kiosk.locale_pack import load_pack
from kiosk.speech.grammar import Option, PhraseBook
from kiosk.speech.recognizer import State, Transcript
from kiosk.speech.voice_input import VoiceInput
from tests.speech.fake_mic import FakeMicrophone, tone

HOME = [Option("home.book", "预约上门服务"), Option("home.progress", "查询办理进度")]


class ScriptedRecognizer:
    """The Recognizer protocol; transcripts arrive from another thread, as from the child."""

    def __init__(self) -> None:
        self.state = State.READY
        self.notice = ""
        self.script: list[str] = []
        self.grammars: list[tuple[str, ...]] = []
        self.audio_bytes = 0
        self.cancelled = 0
        self._on_transcript = lambda t: None

    def subscribe(self, on_state, on_transcript) -> None:
        self._on_state = on_state
        self._on_transcript = on_transcript

    def crash(self) -> None:
        """The child died: the supervisor reports RESTARTING from its reader thread."""
        self.state = State.RESTARTING
        threading.Timer(0.01, self._on_state, [State.RESTARTING]).start()

    def set_grammar(self, phrases) -> None:
        self.grammars.append(tuple(phrases))

    def check_vocabulary(self, phrases) -> None:
        self.checked = list(phrases)

    def send_audio(self, pcm: bytes) -> None:
        self.audio_bytes += len(pcm)

    def end_utterance(self, utterance: str) -> None:
        text = self.script.pop(0)
        threading.Timer(0.01, self._on_transcript, [Transcript(utterance, text, 1.0, 1.0)]).start()

    def cancel_utterance(self) -> None:
        self.cancelled += 1

    def stop(self) -> None:
        self.state = State.STOPPED


@pytest.fixture
def rig(qtbot):
    recognizer = ScriptedRecognizer()
    mic = FakeMicrophone()
    voice = VoiceInput(recognizer, mic, PhraseBook.from_pack(load_pack("zh_CN")))
    voice.setGrammar(HOME)
    return voice, recognizer, mic


def say(qtbot, voice, mic, recognizer, text: str, signal):
    recognizer.script.append(text)
    if not voice.listening:
        voice.startListening()
    with qtbot.waitSignal(signal, timeout=5000) as blocker:
        mic.play(tone(0.6))
    return blocker.args


def test_matched_command(qtbot, rig):
    voice, recognizer, mic = rig
    heard = []
    voice.heard.connect(heard.append)
    assert say(qtbot, voice, mic, recognizer, "预约 上门 服务", voice.commandMatched) == [
        "home.book"
    ]
    assert heard == ["预约上门服务"]
    assert recognizer.audio_bytes > 0


def test_options_as_pairs_or_dicts(qtbot, rig):
    voice, recognizer, mic = rig
    voice.setGrammar([("home.orders", "我的预约"), {"id": "home.help", "label": "呼叫帮助"}])
    assert {"我的预约", "订单", "呼叫帮助"} <= set(recognizer.grammars[-1])  # 订单: a synonym
    assert say(qtbot, voice, mic, recognizer, "订单", voice.commandMatched) == ["home.orders"]


def test_unsure_match_asks_then_yes_dispatches(qtbot, rig):
    voice, recognizer, mic = rig
    assert say(qtbot, voice, mic, recognizer, "上门", voice.confirmNeeded) == ["上门服务"]
    assert set(recognizer.grammars[-1]) == {"是", "对", "确认", "不是", "取消", "[unk]"}
    qtbot.waitUntil(lambda: voice.listening, timeout=3000)  # listens for the answer by itself
    assert say(qtbot, voice, mic, recognizer, "是", voice.commandMatched) == ["home.book"]
    assert "预约上门服务" in recognizer.grammars[-1]  # the screen's grammar is back


def test_unsure_match_then_no_dispatches_nothing(qtbot, rig):
    voice, recognizer, mic = rig
    matched = []
    voice.commandMatched.connect(matched.append)
    say(qtbot, voice, mic, recognizer, "上门", voice.confirmNeeded)
    qtbot.waitUntil(lambda: voice.listening, timeout=3000)
    say(qtbot, voice, mic, recognizer, "不是", voice.heard)
    qtbot.wait(50)
    assert matched == []
    assert "预约上门服务" in recognizer.grammars[-1]


def test_unrelated_speech_is_not_understood(qtbot, rig):
    voice, recognizer, mic = rig
    assert say(qtbot, voice, mic, recognizer, "今天 天气 很 好", voice.notUnderstood) == [
        "今天天气很好"
    ]


def test_digits_on_a_number_entry_screen(qtbot, rig):
    voice, recognizer, mic = rig
    voice.setGrammar([], digits=True)
    assert "幺" in recognizer.grammars[-1]
    assert say(qtbot, voice, mic, recognizer, "幺 三 八", voice.digitsHeard) == ["138"]
    assert say(qtbot, voice, mic, recognizer, "零 零 二 叉", voice.digitsHeard) == ["002X"]
    assert say(qtbot, voice, mic, recognizer, "返回", voice.commandMatched) == ["back"]


def test_listening_waits_for_the_prompt_to_end(qtbot, rig):
    voice, recognizer, mic = rig
    voice.setSpeaking(True)
    voice.startListening()
    assert not voice.listening
    voice.setSpeaking(False)
    assert not voice.listening  # 0.5 s of grace: the kiosk's own echo is not a command
    qtbot.waitUntil(lambda: voice.listening, timeout=3000)


def test_listen_after_prompt(qtbot):
    recognizer = ScriptedRecognizer()
    voice = VoiceInput(recognizer, FakeMicrophone(), PhraseBook({}, {}), listen_after_prompt=True)
    voice.setSpeaking(True)
    voice.setSpeaking(False)
    qtbot.waitUntil(lambda: voice.listening, timeout=3000)


def test_touch_stops_listening_and_drops_the_utterance(qtbot, rig):
    voice, recognizer, mic = rig
    voice.startListening()
    mic.play(tone(0.6), silence_s=0.3)  # still speaking (no 1.5 s silence yet)
    voice.stopListening()
    assert not voice.listening and not mic.open
    assert recognizer.cancelled == 1
    assert recognizer.script == []  # no utterance was sent for decoding


def test_recognizer_going_away_stops_listening(qtbot, rig):
    voice, recognizer, mic = rig
    voice.startListening()
    with qtbot.waitSignal(voice.availableChanged) as blocker:
        recognizer.crash()
    assert blocker.args == [False]
    assert not voice.listening
    voice.startListening()
    assert not voice.listening  # no recognizer: the button does nothing, touch still works


def test_a_missing_microphone_means_touch_only(qtbot, rig):
    voice, recognizer, mic = rig
    voice.startListening()
    with qtbot.waitSignal(voice.availableChanged) as blocker:
        mic.failed.emit("no microphone")
    assert blocker.args == [False]
    assert voice.notice == "no microphone"
    assert not voice.listening and not mic.open
