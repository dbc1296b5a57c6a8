"""Voice input on the kiosk screens (issue 7): what is said presses what could be tapped.

The recognizer here is the scripted stand-in of tests/speech/test_recognition_service.py
(the one installable model is Korean and cannot hear Chinese) behind the real VoiceInput,
fed by a fake microphone (this machine has none). The real model and a real microphone
path are in test_voice_ko.py.
"""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.app import build_app
from kiosk.identify.view_model import Identify
from kiosk.locale_pack import load_pack
from kiosk.speech.grammar import PhraseBook
from kiosk.speech.voice_input import VoiceInput
from kiosk.tour import settle
from tests.fixtures.audit import audit
from tests.fixtures.kiosk import RecordingSpeech, demo_citizens, make_config
from tests.fixtures.qml_tools import Tapper, answered, effectively_visible, find, items, scene_rect
from tests.speech.fake_mic import FakeMicrophone, tone
from tests.speech.test_recognition_service import ScriptedRecognizer

SPOKEN_DIGITS = {"0": "零", "1": "幺", "2": "二", "3": "三", "4": "四", "5": "五", "6": "六",
                 "7": "七", "8": "八", "9": "九", "X": "叉"}  # fmt: skip


@dataclasses.dataclass
class Rig:
    kiosk: object
    recognizers: list[ScriptedRecognizer]  # one per service built (a language switch builds one)
    mic: FakeMicrophone
    speech: RecordingSpeech
    tapper: Tapper

    @property
    def recognizer(self) -> ScriptedRecognizer:
        return self.recognizers[-1]

    def say(self, qtbot, text: str) -> None:
        """Tap 点我说话, then say `text` (the recognizer hears exactly that)."""
        self.recognizer.script.append(text)
        if not self.kiosk.voice.listening:
            self.tapper.tap("voiceTalk")
        assert self.mic.open, "点我说话 did not open the microphone"
        self.mic.play(tone(0.6))
        qtbot.waitUntil(lambda: not self.recognizer.script, timeout=5000)
        settle(30)


@pytest.fixture
def voice_kiosk(qapp):
    made = []

    def make(backend=None, *, orientation="portrait", large=False) -> Rig:
        from kiosk.api import ApiClient

        recognizers, mic = [], FakeMicrophone()

        def scripted(pack):
            recognizers.append(ScriptedRecognizer())
            return VoiceInput(recognizers[-1], mic, PhraseBook.from_pack(pack))

        client = ApiClient(backend.url, backend.terminal_token, retries=0) if backend else None
        speech = RecordingSpeech()
        config = make_config(display={"orientation": orientation})
        kiosk = build_app(config, api_client=client, speech=speech, voice=scripted)
        kiosk.preferences.setLargeText(large)
        kiosk.window.show()
        settle(30)
        made.append((kiosk, client))
        return Rig(kiosk, recognizers, mic, speech, Tapper(kiosk))

    yield make
    for kiosk, client in made:
        kiosk.close()
        if client is not None:
            client.close()
    settle(10)


def status(kiosk) -> str:
    return str(find(kiosk, "voiceStatus").property("text"))


def test_saying_a_tile_presses_it_and_shows_what_was_heard(qtbot, voice_kiosk):
    rig = voice_kiosk()
    kiosk = rig.kiosk
    assert "预约上门服务" in rig.recognizer.grammars[-1]  # the visible tiles are the grammar
    assert "返回" in rig.recognizer.grammars[-1]
    rig.tapper.tap("voiceTalk")
    assert kiosk.voice.listening and status(kiosk) == "正在听，请说话"
    assert find(kiosk, "voiceTalk").property("text") == "不说了"
    rig.say(qtbot, "预约 上门 服务")
    assert kiosk.navigator.current == "identify"  # what a tap on the tile does
    assert kiosk.navigator.pending == "booking"
    assert status(kiosk) == "我听到：预约上门服务"
    rig.say(qtbot, "返回")
    assert kiosk.navigator.current == "home"
    assert status(kiosk) == "我听到：返回"


def test_a_disabled_button_cannot_be_pressed_by_voice(qtbot, voice_kiosk):
    rig = voice_kiosk()
    heard = []
    rig.kiosk.voice.service.commandMatched.connect(heard.append)
    rig.say(qtbot, "返回")  # on home 返回 is disabled: understood, but nothing to press
    assert heard == ["back"]
    assert rig.kiosk.navigator.current == "home" and rig.kiosk.navigator.depth == 1


