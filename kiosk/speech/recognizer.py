"""Supervisor of the recognizer child process, in the kiosk process. No Qt here.

Start-up never waits for the model: start() spawns the child and returns; the child
reports "ready" when its model is loaded. If it dies (Vosk aborts on misuse, or it is
killed), it is started again after a growing pause (0.5 s … 30 s). A missing or corrupt
model is not retried: the kiosk carries on touch-only and `notice` says why.

Callbacks run on the supervisor's reader thread; the Qt service re-emits them as signals
(queued to the GUI thread). Sends never block the caller: a writer thread drains a queue.
"""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from kiosk.speech import recognizer_process as proto

log = logging.getLogger(__name__)

BACKOFF_S = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0)
HEALTHY_AFTER_S = 30.0  # a child that lived this long resets the backoff


class State(Enum):
    STARTING = "starting"  # child spawned, model loading
    READY = "ready"
    RESTARTING = "restarting"  # child died; waiting out the backoff
    UNAVAILABLE = "unavailable"  # no usable model: touch only
    STOPPED = "stopped"


@dataclass(frozen=True)
class Transcript:
    utterance: str
    text: str
    decode_ms: float  # time spent decoding this utterance in the child
    final_ms: float  # end of utterance -> final result, in the child


def model_problem(model_path: str) -> str | None:
    """Why this path cannot be a Vosk model (checked before spawning), or None."""
    if not model_path:
        return "no recognition model configured"
    path = Path(model_path)
    if not path.is_dir():
        return f"recognition model not found: {path}"
    if not (path / "am" / "final.mdl").is_file():
        return f"not a Vosk model (no am/final.mdl): {path}"
    return None


def _notify(callback: Callable[[object], None], value: object) -> None:
    """A failing listener (e.g. a deleted Qt object) must not kill the reader thread."""
    try:
        callback(value)
    except Exception:
        log.exception("recognizer listener failed")


