"""Voice input on the real engine: espeak-ng Korean commands -> Vosk child process -> matcher.

    .venv/bin/python -m benchmarks.speech_input

Same audio as tests/speech/test_recognition_ko.py (the test-only Korean phrase pack,
espeak-ng voices x rates). Reports, beside the targets of issue 7:
- end of utterance -> command dispatched (median, p90; target <= 300 ms). Measured from
  the end-of-utterance message to the matcher's result, after the child has caught up
  with the streamed audio (as it does when audio arrives in real time); the endpoint's
  own 1.5 s of trailing silence is not counted.
- decoding time with the screen grammar vs free-form (whole-vocabulary) decoding, as a
  ratio, and the recognition rate of both (free-form text goes through the same matcher);
- model load time (spawn -> ready) and the recognizer process's resident memory.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kiosk.speech.matcher import Outcome, match
from kiosk.speech.recognizer import RecognizerSupervisor
from tests.speech.ko.fixtures import (
    RATES,
    VOICES,
    Collector,
    ko_grammar,
    model_path,
    spoken_cases,
    synthesize,
    wait_ready,
)

TARGET_DISPATCH_MS = 300.0
CHUNK = 3200  # 100 ms, as the microphone delivers it
CATCH_UP_S = 0.4  # let the child finish the streamed audio before the endpoint fires


def run_pass(supervisor, collector, utterances, grammar, phrases, tag):
    supervisor.set_grammar(phrases)
    right, dispatch_ms, decode_ms = 0, [], []
    for n, (target, pcm) in enumerate(utterances):
        for offset in range(0, len(pcm), CHUNK):
            supervisor.send_audio(pcm[offset : offset + CHUNK])
        time.sleep(CATCH_UP_S)
        started = time.perf_counter()
        supervisor.end_utterance(f"{tag}-{n}")
        transcript = collector.wait(f"{tag}-{n}")
        result = match(transcript.text, grammar)
        dispatch_ms.append((time.perf_counter() - started) * 1000)
        decode_ms.append(transcript.decode_ms)
        right += result.outcome is Outcome.MATCHED and result.target == target
    return right / len(utterances), dispatch_ms, decode_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    grammar = ko_grammar()
    with tempfile.TemporaryDirectory() as tmp:
        cases = list(itertools.product(spoken_cases(), VOICES, RATES))
        utterances = [
            (target, synthesize(phrase, voice, rate, Path(tmp)).read_bytes())
            for (target, phrase), voice, rate in cases
        ]
    collector = Collector()
    supervisor = RecognizerSupervisor(model_path(), on_transcript=collector)
    started = time.perf_counter()
    supervisor.start()
    spawn_ms = (time.perf_counter() - started) * 1000
    wait_ready(supervisor)
    ready_s = time.perf_counter() - started
    rss_loaded = supervisor.rss_kib() or 0
    try:
        g_rate, g_dispatch, g_decode = run_pass(
            supervisor, collector, utterances, grammar, grammar.phrases, "grammar"
        )
        f_rate, _f_dispatch, f_decode = run_pass(
            supervisor, collector, utterances, grammar, None, "free"
        )
        rss_after = supervisor.rss_kib() or 0
    finally:
        supervisor.stop()
    audio_s = sum(len(pcm) for _t, pcm in utterances) / 32000
    p90 = statistics.quantiles(g_dispatch, n=10)[-1]
    median = statistics.median(g_dispatch)
    print(
        f"utterances: {len(utterances)} ({len(VOICES)} espeak-ng voices x {len(RATES)} rates, "
        f"{audio_s:.1f} s of audio)"
    )
    print(
        f"start() returns after {spawn_ms:.1f} ms; model ready after {ready_s:.2f} s "
        f"(load in child {supervisor.load_s:.2f} s)"
    )
    print(
        f"recognizer process RSS: {rss_loaded / 1024:.0f} MiB loaded, "
        f"{rss_after / 1024:.0f} MiB after decoding"
    )
    verdict = "ok" if median <= TARGET_DISPATCH_MS else "OVER TARGET"
    print(
        f"end of utterance -> command dispatched: median {median:.1f} ms, p90 {p90:.1f} ms "
        f"(target <= {TARGET_DISPATCH_MS:.0f} ms: {verdict})"
    )
    g_total, f_total = sum(g_decode), sum(f_decode)
    print(
        f"decoding time, grammar: {g_total:.0f} ms total, {statistics.median(g_decode):.1f} ms "
        f"median per utterance (RTF {g_total / 1000 / audio_s:.3f})"
    )
    print(
        f"decoding time, free-form: {f_total:.0f} ms total, {statistics.median(f_decode):.1f} ms "
        f"median per utterance (RTF {f_total / 1000 / audio_s:.3f})"
    )
    print(f"free-form / grammar decoding time ratio: {f_total / g_total:.2f}")
    print(
        f"recognition rate (right command): grammar {g_rate:.0%}, free-form {f_rate:.0%} "
        f"(test asserts grammar >= 80%)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
