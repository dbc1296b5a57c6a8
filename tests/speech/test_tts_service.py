"""SpeechService end to end: real render worker, real cache, real QtMultimedia playback into
a PulseAudio null sink (recorded from its monitor where the test measures audio)."""

import array
import math
import subprocess
import sys
import textwrap

import pytest

from kiosk.config import KioskConfig, SpeechConfig
from kiosk.speech.player import step_gain
from kiosk.speech.render import Renderer
from kiosk.speech.service import SpeechService
from tests.speech.tts_hooks import HANG_MARKER

STATIC = "欢迎使用，请选择业务。"
DYNAMIC = "王某明，您好。"
WAIT_MS = 20_000  # generous: two cores shared by the whole suite


@pytest.fixture
def make_service(pulse_audio, qtbot, speech_config):
    services = []

    def make(config: KioskConfig = speech_config, **kwargs) -> SpeechService:
        kwargs.setdefault("static_prompts", lambda locale: [STATIC])
        service = SpeechService(config, **kwargs)
        services.append(service)
        return service

    yield make
    for service in services:
        service.close()


def _say_until_started(qtbot, service, text):
    with qtbot.waitSignal(service.started, timeout=WAIT_MS):
        service.say(text)


def _say_and_finish(qtbot, service, text):
    with qtbot.waitSignal(service.started, timeout=WAIT_MS):
        service.say(text)
    with qtbot.waitSignal(service.finished, timeout=WAIT_MS):
        pass


def test_a_prompt_is_rendered_played_and_reported(qtbot, make_service):
    service = make_service()
    changes = []
    service.speakingChanged.connect(changes.append)
    assert service.available()
    _say_and_finish(qtbot, service, "您好")
    assert changes == [True, False]
    assert not service.is_speaking()


def test_a_cached_prompt_is_not_synthesized_again(qtbot, make_service, speech_config):
    service = make_service()
    _say_until_started(qtbot, service, STATIC)
    _say_until_started(qtbot, service, DYNAMIC)
    assert service.renderer.renders == 2
    _say_until_started(qtbot, service, STATIC)  # 重听
    _say_until_started(qtbot, service, DYNAMIC)
    assert service.renderer.renders == 2
    # Static prompts persist for the next start of the kiosk; the dynamic one does not.
    service.close()
    again = make_service(speech_config)
    _say_until_started(qtbot, again, STATIC)
    assert again.renderer.renders == 0


def test_dynamic_prompts_never_reach_the_persistent_cache(qtbot, make_service, speech_config):
    service = make_service()
    _say_until_started(qtbot, service, STATIC)
    _say_until_started(qtbot, service, DYNAMIC)
    persistent = list((tmp := service.cache.static_dir).rglob("*.wav"))
    assert [p.name for p in persistent] == [service.cache.static_path(STATIC, "cmn", 180).name]
    session = service.cache.session_path(DYNAMIC, "cmn", 180)
    assert session.is_file() and tmp not in session.parents
    service.reset()  # session end
    assert not session.exists()
    _say_until_started(qtbot, service, DYNAMIC)
    assert service.renderer.renders == 3  # rendered again after the session ended
    service.close()
    assert not session.parent.exists()  # the session directory is gone with the service


def test_numbers_are_spoken_as_words_whoever_passes_the_text(qtbot, make_service):
    """say() is the one gate: digits left in any sentence are rendered as words, so the text
    with digits and the same text written in words are one prompt (rendered once)."""
    service = make_service(static_prompts=lambda locale: ["正在社区公示 7 天，12月3日 9:00 结束。"])
    _say_until_started(qtbot, service, "正在社区公示 7 天，12月3日 9:00 结束。")
    _say_until_started(qtbot, service, "正在社区公示七天，十二月三日上午九点结束。")
    assert service.renderer.renders == 1
    spoken_as = service.cache.static_path("正在社区公示七天，十二月三日上午九点结束。", "cmn", 180)
    assert spoken_as.is_file(), "static, and stored under the words actually spoken"


def test_a_touch_stops_playback_at_once(qtbot, make_service):
    service = make_service()
    _say_until_started(qtbot, service, STATIC)
    finished = []
    service.finished.connect(lambda: finished.append(True))
    service.stop()  # synchronous: stopped when it returns, well within 100 ms
    assert finished == [True]
    assert not service.is_speaking()


def test_a_new_prompt_replaces_the_one_playing(qtbot, make_service):
    service = make_service()
    _say_until_started(qtbot, service, STATIC)
    changes = []
    service.speakingChanged.connect(changes.append)
    _say_until_started(qtbot, service, DYNAMIC)
    assert changes == []  # still speaking throughout: timers stay paused
    service.stop()
    assert changes == [False]


def _recorded_peak_dbfs(qtbot, pulse_audio, service, text, tmp_path):
    raw = tmp_path / "monitor.raw"
    recorder = subprocess.Popen(
        [
            "parec",
            "-d",
            f"{pulse_audio.sink}.monitor",
            "--raw",
            "--format=s16le",
            "--rate=22050",
            "--channels=1",
            str(raw),
        ],
        env=pulse_audio.env,
    )
    try:
        _say_and_finish(qtbot, service, text)
    finally:
        recorder.terminate()
        recorder.wait(10)
    samples = array.array("h", raw.read_bytes())
    peak = max(max(samples, default=0), -min(samples, default=0))
    return 20 * math.log10(max(peak, 1) / 32768)


