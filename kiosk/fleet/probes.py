"""What the heartbeat says about each peripheral: quick probes, each bounded in time.

States are the backend's: ok | disabled | paper_out | jam | offline | missing | error, with
the device's own reason code. The printer is asked through CUPS (`lpstat -l -p`), whose
printer-state reasons name paper-out (media-empty, media-needed) and jams (media-jam);
selftest's microphone and Vosk model checks are reused as they are.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from kiosk import selftest
from kiosk.config import KioskConfig

Runner = Callable[[list[str]], str]  # args -> stdout ("" when the command is missing or fails)
_REASONS = (  # (reason in lpstat's output, state), first match wins
    ("media-empty", "paper_out"),
    ("media-needed", "paper_out"),
    ("media-jam", "jam"),
    ("offline", "offline"),
    ("door-open", "error"),
)


def run_command(args: list[str]) -> str:
    if shutil.which(args[0]) is None:
        return ""
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout if done.returncode == 0 else ""


def printer_state(config: KioskConfig, run: Runner = run_command) -> dict:
    setting = config.devices.printer
    if setting.startswith("pdf:"):
        ok = selftest.check_printer(config).ok
        return {"state": "ok"} if ok else {"state": "error", "code": "pdf-dir-not-writable"}
    report = run(["lpstat", "-l", "-p"] + ([setting] if setting else []))
    if not report:
        return {"state": "missing", "code": "no-cups-printer"}
    lowered = report.lower()
    for reason, state in _REASONS:
        if reason in lowered:
            return {"state": state, "code": reason}
    if "disabled" in lowered:
        return {"state": "offline", "code": "disabled"}
    return {"state": "ok"}


def _from_check(check: selftest.Check, enabled: bool, missing_code: str) -> dict:
    if not enabled:
        return {"state": "disabled"}
    return {"state": "ok"} if check.ok else {"state": "missing", "code": missing_code}


def peripherals(config: KioskConfig, run: Runner = run_command) -> dict[str, dict]:
    speech_ok = shutil.which("espeak-ng") is not None
    voice = config.recognition.enabled
    return {
        "printer": printer_state(config, run),
        "card_reader": {"state": "ok" if config.devices.card_reader != "none" else "disabled"},
        "microphone": _from_check(selftest.check_microphone(config), voice, "no-input"),
        "voice_model": _from_check(selftest.check_recognition(config), voice, "no-model"),
        "speech_engine": _from_check(
            selftest.Check("speech", speech_ok, ""), config.speech.enabled, "no-espeak-ng"
        ),
    }


def disk_free_mb(path: Path) -> int:
    probe = path if path.exists() else Path.home()
    return int(shutil.disk_usage(probe).free // (1024 * 1024))
