"""Voice guidance in the running kiosk (issue 6): what entering a screen, a touch, the idle
warning, 重听 and the rate/volume settings do to speech, with the recording stand-in and with
the real SpeechService (espeak-ng render, QAudioSink into a PulseAudio null sink) behind the
real window.

Errors and the booking receipt are spoken: tests/identify/test_identify.py, test_network_states.py,
test_booking.py (receipt and its 重听)."""

from __future__ import annotations

import pytest

from kiosk import selftest
from kiosk.config import KioskConfig
from kiosk.speech.service import SpeechService, build_speech
from tests.fixtures.kiosk import make_config
from tests.fixtures.qml_tools import Tapper, find

WAIT_MS = 20_000


@pytest.mark.parametrize("speak_on_enter", [True, False])
def test_entering_a_screen_speaks_its_prompt_as_configured(kiosk_factory, speak_on_enter):
    kiosk = kiosk_factory(config=make_config(speech={"speak_on_enter": speak_on_enter}))
    prompt = kiosk.i18n.pack.screen_prompt("help")
    tapper = Tapper(kiosk)
    tapper.tap("tileHelp")
    assert kiosk.speech.said[-1:] == ([prompt] if speak_on_enter else [])
    tapper.tap("navRepeat")  # 重听 speaks either way
    assert kiosk.speech.said[-1] == prompt


def test_the_idle_warning_is_spoken(kiosk_factory):
    kiosk = kiosk_factory()
    Tapper(kiosk).tap("tileHelp")
    kiosk.idle.advance(kiosk.config.idle.warning_after_s)
    assert kiosk.idle.warning
    assert kiosk.speech.said[-1] == kiosk.i18n.pack.spoken["idle.warning"]


def _real_speech(tmp_path, **speech) -> tuple[KioskConfig, SpeechService]:
    config = make_config(speech={"cache_dir": str(tmp_path / "voices"), **speech})
    return config, build_speech(config)


def test_a_touch_anywhere_stops_the_real_speech(qtbot, pulse_audio, kiosk_factory, tmp_path):
    config, speech = _real_speech(tmp_path)
    try:
        kiosk = kiosk_factory(config=config, speech=speech)
        tapper = Tapper(kiosk)
        with qtbot.waitSignal(speech.started, timeout=WAIT_MS):
            kiosk.navigator.home()  # the welcome, as `kiosk run` speaks it once the window is up
        assert speech.is_speaking()
        finished = []
        speech.finished.connect(lambda: finished.append(True))
        tapper.tap_item(find(kiosk, "screenTitle"))  # not a button: just a finger on the glass
        assert finished == [True], "stopped by the window's touch filter (stop() is synchronous)"
        assert not speech.is_speaking()
        with qtbot.waitSignal(speech.started, timeout=WAIT_MS):
            tapper.tap("navRepeat")  # 重听 plays the prompt again (from the session's renders)
        assert speech.renderer.renders == 1
    finally:
        speech.close()


def test_rate_and_volume_by_the_senior_and_the_operator_all_reset_at_session_end(
    pulse_audio, kiosk_factory, tmp_path
):
    """慢/中/快 and 音量 小/中/大 on the home screen; volume steps in the operator panel too
    (test_operator.py taps them behind the PIN; here the slot its buttons call)."""
    config, speech = _real_speech(tmp_path)
    try:
        kiosk = kiosk_factory(config=config, speech=speech)
        tapper = Tapper(kiosk)
        tapper.tap("rate_slow")
        assert kiosk.preferences.rate == speech.rate == "slow"
        assert find(kiosk, "rate_slow").property("selected")
        assert speech.is_speaking(), "the prompt is spoken again at once, at the new rate"
        tapper.tap("rate_fast")
        assert speech.rate == "fast" and not find(kiosk, "rate_slow").property("selected")
        tapper.tap("volume_large")
        assert speech.volume_step == 5 and find(kiosk, "volume_large").property("selected")
        assert speech.is_speaking(), "heard at once, at the new volume"
        tapper.tap("volume_small")
        assert speech.volume_step == 1 and not find(kiosk, "volume_large").property("selected")
        for _ in range(10):
            kiosk.operator.changeVolume(1)
        assert speech.volume_step == 5
        for _ in range(10):
            kiosk.operator.changeVolume(-1)
        assert speech.volume_step == 0
        kiosk.session.end()
        assert (speech.rate, speech.volume_step) == (config.speech.rate, config.speech.volume_step)
        assert (kiosk.preferences.rate, kiosk.preferences.volumeStep) == ("medium", 3)
        assert find(kiosk, "rate_medium").property("selected")
        assert find(kiosk, "volume_medium").property("selected")
    finally:
        speech.close()


def test_without_espeak_ng_the_kiosk_works_silently_and_selftest_says_so(
    qtbot, pulse_audio, kiosk_factory, tmp_path, monkeypatch
):
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng on this kiosk
    config, speech = _real_speech(tmp_path)
    try:
        assert not speech.available()
        kiosk = kiosk_factory(config=config, speech=speech)
        tapper = Tapper(kiosk)
        with qtbot.assertNotEmitted(speech.started, wait=300):
            for name in ("rate_slow", "tileHelp", "navRepeat", "navBack"):
                tapper.tap(name)
        assert kiosk.navigator.current == "home" and not speech.is_speaking()
        check = selftest.check_speech(config)
        assert not check.ok and "runs silently" in check.detail and "espeak-ng" in check.fix
    finally:
        speech.close()
