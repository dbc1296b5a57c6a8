"""`kiosk selftest` and the operator panel: is each part this kiosk needs present and working?

Every check returns a Check, never raises, and is bounded in time (subprocess and HTTP
timeouts, and an overall per-check limit), so a wedged device cannot hang the panel.
No check needs a Qt GUI: they run in a worker thread, or in the plain CLI.
"""

from __future__ import annotations

import ctypes.util
import importlib.util
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from kiosk.config import KioskConfig
from kiosk.embedded_backend import BackendEndpoint, BackendStartError, backend_for
from kiosk.terminal import qt_platform

ESSENTIAL = ("backend", "fonts")
CHECK_TIMEOUT_S = 30.0
_CMD_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class Check:
    name: str  # backend | fonts | speech | microphone | recognition | printer | display
    ok: bool
    detail: str  # what was found, for the operator (no citizen data)
    fix: str = ""  # what to do when not ok
    essential: bool = False  # the kiosk cannot serve anyone without it


def _run(args: list[str], timeout: float = _CMD_TIMEOUT_S) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)


def _health(endpoint: BackendEndpoint, config: KioskConfig) -> Check:
    import requests  # only this check needs it

    fix = "check backend.url and the network, or leave backend.url empty for the demo"
    timeouts = (config.backend.connect_timeout_s, config.backend.read_timeout_s)
    try:
        reply = requests.get(f"{endpoint.url}/api/v1/health", timeout=timeouts)
        body = reply.json() if reply.ok else {}
    except (requests.RequestException, ValueError) as exc:
        return Check("backend", False, f"{endpoint.url}: {type(exc).__name__}", fix)
    if not isinstance(body, dict) or body.get("status") != "ok":
        return Check("backend", False, f"{endpoint.url}: HTTP {reply.status_code}", fix)
    mode = "demo backend" if endpoint.demo else "backend"
    return Check("backend", True, f"{mode} {body.get('version', '?')} at {endpoint.url}")


def check_backend(config: KioskConfig, endpoint: BackendEndpoint | None = None) -> Check:
    """Health of the given (running) endpoint, else of the configured or a fresh demo backend."""
    if endpoint is not None:
        return _health(endpoint, config)
    handle = backend_for(config)
    try:
        try:
            endpoint = handle.start().result(timeout=CHECK_TIMEOUT_S * 0.75)
        except FutureTimeout:
            return Check("backend", False, "the demo backend did not start in time",
                         "see the demo backend log (docs/operations.md)")  # fmt: skip
        except BackendStartError as exc:
            return Check(
                "backend", False, str(exc), "run `make demo` once, then see docs/operations.md"
            )
        return _health(endpoint, config)
    finally:
        handle.stop()


def check_fonts(config: KioskConfig) -> Check:
    fix = "apt-get install fonts-noto-cjk"
    if not shutil.which("fc-list"):
        return Check("fonts", False, "fc-list (fontconfig) not found", "apt-get install fontconfig")
    families = _run(["fc-list", ":lang=zh", "family"]).stdout
    cjk = sorted({f.split(",")[0] for f in families.splitlines() if "Noto Sans CJK" in f})
    if not cjk:
        return Check("fonts", False, "no Noto Sans CJK font", fix)
    return Check("fonts", True, next((f for f in cjk if f.endswith(" SC")), cjk[0]))


def check_speech(config: KioskConfig) -> Check:
    if not config.speech.enabled:
        return Check("speech", True, "disabled in config (speech.enabled = false)")
    fix = "apt-get install espeak-ng libespeak-ng1; pip install pyttsx3"
    missing = [
        name
        for name, present in (
            ("espeak-ng", shutil.which("espeak-ng")),
            ("libespeak-ng1", ctypes.util.find_library("espeak-ng")),
            ("pyttsx3", importlib.util.find_spec("pyttsx3")),
        )
        if not present
    ]
    if missing:
        return Check("speech", False, f"missing {', '.join(missing)}: the kiosk runs silently", fix)
    locale = config.display.locale
    voice = getattr(config.speech, f"voice_{locale}")
    # pyttsx3 silently falls back to its default voice, so ask espeak-ng itself (-q: no audio).
    if _run(["espeak-ng", "-v", voice, "-q", "x"]).returncode:
        return Check("speech", False, f"espeak-ng has no voice {voice!r}",
                     f"set speech.voice_{locale} to one of `espeak-ng --voices`")  # fmt: skip
    # A real render through the kiosk's own path: pyttsx3 worker, verification, fallback.
    from kiosk.speech.render import RATES_WPM, Renderer

    renderer = Renderer(timeout_s=config.speech.render_timeout_s)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            result = renderer.render(
                "您好", voice, RATES_WPM[locale]["medium"], Path(tmp) / "t.wav"
            )
    finally:
        renderer.close()
    if not result.check.ok:
        return Check("speech", False, f"voice {voice!r} does not render ({result.check.reason})",
                     f"check speech.voice_{locale} (`espeak-ng --voices`)")  # fmt: skip
    how = "pyttsx3" if result.engine == "pyttsx3" else "the espeak-ng fallback (pyttsx3 failed)"
    return Check("speech", True, f"voice {voice} renders with {how}")