class RecognizerSupervisor:
    def __init__(
        self,
        model_path: str,
        *,
        on_state: Callable[[State], None] = lambda state: None,
        on_transcript: Callable[[Transcript], None] = lambda t: None,
        on_unknown_words: Callable[[list[str]], None] = lambda words: None,
        python: str = sys.executable,
    ) -> None:
        self._model_path = model_path
        self._on_state = on_state
        self._on_transcript = on_transcript
        self._on_unknown = on_unknown_words
        self._python = python
        self._lock = threading.Lock()
        self._state = State.STOPPED
        self._process: subprocess.Popen[bytes] | None = None
        self._outbox: queue.Queue[tuple[bytes, bytes] | None] = queue.Queue()
        self._grammar: bytes = b"null"
        self._failures = 0
        self._reported: set[str] = set()
        self._stopping = threading.Event()
        self.notice = ""  # why recognition is unavailable, for the screen and `kiosk selftest`
        self.load_s: float | None = None

    def subscribe(
        self,
        on_state: Callable[[State], None],
        on_transcript: Callable[[Transcript], None],
    ) -> None:
        """Replace the state and transcript callbacks (the Qt service does this)."""
        self._on_state = on_state
        self._on_transcript = on_transcript

    # --- state -------------------------------------------------------------------------
    @property
    def state(self) -> State:
        return self._state

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process and process.poll() is None else None

    def _set_state(self, state: State) -> None:
        with self._lock:
            changed = state is not self._state
            self._state = state
        if changed:
            _notify(self._on_state, state)

    # --- lifecycle ---------------------------------------------------------------------
    def start(self) -> None:
        """Spawn the child and return at once; the model loads in the background."""
        problem = model_problem(self._model_path)
        if problem:
            self.notice = problem
            log.warning("voice input off: %s", problem)
            self._set_state(State.UNAVAILABLE)
            return
        self._stopping.clear()
        threading.Thread(target=self._write_loop, name="recognizer-writer", daemon=True).start()
        self._spawn()

    def stop(self) -> None:
        self._stopping.set()
        self._outbox.put(None)
        process = self._process
        if process and process.poll() is None:
            try:
                proto.write_frame(process.stdin, b"Q")  # type: ignore[arg-type]
                process.stdin.close()  # type: ignore[union-attr]
                process.wait(timeout=3)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()
        if self._state is not State.UNAVAILABLE:
            self._set_state(State.STOPPED)

    def _spawn(self) -> None:
        self._set_state(State.STARTING)
        process = subprocess.Popen(
            [self._python, "-m", "kiosk.speech.recognizer_process", self._model_path],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # Vosk's C++ log; nothing of it is needed here
            cwd=str(Path(__file__).resolve().parents[2]),
        )
        self._process = process
        threading.Thread(
            target=self._read_loop,
            args=(process, time.monotonic()),
            name="recognizer-reader",
            daemon=True,
        ).start()

    def _read_loop(self, process: subprocess.Popen[bytes], born: float) -> None:
        failed = False
        while (frame := proto.read_frame(process.stdout)) is not None:  # type: ignore[arg-type]
            kind, payload = frame
            if kind == b"R":
                self.load_s = json.loads(payload)["load_s"]
                self._outbox.put((b"G", self._grammar))  # the child starts with the current one
                self._set_state(State.READY)
            elif kind == b"F":
                failed = True
                self.notice = "recognition model could not be loaded: " + payload.decode(
                    "utf-8", "replace"
                )
            elif kind == b"V":
                # Each unknown phrase is reported once, not on every screen that uses it.
                unknown = [p for p in json.loads(payload)["unknown"] if p not in self._reported]
                if unknown:
                    self._reported.update(unknown)
                    _notify(self._on_unknown, unknown)
            elif kind == b"T":
                report = json.loads(payload)
                self._on_transcript(
                    Transcript(
                        report["id"], report["text"], report["decode_ms"], report["final_ms"]
                    )
                )
        code = process.wait()
        if self._stopping.is_set() or process is not self._process:
            return
        if failed or code == proto.EXIT_MODEL_FAILED:
            log.warning("voice input off: %s", self.notice or "model failed to load")
            self._set_state(State.UNAVAILABLE)
            return
        if time.monotonic() - born > HEALTHY_AFTER_S:
            self._failures = 0
        pause = BACKOFF_S[min(self._failures, len(BACKOFF_S) - 1)]
        self._failures += 1
        log.warning("recognizer process exited (code %s); restarting in %.1f s", code, pause)
        self._set_state(State.RESTARTING)
        if not self._stopping.wait(pause):
            self._spawn()

    # --- sending -----------------------------------------------------------------------
    def _write_loop(self) -> None:
        while (item := self._outbox.get()) is not None:
            process = self._process
            if process is None or process.poll() is not None:
                continue  # dropped: a new child gets the grammar on "ready"
            # A child that died under us raises here; its reader thread restarts it.
            with contextlib.suppress(OSError, ValueError):
                proto.write_frame(process.stdin, *item)  # type: ignore[arg-type]

    def _send(self, kind: bytes, payload: bytes = b"") -> None:
        if self._state is State.READY:
            self._outbox.put((kind, payload))

    def set_grammar(self, phrases: Sequence[str] | None) -> None:
        """The phrases to listen for (None: free-form). Applied by the child between utterances."""
        self._grammar = json.dumps(
            None if phrases is None else list(phrases), ensure_ascii=False
        ).encode()
        self._send(b"G", self._grammar)

    def check_vocabulary(self, phrases: Sequence[str]) -> None:
        """Have the child report the phrases its model cannot hear (on_unknown_words)."""
        self._send(b"K", json.dumps(list(phrases), ensure_ascii=False).encode())

    def send_audio(self, pcm: bytes) -> None:
        self._send(b"A", pcm)

    def end_utterance(self, utterance: str) -> None:
        self._send(b"E", utterance.encode())

    def cancel_utterance(self) -> None:
        self._send(b"C")

    def rss_kib(self) -> int | None:
        """Resident memory of the child (for the benchmark and selftest), from /proc."""
        pid = self.pid
        if pid is None:
            return None
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            return None
        return None
