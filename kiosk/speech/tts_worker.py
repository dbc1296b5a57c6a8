"""The pyttsx3 render worker: a child process started by kiosk.speech.render.EngineWorker.

Protocol: one JSON request per line on stdin {"text", "voice", "rate", "path"}; one JSON
reply per line on the original stdout: {"ready": true} once, then {"done": true} or
{"done": false, "error": "<exception type>"} per request. The text is never logged.

pyttsx3 prints "Audio saved to …" on stdout, so the replies go to a duplicate of the
original stdout and fd 1 itself is pointed at /dev/null. Only save_to_file + runAndWait,
one request at a time (pyttsx3 must never run two runAndWait at once).

Usage: python -m kiosk.speech.tts_worker [module:function]  (the optional hook wraps the
engine; tests use it to make a worker that hangs or writes nothing).
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import tempfile
import threading

AMPLITUDE = 100  # espeak-ng's default amplitude, the same as the CLI fallback
# espeak renders ~100× faster than real time: a render not finished this long after
# runAndWait returned is not coming.
FINISH_WAIT_S = 2.0


def _replies():
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    return replies


class _Engine:
    """pyttsx3 with a render that returns only when the WAV is really written, at the
    rate asked for.

    Measured here with pyttsx3 2.99 + espeak-ng 1.51: (1) setProperty("rate") is applied
    late — for several renders in a row the old rate is used, sometimes changing
    mid-text — because espeak-ng's AUDIO_OUTPUT_RETRIEVAL mode is asynchronous; an
    embedded command at the start of the text (ctrl-A, value, "S" for speed, "A" for
    amplitude) is applied exactly, so rate and amplitude travel with the text. (2)
    runAndWait can return before the file is written (the first render of a fresh
    process had no file one time in four), so each render waits for pyttsx3's
    finished-utterance notification, sent after the file is written, and for espeak to
    go idle. The voice is set with setProperty; switching voices was applied reliably.
    """

    def __init__(self, engine) -> None:
        self._engine = engine
        self._finished = threading.Event()
        engine.connect("finished-utterance", lambda **_: self._finished.set())

    def render(self, text: str, voice: str, rate: int, path: str) -> bool:
        """False if the engine never finished: the worker is then in doubt and exits."""
        self._finished.clear()
        self._engine.setProperty("voice", voice)
        self._engine.save_to_file(f"\x01{rate}S\x01{AMPLITUDE}A{text}", path)
        self._engine.runAndWait()
        if not self._finished.wait(FINISH_WAIT_S):
            return False
        from pyttsx3.drivers import _espeak

        _espeak.Synchronize()
        return True


def main(argv: list[str]) -> int:
    replies = _replies()
    import pyttsx3

    raw = pyttsx3.init("espeak")
    if argv:
        module, _, name = argv[0].partition(":")
        raw = getattr(importlib.import_module(module), name)(raw)
    engine = _Engine(raw)
    fd, scratch = tempfile.mkstemp(suffix=".wav")
    os.close(fd)
    engine.render("您好", "cmn", 180, scratch)  # warm-up: the dictionaries load here
    os.unlink(scratch)
    replies.write(json.dumps({"ready": True}) + "\n")
    for line in sys.stdin:
        try:
            request = json.loads(line)
            finished = engine.render(
                request["text"], request["voice"], int(request["rate"]), request["path"]
            )
            reply = {"done": finished}
        except Exception as exc:  # report and keep serving; the parent falls back
            finished, reply = True, {"done": False, "error": type(exc).__name__}
        replies.write(json.dumps(reply) + "\n")
        if not finished:
            return 1  # the parent starts a fresh worker for the next render
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
