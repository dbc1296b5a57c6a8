"""Rendering with the real engines: pyttsx3 in its child process, espeak-ng as fallback."""

import math
import wave

import pytest

from kiosk.speech.render import RATES_WPM, Renderer
from kiosk.speech.verify import check_wav, read_samples
from tests.speech.tts_hooks import HANG_MARKER

WELCOME = "欢迎使用智慧民政社区服务终端"
PYTTSX3_WRITES_NOTHING = "终端智慧欢迎使用请说"  # DESIGN.md: pyttsx3 2.99 alone gives no file
LONG = (
    "欢迎使用智慧民政社区服务终端，请选择您要办理的业务，"
    "预约上门服务请点第一个按钮，查询办理进度请点第二个按钮。"
)


def _chars_per_minute(path, text):
    samples, rate = read_samples(path)
    voiced = [i for i, value in enumerate(samples) if abs(value) > 300]
    seconds = (voiced[-1] - voiced[0]) / rate
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text) / seconds * 60


def test_a_chinese_prompt_renders_to_speech_of_plausible_length(shared_renderer, tmp_path):
    result = shared_renderer.render(
        WELCOME, "cmn", RATES_WPM["zh_CN"]["medium"], tmp_path / "a.wav"
    )
    assert result.path == tmp_path / "a.wav"
    assert result.check.ok, result.check
    assert result.check.peak_dbfs > -10
    assert 14 * 0.2 < result.check.duration_s < 14 * 0.6  # 14 characters at about 170 a minute


def test_a_text_pyttsx3_writes_nothing_for_falls_back_to_espeak_ng(tmp_path):
    renderer = Renderer(engine_hook="tests.speech.tts_hooks:writes_nothing")
    try:
        result = renderer.render(PYTTSX3_WRITES_NOTHING, "cmn", 180, tmp_path / "b.wav")
    finally:
        renderer.close()
    assert result.engine == "espeak-ng"
    assert renderer.fallbacks == 1
    assert check_wav(tmp_path / "b.wav", PYTTSX3_WRITES_NOTHING).ok


def test_the_real_engine_path_renders_the_troublesome_text(shared_renderer, tmp_path):
    result = shared_renderer.render(PYTTSX3_WRITES_NOTHING, "cmn", 180, tmp_path / "c.wav")
    assert result.check.ok, result.check
    assert result.check.duration_s > 10 * 0.2


def test_the_watchdog_recovers_a_hanging_worker(tmp_path):
    renderer = Renderer(timeout_s=2.0, engine_hook="tests.speech.tts_hooks:hanging")
    try:
        stuck = renderer.render(f"{HANG_MARKER}，正在查询", "cmn", 180, tmp_path / "d.wav")
        assert renderer.worker.restarts == 1
        assert stuck.engine == "espeak-ng" and stuck.check.ok  # the prompt was still spoken
        after = renderer.render(WELCOME, "cmn", 180, tmp_path / "e.wav")
    finally:
        renderer.close()
    assert after.engine == "pyttsx3"  # a fresh worker serves the next render
    assert after.check.ok


def test_pyttsx3_noise_does_not_reach_our_stdout(shared_renderer, tmp_path, capfd):
    shared_renderer.render("您好", "cmn", 180, tmp_path / "f.wav")
    assert "Audio saved" not in capfd.readouterr().out


def test_rates_match_the_accessibility_targets(shared_renderer, tmp_path):
    measured = {}
    for name, wpm in RATES_WPM["zh_CN"].items():
        result = shared_renderer.render(LONG, "cmn", wpm, tmp_path / f"{name}.wav")
        assert result.check.ok
        measured[name] = _chars_per_minute(result.path, LONG)
    assert measured["slow"] <= 120, measured
    assert 150 <= measured["medium"] <= 190, measured  # ≈ 170 字/分
    assert measured["fast"] > measured["medium"] + 15, measured


def _write_wav(path, samples, rate=22050):
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(b"".join(int(s).to_bytes(2, "little", signed=True) for s in samples))


def test_verify_rejects_missing_empty_silent_and_truncated_audio(tmp_path):
    assert check_wav(tmp_path / "missing.wav", WELCOME).reason == "no file or no audio"
    _write_wav(tmp_path / "empty.wav", [])
    assert not check_wav(tmp_path / "empty.wav", WELCOME).ok
    _write_wav(tmp_path / "silent.wav", [0] * 22050 * 4)
    assert check_wav(tmp_path / "silent.wav", WELCOME).reason == "silent"
    tone = [12000 * math.sin(i / 10) for i in range(2205)]  # 0.1 s for 14 characters
    _write_wav(tmp_path / "short.wav", tone)
    assert check_wav(tmp_path / "short.wav", WELCOME).reason == "implausible duration"
    (tmp_path / "junk.wav").write_bytes(b"RIFF" + b"\0" * 100)
    assert not check_wav(tmp_path / "junk.wav", WELCOME).ok


def test_no_espeak_ng_means_unavailable_and_nothing_crashes(tmp_path):
    renderer = Renderer(espeak_binary=str(tmp_path / "no-such-espeak-ng"))
    assert not renderer.available()
    result = renderer.render(WELCOME, "cmn", 180, tmp_path / "g.wav")
    assert result.path is None and not (tmp_path / "g.wav").exists()


@pytest.mark.parametrize("attempts", [Renderer.MAX_FAILURES])
def test_an_engine_that_keeps_failing_becomes_unavailable(tmp_path, attempts):
    renderer = Renderer(
        espeak_binary="/bin/false", engine_hook="tests.speech.tts_hooks:writes_nothing"
    )
    try:
        assert renderer.available()
        results = [
            renderer.render(WELCOME, "cmn", 180, tmp_path / f"{i}.wav") for i in range(attempts)
        ]
    finally:
        renderer.close()
    assert all(r.path is None for r in results)
    assert not renderer.available()
    assert not list(tmp_path.glob("*.wav"))  # no half-written files left behind