def test_unsure_match_asks_and_is_answered_by_touch_or_voice(qtbot, voice_kiosk):
    rig = voice_kiosk()
    kiosk = rig.kiosk
    rig.say(qtbot, "上门")
    question = find(kiosk, "voiceConfirmText").property("text")
    assert question == "您是说预约上门服务吗？"  # names the button (上门服务 is its synonym)
    assert rig.speech.said[-1] == question  # shown and spoken
    assert kiosk.navigator.current == "home"  # nothing pressed yet
    rig.tapper.tap("voiceConfirmNo")
    assert not find(kiosk, "voiceConfirm", visible=False).isVisible()
    assert kiosk.navigator.current == "home"

    rig.say(qtbot, "上门")
    qtbot.waitUntil(lambda: kiosk.voice.listening, timeout=3000)  # listens for 是 / 不是 itself
    rig.say(qtbot, "是")
    assert kiosk.navigator.current == "identify"
    assert not find(kiosk, "voiceConfirm", visible=False).isVisible()

    kiosk.navigator.home()
    rig.say(qtbot, "上门")
    rig.tapper.tap("voiceConfirmYes")
    assert kiosk.navigator.current == "identify"


def test_not_understood_is_said_and_shown(qtbot, voice_kiosk):
    rig = voice_kiosk()
    rig.say(qtbot, "今天 天气 很 好")
    assert status(rig.kiosk) == "我听到：今天天气很好 没听清，请再说一遍"
    assert rig.speech.said[-1].startswith("没听清")
    assert rig.kiosk.navigator.current == "home"


def test_a_touch_stops_listening_and_talk_toggles(qtbot, voice_kiosk):
    rig = voice_kiosk()
    rig.tapper.tap("voiceTalk")
    assert rig.mic.open
    rig.tapper.tap("voiceTalk")  # 不说了
    assert not rig.mic.open and not rig.kiosk.voice.listening
    rig.tapper.tap("voiceTalk")
    assert rig.mic.open
    rig.tapper.tap("textLarge")  # any other touch
    assert not rig.mic.open


def spoken(digits: str) -> str:
    return " ".join(SPOKEN_DIGITS[d] for d in digits)


def test_spoken_id_and_phone_with_one_group_asked_again(qtbot, voice_kiosk, live_backend):
    citizen = demo_citizens()[27]  # used by no other test (identifications are rate-limited)
    rig = voice_kiosk(live_backend)
    kiosk = rig.kiosk
    rig.say(qtbot, "预约")
    assert kiosk.navigator.current == "identify"
    assert "幺" in rig.recognizer.grammars[-1]  # digit tokens on the keypad screen
    id_number = citizen.id_number
    rig.say(qtbot, spoken(id_number[:6]))
    assert find(kiosk, "identifyEntry").property("text") == id_number[:6]  # shown as it arrives
    assert status(kiosk) == "我听到6个数字"  # how many, never the number itself twice
    wrong_birth = id_number[6:10] + "13" + id_number[12:14]  # month 13: the birth-date group
    rig.say(qtbot, spoken(wrong_birth + id_number[14:]))
    assert kiosk.identify.step == Identify.Step.ID
    assert kiosk.navigator.instruction == load_pack("zh_CN").spoken["voice.id_group.1"]
    assert rig.speech.said[-1] == kiosk.navigator.instruction
    rig.say(qtbot, spoken(id_number[6:14]))  # only that group again
    assert kiosk.identify.step == Identify.Step.PHONE
    assert kiosk.identify.state.id_number == id_number
    rig.say(qtbot, spoken(citizen.phone[-4:]))
    answered(kiosk)
    assert kiosk.identify.step == Identify.Step.CONFIRM
    rig.say(qtbot, "是")
    assert kiosk.session.identified
    assert kiosk.navigator.current == "booking"


def test_voice_bar_keeps_the_bottom_bar_in_place_and_passes_the_audit(qtbot, voice_kiosk):
    problems = {}
    for orientation in ("portrait", "landscape"):
        for large in (False, True):
            rig = voice_kiosk(orientation=orientation, large=large)
            kiosk = rig.kiosk
            bottom = scene_rect(find(kiosk, "bottomBar"))
            height = kiosk.window.height()
            assert bottom.bottom() == pytest.approx(height)
            bar = scene_rect(find(kiosk, "voiceBar"))
            assert bar.bottom() == pytest.approx(bottom.top())
            states = {}
            states["home"] = audit(kiosk)
            rig.tapper.tap("voiceTalk")
            kiosk.voice._level_changed(0.6)  # the meter as a voice moves it
            settle(10)
            assert effectively_visible(find(kiosk, "voiceLevel"))
            states["listening"] = audit(kiosk)
            rig.say(qtbot, "今天 天气 很 好")
            states["not-understood"] = audit(kiosk)
            rig.say(qtbot, "上门")
            states["confirm"] = audit(kiosk)
            rig.tapper.tap("voiceConfirmYes")
            states["identify"] = audit(kiosk)
            assert scene_rect(find(kiosk, "voiceBar")) == bar  # the same on every screen
            kiosk.navigator.home()
            kiosk.i18n.setLocale("en_US")  # longer labels: "Tap to speak" wraps at 特大
            settle(20)
            states["english-home"] = audit(kiosk)
            for state, found in states.items():
                if found:
                    problems[f"{orientation}-{large}-{state}"] = found
    assert not problems, problems