def _pulse_sources() -> list[str] | None:
    """Capture sources PulseAudio offers (monitors excluded: Qt ignores them); None: no server."""
    if not shutil.which("pactl"):
        return None
    done = _run(["pactl", "list", "short", "sources"])
    if done.returncode:
        return None
    names = [line.split("\t")[1] for line in done.stdout.splitlines() if "\t" in line]
    return [n for n in names if not n.endswith(".monitor")]


def check_microphone(config: KioskConfig) -> Check:
    if not config.recognition.enabled:
        return Check("microphone", True, "voice input disabled in config: touch only")
    fix = "connect a microphone and check `pactl list short sources` (docs/operations.md)"
    sources = _pulse_sources()
    if sources is None:
        return Check("microphone", False, "no PulseAudio/PipeWire sound server: touch only", fix)
    wanted = config.recognition.input_device
    # Matched like kiosk/speech/mic.py does: part of the source's name (Qt's device id).
    if wanted and not any(wanted in source for source in sources):
        return Check("microphone", False, f"input {wanted!r} not found", fix)
    if not sources:
        return Check("microphone", False, "no microphone: touch only", fix)
    return Check("microphone", True, wanted or f"{len(sources)} input(s); system default used")


def check_recognition(config: KioskConfig) -> Check:
    from kiosk.speech.recognizer import model_problem  # the recognizer's own test of a model

    if not config.recognition.enabled:
        return Check("recognition", True, "voice input disabled in config: touch only")
    key = f"model_{config.display.locale}"
    fix = f"unpack vosk-model-small-cn-0.22 and set recognition.{key} (docs/operations.md)"
    configured = getattr(config.recognition, key)
    problem = model_problem(str(Path(configured).expanduser()) if configured else "")
    if problem:
        return Check("recognition", False, f"{problem}: touch-only", fix)
    return Check("recognition", True, f"Vosk model {Path(configured).name}")


def check_printer(config: KioskConfig) -> Check:
    setting = config.devices.printer
    if setting.startswith("pdf:"):
        target = Path(setting[4:]).expanduser()
        probe = target if target.exists() else target.parent  # the printer creates it
        if probe.is_dir() and os.access(probe, os.W_OK):
            return Check("printer", True, f"receipts written as PDF to {target}")
        return Check("printer", False, f"{target} is not writable", "fix devices.printer")
    fix = 'install CUPS and a default printer, or set devices.printer = "pdf:<dir>"'
    from PySide6.QtPrintSupport import QPrinterInfo  # what kiosk/devices/printer.py prints with

    default = QPrinterInfo.defaultPrinter()
    if default.isNull():
        installed = len(QPrinterInfo.availablePrinterNames())
        found = f"{installed} printer(s) but no default" if installed else "no printer installed"
        return Check("printer", False, f"{found}: receipts cannot print", fix)
    return Check("printer", True, f"default printer {default.printerName()}")


def check_display(config: KioskConfig) -> Check:
    """The Qt platform plugin this kiosk would open its window with, and what it lacks."""
    platform = qt_platform.platform_in_use() or qt_platform.SESSION_PLATFORM
    if platform not in qt_platform.PLUGINS:
        return Check("display", True, f"Qt platform {platform} (not checked)")
    if not qt_platform.ldd_available():
        return Check("display", False, "ldd not found", "apt-get install libc-bin")
    missing = qt_platform.missing_libraries(platform)
    if missing:
        return Check("display", False, f"Qt {platform} plugin lacks {', '.join(missing)}",
                     qt_platform.fix_for(missing))  # fmt: skip
    return Check("display", True, f"Qt {platform} platform plugin loads")


CHECKS: tuple[Callable[[KioskConfig], Check], ...] = (
    check_backend,
    check_fonts,
    check_speech,
    check_microphone,
    check_recognition,
    check_printer,
    check_display,
)


def _guarded(name: str, check: Callable[[], Check]) -> Check:
    try:
        result = check()
    except Exception as exc:  # a report boundary: a broken part is a failed line, not a crash
        result = Check(name, False, f"check failed: {type(exc).__name__}", "see docs/operations.md")
    return Check(result.name, result.ok, result.detail, result.fix, name in ESSENTIAL)


def run_checks(
    config: KioskConfig,
    *,
    endpoint: BackendEndpoint | None = None,
    timeout_s: float = CHECK_TIMEOUT_S,
) -> list[Check]:
    """All checks, concurrently, in CHECKS order; one that overruns timeout_s is failed.

    A running kiosk passes its own endpoint, so no second demo backend is started.
    """
    pool = ThreadPoolExecutor(max_workers=len(CHECKS), thread_name_prefix="selftest")
    jobs = []
    for check in CHECKS:
        name = check.__name__.removeprefix("check_")
        call = (
            partial(check, config, endpoint) if check is check_backend else partial(check, config)
        )
        jobs.append((name, pool.submit(_guarded, name, call)))
    deadline = time.monotonic() + timeout_s
    results = []
    for name, future in jobs:
        try:
            results.append(future.result(timeout=max(0.0, deadline - time.monotonic())))
        except FutureTimeout:
            fix = "see docs/operations.md"
            results.append(Check(name, False, f"no answer within {timeout_s:g} s", fix,
                                 name in ESSENTIAL))  # fmt: skip
    pool.shutdown(wait=False, cancel_futures=True)
    return results


def essentials_ok(checks: list[Check]) -> bool:
    return all(c.ok for c in checks if c.essential)
