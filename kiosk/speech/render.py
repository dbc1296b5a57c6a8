"""Rendering prompts to WAV: pyttsx3 in a supervised child process, espeak-ng as fallback.

Why a child process: pyttsx3 keeps one global espeak instance per process, must never
run two runAndWait at once, prints "Audio saved to …" on stdout, and can wedge. In its
own process it can be killed by the watchdog when a render takes longer than
`speech.render_timeout_s`, and started again, without touching the kiosk.

Every render is verified (verify.check_wav); a render that fails — pyttsx3 2.99 writes
no file at all for some Chinese texts — is done again with the `espeak-ng` command line,
which renders them, so no prompt is ever silently skipped.

No Qt here: the speech service calls Renderer from its render thread and
`kiosk voices build` calls it directly.
"""

from __future__ import annotations

import json
import logging
import os
import re
import select
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.speech.verify import WavCheck, check_wav

log = logging.getLogger(__name__)

AMPLITUDE = 100  # espeak-ng's default; the worker uses the same (tts_worker.AMPLITUDE)
# espeak-ng words-per-minute per rate, measured for Mandarin (`cmn`) as characters per
# minute of audio (docs/voice-output.md): slow ≈ 110, medium ≈ 170, fast ≈ 205 字/分.
RATES_WPM = {
    "zh_CN": {"slow": 120, "medium": 180, "fast": 220},
    "en_US": {"slow": 120, "medium": 150, "fast": 180},
}
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])  # so the child imports this kiosk
WORKER_START_TIMEOUT_S = 30.0  # a cold start on a busy 2-core kiosk; renders get render_timeout_s
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class RenderResult:
    path: Path | None  # None: both paths failed
    engine: str  # "pyttsx3" | "espeak-ng" | ""
    check: WavCheck


class EngineWorker:
    """The one pyttsx3 engine, in a child process (kiosk.speech.tts_worker), behind a watchdog.

    `hook` ("module:function", tests only) wraps the engine in the child, e.g. to make
    it hang or write nothing, so recovery is tested against a real stuck process.
    """

    def __init__(self, timeout_s: float, hook: str | None = None) -> None:
        self.timeout_s = timeout_s
        self.hook = hook
        self.restarts = 0
        self._proc: subprocess.Popen | None = None

    def start(self) -> bool:
        """Start the child if it is not running; False if it does not come up."""
        if self._proc is not None and self._proc.poll() is None:
            return True
        self._kill()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (_PACKAGE_ROOT, env.get("PYTHONPATH"))))
        command = [sys.executable, "-m", "kiosk.speech.tts_worker"] + (
            [self.hook] if self.hook else []
        )
        try:
            self._proc = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
            )
        except OSError:
            log.exception("cannot start the pyttsx3 worker")
            return False
        if self._reply(WORKER_START_TIMEOUT_S) == {"ready": True}:
            return True
        log.warning("pyttsx3 worker did not start")
        self._kill()
        return False

    def _reply(self, timeout_s: float) -> dict | None:
        """One JSON line from the child within timeout_s, else None."""
        assert self._proc is not None and self._proc.stdout is not None
        ready, _, _ = select.select([self._proc.stdout], [], [], timeout_s)
        if not ready:
            return None
        line = self._proc.stdout.readline()
        try:
            return json.loads(line) if line else None
        except ValueError:
            return None

    def render(self, text: str, voice: str, rate_wpm: int, path: Path) -> bool:
        """True if the worker says it wrote path in time. A late worker is killed."""
        if not self.start():
            return False
        assert self._proc is not None and self._proc.stdin is not None
        request = {"text": text, "voice": voice, "rate": rate_wpm, "path": str(path)}
        try:
            self._proc.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            self._proc.stdin.flush()
        except OSError:
            log.warning("pyttsx3 worker died; restarting it")
            self._kill()
            return False
        reply = self._reply(self.timeout_s)
        if reply is not None:
            return reply.get("done") is True
        if self._proc.poll() is None:
            log.warning("pyttsx3 render took over %.1f s; restarting the worker", self.timeout_s)
        else:
            log.warning("pyttsx3 worker died during a render; restarting it")
        self.restarts += 1
        self._kill()
        return False

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait(5)
            for stream in (self._proc.stdin, self._proc.stdout):
                if stream is not None:
                    stream.close()
        self._proc = None

    def close(self) -> None:
        self._kill()


def render_cli(
    binary: str, text: str, voice: str, rate_wpm: int, path: Path, timeout_s: float
) -> bool:
    """`espeak-ng -v VOICE -s RATE -a AMP -w path` with the text on stdin (a text starting
    with "-" is not mistaken for an option)."""
    command = [
        binary,
        "-v",
        voice,
        "-s",
        str(rate_wpm),
        "-a",
        str(AMPLITUDE),
        "-w",
        str(path),
        "--stdin",
    ]
    try:
        done = subprocess.run(
            command, input=text.encode("utf-8"), capture_output=True, timeout=timeout_s, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


class Renderer:
    """Render + verify + fallback. One caller at a time (the service's render thread)."""

    MAX_FAILURES = 3  # consecutive renders failing on both paths → engine unavailable

    def __init__(
        self,
        *,
        timeout_s: float = 5.0,
        espeak_binary: str = "espeak-ng",
        engine_hook: str | None = None,
    ) -> None:
        self.espeak_binary = espeak_binary
        self.timeout_s = timeout_s
        self.worker = EngineWorker(timeout_s, engine_hook)
        self.renders = 0  # synthesis attempts (tests count them to prove cache hits)
        self.fallbacks = 0
        self._failures = 0

    def available(self) -> bool:
        return shutil.which(self.espeak_binary) is not None and self._failures < self.MAX_FAILURES

    def warm(self) -> None:
        """Start (or restart) the worker ahead of the next render."""
        if self.available():
            self.worker.start()

    def render(self, text: str, voice: str, rate_wpm: int, out: Path) -> RenderResult:
        """Render text to out (written atomically, only once verified)."""
        if not self.available():
            return RenderResult(None, "", WavCheck(False, "engine unavailable"))
        text = _CONTROL.sub(" ", text)  # ctrl-A would start an espeak embedded command
        out.parent.mkdir(parents=True, exist_ok=True)
        part = out.with_name(f"{out.stem}.{os.getpid()}.part.wav")
        self.renders += 1
        check = WavCheck(False, "not rendered")
        for engine in ("pyttsx3", "espeak-ng"):
            part.unlink(missing_ok=True)
            if engine == "pyttsx3":
                done = self.worker.render(text, voice, rate_wpm, part)
            else:
                self.fallbacks += 1
                done = render_cli(self.espeak_binary, text, voice, rate_wpm, part, self.timeout_s)
            check = check_wav(part, text) if done else WavCheck(False, f"{engine} failed")
            if check.ok:
                os.replace(part, out)
                self._failures = 0
                return RenderResult(out, engine, check)
            log.info("%s render rejected: %s", engine, check.reason)
        part.unlink(missing_ok=True)
        self._failures += 1
        log.warning("a prompt could not be rendered (%s)", check.reason)
        return RenderResult(None, "", check)

    def close(self) -> None:
        self.worker.close()
