"""The Vosk recognizer, alone in a child process (python -m kiosk.speech.recognizer_process MODEL).

Vosk aborts its whole process on some misuse (an empty grammar "[]" segfaults, SetGrammar
in mid-utterance aborts); here that kills only this child, and the kiosk's supervisor
(kiosk/speech/recognizer.py) starts a new one. This process owns the Model and one
KaldiRecognizer, used from its one thread. A new grammar is applied only between
utterances, by building a new recognizer, never by SetGrammar mid-utterance.

Wire format on stdin/stdout: frames of 1 kind byte + 4-byte big-endian length + payload.
  in:  G grammar (JSON list of phrases, or "null" for free-form)  A audio (16 kHz mono int16)
       E end of utterance (payload: utterance id)  C cancel utterance  Q quit
       K check phrases against the vocabulary (JSON list; answered by V, grammar unchanged)
  out: R ready (JSON: load_s)  F failed to load (text)  V vocabulary report (JSON: unknown)
       T transcript (JSON: id, text, decode_ms)
"""

from __future__ import annotations

import json
import re
import struct
import sys
import time
from collections.abc import Callable
from typing import BinaryIO

SAMPLE_RATE = 16000
EXIT_MODEL_FAILED = 3  # the supervisor does not restart a child that could not load its model
_HEADER = struct.Struct(">cI")
_HAN_RUN = re.compile(r"^[\u3400-\u9fff]+$")
_NO_CHANGE = object()
_MAX_WORD = 6  # longest Chinese dictionary word tried when splitting an unspaced phrase


def write_frame(stream: BinaryIO, kind: bytes, payload: bytes = b"") -> None:
    stream.write(_HEADER.pack(kind, len(payload)) + payload)
    stream.flush()


def read_frame(stream: BinaryIO) -> tuple[bytes, bytes] | None:
    """(kind, payload), or None at end of stream."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    kind, length = _HEADER.unpack(header)
    payload = stream.read(length)
    if len(payload) < length:
        return None
    return kind, payload


def segment(phrase: str, known: Callable[[str], bool]) -> str | None:
    """The phrase as words of the model's vocabulary, or None if some part is not in it.

    Locale packs write Chinese without spaces (预约上门服务); Vosk needs the model's words
    (预约 上门 服务), found here by forward maximum matching against the vocabulary.
    """
    words = []
    for token in phrase.split():
        if known(token):
            words.append(token)
            continue
        if not _HAN_RUN.match(token):
            return None
        start = 0
        while start < len(token):
            for end in range(min(len(token), start + _MAX_WORD), start, -1):
                if known(token[start:end]):
                    words.append(token[start:end])
                    start = end
                    break
            else:
                return None
    return " ".join(words)


def usable_grammar(phrases: list[str], known: Callable[[str], bool]) -> tuple[list[str], list[str]]:
    """(phrases Vosk can use, phrases it would silently ignore). [unk] is kept if the model has it."""
    usable, unknown = [], []
    for phrase in phrases:
        if phrase == "[unk]":
            if known(phrase):
                usable.append(phrase)
            continue
        words = segment(phrase, known)
        if words is None:
            unknown.append(phrase)
        elif words not in usable:
            usable.append(words)
    return usable, unknown


class _Session:
    """The model, the current recognizer and the grammar waiting for the next utterance."""

    def __init__(self, model: object, out: BinaryIO) -> None:
        import vosk

        self._vosk = vosk
        self._model = model
        self._out = out
        self._grammar: list[str] | None = None
        self._pending: object = _NO_CHANGE  # grammar for the next utterance (None: free-form)
        self._recognizer = None
        self._segments: list[str] = []
        self._in_utterance = False
        self._decode_s = 0.0

    def _known(self, word: str) -> bool:
        return self._model.vosk_model_find_word(word) >= 0  # type: ignore[attr-defined]

    def _vet(self, phrases: list) -> list[str]:
        """The usable phrases; the unknown ones are reported (V) to the supervisor."""
        usable, unknown = usable_grammar([str(p) for p in phrases], self._known)
        report = json.dumps({"unknown": unknown}, ensure_ascii=False).encode()
        write_frame(self._out, b"V", report)
        return usable

    def check(self, payload: bytes) -> None:
        self._vet(json.loads(payload.decode("utf-8")))

    def set_grammar(self, payload: bytes) -> None:
        phrases = json.loads(payload.decode("utf-8"))
        self._pending = None if phrases is None else self._vet(phrases)
        if not self._in_utterance:
            self._apply_pending()

    def _apply_pending(self) -> None:
        if self._pending is not _NO_CHANGE:
            self._grammar = self._pending  # type: ignore[assignment]
            self._pending = _NO_CHANGE
            self._recognizer = None  # rebuilt on the next audio, with the new grammar

    def _new_recognizer(self) -> object | None:
        if self._grammar is None:
            recognizer = self._vosk.KaldiRecognizer(self._model, SAMPLE_RATE)
        elif not self._grammar:
            return None  # nothing usable: never hand Vosk an empty grammar (it segfaults)
        else:
            grammar = json.dumps(self._grammar, ensure_ascii=False)
            recognizer = self._vosk.KaldiRecognizer(self._model, SAMPLE_RATE, grammar)
        return recognizer

    def audio(self, pcm: bytes) -> None:
        if self._recognizer is None:
            self._recognizer = self._new_recognizer()
        self._in_utterance = True
        if self._recognizer is None:
            return
        started = time.perf_counter()
        # Vosk's own endpointer (0.5 s in most models) may close a segment while the senior
        # is only pausing; segments are kept and joined at our end of utterance.
        if self._recognizer.AcceptWaveform(pcm):
            self._keep(self._recognizer.Result())
        self._decode_s += time.perf_counter() - started

    def _keep(self, result: str) -> None:
        text = json.loads(result).get("text", "")
        if text:
            self._segments.append(text)

    def end(self, utterance: bytes) -> None:
        started = time.perf_counter()
        if self._recognizer is not None:
            self._keep(self._recognizer.FinalResult())
        decode_ms = (self._decode_s + time.perf_counter() - started) * 1000
        report = {
            "id": utterance.decode(),
            "text": " ".join(self._segments),
            "decode_ms": round(decode_ms, 1),
            "final_ms": round((time.perf_counter() - started) * 1000, 1),
        }
        write_frame(self._out, b"T", json.dumps(report, ensure_ascii=False).encode())
        self.cancel()

    def cancel(self) -> None:
        self._segments = []
        self._decode_s = 0.0
        self._in_utterance = False
        self._recognizer = None  # a fresh recognizer per utterance: no state carried over
        self._apply_pending()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out, inp = sys.stdout.buffer, sys.stdin.buffer
    sys.stdout = sys.stderr  # nothing but frames may reach the pipe
    started = time.perf_counter()
    try:
        import vosk

        vosk.SetLogLevel(-1)
        model = vosk.Model(argv[0])
    except Exception as exc:  # a missing or corrupt model: report it, the kiosk goes touch-only
        write_frame(out, b"F", str(exc).encode("utf-8", "replace"))
        return EXIT_MODEL_FAILED
    write_frame(out, b"R", json.dumps({"load_s": round(time.perf_counter() - started, 3)}).encode())
    session = _Session(model, out)
    handlers = {
        b"G": session.set_grammar,
        b"A": session.audio,
        b"E": session.end,
        b"K": session.check,
    }
    while (frame := read_frame(inp)) is not None:
        kind, payload = frame
        if kind == b"Q":
            break
        if kind == b"C":
            session.cancel()
        elif kind in handlers:
            handlers[kind](payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())
