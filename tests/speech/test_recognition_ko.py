"""The real path with the real engine: espeak-ng Korean speech -> Vosk child process -> matcher."""

from __future__ import annotations

import itertools

import pytest

from kiosk.speech.matcher import Outcome, match
from tests.speech.ko.fixtures import RATES, VOICES, Collector, ko_grammar, spoken_cases, synthesize

pytestmark = pytest.mark.slow
CHUNK = 3200  # 100 ms of 16 kHz int16, as the microphone delivers it


def recognize(supervisor, collector: Collector, pcm: bytes, utterance: str) -> str:
    for offset in range(0, len(pcm), CHUNK):
        supervisor.send_audio(pcm[offset : offset + CHUNK])
    supervisor.end_utterance(utterance)
    return collector.wait(utterance).text


def test_espeak_korean_commands_are_recognized(ko_recognizer, speech_dir):
    collector = Collector()
    ko_recognizer.subscribe(lambda state: None, collector)
    grammar = ko_grammar()
    ko_recognizer.set_grammar(grammar.phrases)
    cases = list(itertools.product(spoken_cases(), VOICES, RATES))
    assert len(cases) >= 20
    right, misses = 0, []
    for n, ((target, phrase), voice, rate) in enumerate(cases):
        pcm = synthesize(phrase, voice, rate, speech_dir).read_bytes()
        text = recognize(ko_recognizer, collector, pcm, f"ko-{n}")
        result = match(text, grammar)
        if result.outcome is Outcome.MATCHED and result.target == target:
            right += 1
        else:
            misses.append((phrase, voice, rate, text, result.outcome.value, result.target))
    rate_ok = right / len(cases)
    print(f"\nrecognized {right}/{len(cases)} = {rate_ok:.0%}; misses: {misses}")
    assert rate_ok >= 0.80, misses
