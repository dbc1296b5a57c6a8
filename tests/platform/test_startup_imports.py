"""The home screen comes up without what it does not need (issue 11, start-up).

A fresh interpreter runs `kiosk run`'s own start path (kiosk.app.start: embedded demo
backend, real speech, the window shown, the welcome queued) to the first frame of the
home screen and lists sys.modules there. Voice matching (pypinyin, rapidfuzz), the HTTP
client (requests), QR codes and Pillow, printing (QtPrintSupport, QtWidgets), audio
(QtMultimedia: the welcome is spoken after the first frame), the speech cache's engine
version (importlib.metadata), the selftest and the backend's web stack are loaded later, off the GUI thread, when first needed; importing any of them at start-up again would cost the first frame tenths of a
second and tens of MiB (benchmarks/startup.py has the figures).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFERRED = (
    "pypinyin", "rapidfuzz", "vosk", "requests", "urllib3", "qrcode", "PIL",
    "PySide6.QtPrintSupport", "PySide6.QtWidgets", "PySide6.QtMultimedia", "kiosk.api.client",
    "kiosk.devices.receipt_page", "kiosk.selftest", "importlib.metadata", "backend", "fastapi",
    "sqlalchemy",
)  # fmt: skip
# What the home screen does need: a listing without these did not come from a real start.
NEEDED = ("kiosk.app", "kiosk.shell.navigator", "PySide6.QtQuick", "kiosk.speech.service")

# argv: data dir, until ("frame": the first home frame; a module: until the warm-ups
# imported it, at most 60 s later), modules imported before the start.
PROBE = """
import json, sys, time
for name in sys.argv[3:]:
    __import__(name)  # a deliberately bad start: something deferred imported up front
from PySide6.QtCore import QTimer
from kiosk.app import start
from kiosk.config import load_config

data, until = sys.argv[1], sys.argv[2]
env = {"KIOSK_BACKEND_DEMO_DATA_DIR": data, "KIOSK_SPEECH_CACHE_DIR": data + "/voices"}
running = start(load_config(env=env), windowed=True)
give_up = time.monotonic() + 60

def report():
    if until == "frame" or until in sys.modules or time.monotonic() > give_up:
        print("MODULES " + json.dumps(sorted(sys.modules)), flush=True)
        running.qt_app.quit()
    else:
        QTimer.singleShot(50, report)

def frame():
    if running.kiosk.navigator.current == "home":
        running.kiosk.window.frameSwapped.disconnect(frame)
        report()

running.kiosk.window.frameSwapped.connect(frame)
sys.exit(running.exec())
"""


def modules_at(data_dir: Path, *first: str, until: str = "frame") -> set[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir), until, *first],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith("MODULES ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    return set(json.loads(lines[0].removeprefix("MODULES ")))


def deferred_loaded(modules: set[str]) -> list[str]:
    """The deferred packages (or any of their submodules) among modules."""
    return [d for d in DEFERRED if any(m == d or m.startswith(d + ".") for m in modules)]


def test_the_home_screen_starts_without_the_deferred_modules(tmp_path):
    modules = modules_at(tmp_path)
    assert set(NEEDED) <= modules
    assert deferred_loaded(modules) == []


def test_the_check_fails_when_a_deferred_module_is_imported_at_start(tmp_path):
    modules = modules_at(tmp_path, "kiosk.api.client")
    assert set(NEEDED) <= modules
    assert {"requests", "urllib3", "kiosk.api.client"} <= set(deferred_loaded(modules))


def test_after_the_first_frame_the_warm_ups_load_what_a_gui_thread_may_need(tmp_path):
    """A view model may draw its first QR code on the GUI thread: the warm-up thread imports
    qrcode and Pillow first. Voice matching stays unloaded without a voice model."""
    modules = modules_at(tmp_path, until="PIL.PngImagePlugin")
    assert {"qrcode", "PIL", "PIL.PngImagePlugin"} <= modules
    assert "pypinyin" not in modules