def test_touch_only_when_the_model_is_missing(qtbot, pulse_audio, kiosk_factory, tmp_path):
    # pulse_audio: Qt binds to one audio server per process; the real Microphone is built here.
    config = make_config(recognition={"model_zh_CN": str(tmp_path / "no-such-model")})
    kiosk = kiosk_factory(config=config)
    voice = kiosk.voice
    qtbot.waitUntil(lambda: voice.service.notice != "", timeout=15000)
    settle(20)
    talk = find(kiosk, "voiceTalk")
    assert not talk.isEnabled()
    assert status(kiosk) == "语音暂时用不了，请用手点按钮"
    tapper = Tapper(kiosk)
    tapper.tap("langEn")  # no English model configured: no voice bar at all
    assert not kiosk.voice.enabled
    assert not find(kiosk, "voiceBar", visible=False).isVisible()
    tapper.tap("tileHelp")  # touch works as always
    assert kiosk.navigator.current == "help"


def test_no_voice_bar_without_a_model(kiosk_factory):
    kiosk = kiosk_factory()
    assert not kiosk.voice.enabled
    assert not find(kiosk, "voiceBar", visible=False).isVisible()


def test_a_language_switch_rebuilds_voice_for_the_new_pack(qtbot, voice_kiosk):
    rig = voice_kiosk()
    kiosk = rig.kiosk
    first = kiosk.voice.service
    rig.tapper.tap("langEn")
    assert kiosk.voice.service is not first  # the English phrases (and model, when configured)
    assert rig.recognizers[0].state.name == "STOPPED"  # the old one was shut down
    label = load_pack("en_US").text("home.book").lower()
    assert label in rig.recognizer.grammars[-1] and "back" in rig.recognizer.grammars[-1]
    assert find(kiosk, "voiceTalk").property("text") == "Tap to speak"
    rig.say(qtbot, label)
    assert kiosk.navigator.current == "identify"


def test_an_idle_session_end_forgets_what_was_heard(qtbot, voice_kiosk):
    rig = voice_kiosk()
    rig.say(qtbot, "预约")
    assert status(rig.kiosk) == "我听到：预约"
    rig.kiosk.session.end()
    settle(20)
    assert status(rig.kiosk) == "说出按钮上的字"


def test_a_screen_without_voice_code_is_answered_by_its_button_labels(
    qtbot, voice_kiosk, live_backend
):
    """The booking services come from the backend; their tiles offer themselves by label."""
    citizen = demo_citizens()[28]  # used by no other test
    rig = voice_kiosk(live_backend)
    kiosk = rig.kiosk
    rig.tapper.tap("tileBook")
    rig.tapper.keys(citizen.id_number + citizen.phone_last4)
    answered(kiosk)
    rig.say(qtbot, "是")  # the identification's 是 button carries the yes command
    answered(kiosk)
    assert kiosk.navigator.current == "booking"
    tile = next(i for i in items(kiosk.window.contentItem())
                if i.objectName().startswith("service_") and effectively_visible(i))  # fmt: skip
    name = str(tile.property("text"))
    assert name in rig.recognizer.grammars[-1]
    rig.say(qtbot, " ".join(name))  # Vosk answers in words; the spaces do not matter
    answered(kiosk)
    assert kiosk.navigator.current == "booking_day"  # what a tap on the tile does


def test_an_open_overlay_is_answered_by_its_own_buttons_only(qtbot, voice_kiosk):
    rig = voice_kiosk()
    kiosk = rig.kiosk
    rig.tapper.tap("tileHelp")  # mid-visit: the idle warning can come
    kiosk.idle.advance(kiosk.config.idle.warning_after_s + 1)
    settle(20)
    assert kiosk.idle.warning
    grammar = rig.recognizer.grammars[-1]
    assert "继续" in grammar and "预约上门服务" not in grammar  # only what the overlay shows
    kiosk.voice.service.startListening()  # as after the spoken warning (listen_after_prompt)
    rig.say(qtbot, "首页")  # the bottom bar is under the overlay: nothing happens
    assert kiosk.navigator.current == "help" and kiosk.idle.warning
    kiosk.voice.service.startListening()
    rig.say(qtbot, "继续")
    assert not kiosk.idle.warning and kiosk.idle.extensions_used == 1
    assert "继续" not in rig.recognizer.grammars[-1] and "首页" in rig.recognizer.grammars[-1]