def test_volume_steps_span_at_least_18_db_at_the_loudspeaker(
    qtbot, make_service, pulse_audio, tmp_path
):
    assert 20 * math.log10(step_gain(5) / step_gain(0)) == pytest.approx(20)
    service = make_service()
    service.set_volume_step(5)
    loud = _recorded_peak_dbfs(qtbot, pulse_audio, service, "您好", tmp_path)
    service.set_volume_step(0)
    quiet = _recorded_peak_dbfs(qtbot, pulse_audio, service, "您好", tmp_path)
    assert loud > -12, loud  # the prompt really reached the sink
    assert loud - quiet >= 18, (loud, quiet)


def test_reset_restores_rate_volume_and_locale(make_service):
    service = make_service()
    service.set_rate("slow")
    service.set_volume_step(5)
    service.set_locale("en_US")
    service.set_rate("warp")  # bad input is ignored
    service.set_volume_step(99)  # clamped
    assert (service.rate, service.volume_step, service.locale) == ("slow", 5, "en_US")
    service.reset()
    assert (service.rate, service.volume_step, service.locale) == ("medium", 3, "zh_CN")


def test_a_hanging_engine_is_recovered_and_the_prompt_still_spoken(
    qtbot, make_service, speech_config
):
    renderer = Renderer(timeout_s=2.0, engine_hook="tests.speech.tts_hooks:hanging")
    service = make_service(renderer=renderer)
    _say_until_started(qtbot, service, f"{HANG_MARKER}，正在为您查询。")
    assert renderer.worker.restarts == 1
    _say_until_started(qtbot, service, DYNAMIC)
    assert renderer.fallbacks == 1  # only the hanging render needed espeak-ng
    assert service.available()


def test_without_espeak_ng_the_kiosk_stays_silent_and_nothing_crashes(
    qtbot, make_service, tmp_path
):
    service = make_service(renderer=Renderer(espeak_binary=str(tmp_path / "missing-espeak-ng")))
    assert not service.available()
    with qtbot.assertNotEmitted(service.started, wait=300):
        service.say(STATIC)
    assert not service.is_speaking()
    service.stop()
    service.reset()


def test_a_failing_engine_turns_speech_off(qtbot, make_service):
    renderer = Renderer(
        espeak_binary="/bin/false", engine_hook="tests.speech.tts_hooks:writes_nothing"
    )
    service = make_service(renderer=renderer)
    for attempt in range(Renderer.MAX_FAILURES):
        with qtbot.waitSignal(
            service.speakingChanged, timeout=WAIT_MS, check_params_cb=lambda s: not s
        ):
            service.say(f"{DYNAMIC}{attempt}")
    assert not service.available()
    service.say(STATIC)
    assert not service.is_speaking()


def test_playback_without_any_audio_device_still_finishes(tmp_path):
    """No sound card and no PulseAudio: Qt plays on its own clock; nothing hangs or crashes."""
    runtime = tmp_path / "xdg"
    runtime.mkdir(mode=0o700)
    script = textwrap.dedent(
        f"""
        import os, sys
        os.environ["XDG_RUNTIME_DIR"] = {str(runtime)!r}
        os.environ.pop("PULSE_SERVER", None)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QCoreApplication, QTimer
        from kiosk.config import KioskConfig, SpeechConfig
        from kiosk.speech.service import SpeechService
        app = QCoreApplication([])
        service = SpeechService(KioskConfig(speech=SpeechConfig(cache_dir={str(tmp_path / "c")!r})))
        service.finished.connect(lambda: (print("finished"), app.quit()))
        QTimer.singleShot(0, lambda: service.say("您好"))
        QTimer.singleShot(20000, lambda: (print("timeout"), app.quit()))
        app.exec()
        service.close()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=str(tmp_path),
        env={
            **__import__("os").environ,
            "PYTHONPATH": str(__import__("pathlib").Path(__file__).parents[2]),
        },
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "finished"


def test_saying_the_same_prompt_twice_quickly_renders_it_once(qtbot, make_service):
    service = make_service()
    service.say(DYNAMIC)
    _say_until_started(qtbot, service, DYNAMIC)  # 重听 tapped before the first render ended
    assert service.renderer.renders == 1


def test_speech_disabled_in_config_means_unavailable(make_service, tmp_path):
    config = KioskConfig(speech=SpeechConfig(enabled=False, cache_dir=str(tmp_path / "v")))
    assert not make_service(config).available()


def test_voice_turned_off_and_on_at_run_time(qtbot, make_service):
    """speech.enabled as a remote setting (issue 15): off stops the prompt playing and keeps
    the kiosk silent; on again speaks."""
    service = make_service()
    _say_until_started(qtbot, service, "您好")
    with qtbot.waitSignal(service.availableChanged, timeout=WAIT_MS):
        service.set_enabled(False)
    assert not service.available() and not service.is_speaking()
    service.say("您好")
    assert not service.is_speaking(), "nothing queued while voice is off"
    service.set_enabled(True)
    assert service.available()
    _say_and_finish(qtbot, service, "您好")
