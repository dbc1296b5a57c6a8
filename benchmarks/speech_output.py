"""Speech output: screen shown → playback started, through the real SpeechService, side by
side with the naive way (calling pyttsx3 directly on each screen, in the GUI thread).

"Screen shown" is the moment the shell calls say(); "playback started" is the QAudioSink
going Active (SpeechService.started) on a PulseAudio null sink. Three series:
  cached   — static prompts of the zh_CN pack, already in the prompt cache
  dynamic  — templates filled with fresh demo values (never cached): render in the worker
             process + verify + play
  direct   — pyttsx3 save_to_file + runAndWait in this process (waiting for its end
             notification, or a half-written file is played), then the same player
Also stop() → playback stopped (a touch).

    .venv/bin/python -m benchmarks.speech_output --rounds 5

Targets (issue 6): cached ≤ 150 ms, uncached dynamic ≤ 400 ms, stop ≤ 100 ms (median).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402

from backend.demo import DEMO_CITIZENS  # noqa: E402
from kiosk.config import KioskConfig, SpeechConfig  # noqa: E402
from kiosk.locale_pack import load_pack  # noqa: E402
from kiosk.speech import spoken  # noqa: E402
from kiosk.speech.player import Player  # noqa: E402
from kiosk.speech.render import RATES_WPM  # noqa: E402
from kiosk.speech.service import SpeechService  # noqa: E402
from kiosk.speech.verify import check_wav  # noqa: E402
from tests.fixtures.pulse_audio import start_pulse  # noqa: E402

TARGET_CACHED_MS = 150.0
TARGET_DYNAMIC_MS = 400.0
TARGET_STOP_MS = 100.0


def _until(signal, action, timeout_s: float = 15.0) -> float | None:
    """Milliseconds from action() to signal, or None on timeout."""
    loop = QEventLoop()
    ended: list[float] = []

    def done() -> None:
        ended.append(time.perf_counter())
        loop.quit()

    signal.connect(done)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    start = time.perf_counter()
    action()
    if not ended:
        loop.exec()
    signal.disconnect(done)
    return (ended[0] - start) * 1000 if ended else None


def _dynamic_texts(count: int) -> list[str]:
    templates = list(load_pack("zh_CN").templates.values())
    texts = []
    for i in range(count):
        citizen = DEMO_CITIZENS[i % len(DEMO_CITIZENS)]
        values = {
            "name": citizen.name,
            "minutes": 3 + i,
            "seconds": 10 + i,
            "hotline": "12349",
            "level": i % 6,
            "masked": "",
        }
        texts.append(
            spoken.fill(templates[i % len(templates)], **values) + f"第{spoken.number_words(i)}次。"
        )
    return texts


def _summary(name: str, values: list[float | None], target: float | None) -> float:
    got = [v for v in values if v is not None]
    median = statistics.median(got) if got else float("nan")
    worst = max(got) if got else float("nan")
    aim = f"target ≤ {target:.0f} ms {'ok' if median <= target else 'MISSED'}" if target else ""
    missing = f", {len(values) - len(got)} never started" if len(got) < len(values) else ""
    print(
        f"  {name:<44} median {median:7.1f} ms   max {worst:7.1f} ms   n={len(got)}{missing}   {aim}"
    )
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes over the static prompts")
    parser.add_argument("--dynamic", type=int, default=20, help="uncached dynamic prompts")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-speech-"))
    pulse = start_pulse(work / "xdg")
    app = QCoreApplication([])
    service = SpeechService(KioskConfig(speech=SpeechConfig(cache_dir=str(work / "voices"))))
    statics = load_pack("zh_CN").static_prompts()

    for text in statics:  # fill the cache, as `kiosk voices build` does
        _until(service.started, lambda t=text: service.say(t))
    service.stop()

    cached, dynamic, stops, say_calls = [], [], [], []

    def timed_say(text: str) -> None:
        start = time.perf_counter()
        service.say(text)
        say_calls.append((time.perf_counter() - start) * 1000)

    for _ in range(args.rounds):
        for text in statics:
            cached.append(_until(service.started, lambda t=text: timed_say(t)))
            start = time.perf_counter()
            service.stop()
            stops.append((time.perf_counter() - start) * 1000)
    renders_before = service.renderer.renders
    for text in _dynamic_texts(args.dynamic):
        dynamic.append(_until(service.started, lambda t=text: timed_say(t)))
        service.stop()
    assert service.renderer.renders - renders_before == args.dynamic, "dynamic prompts were cached"

    import pyttsx3  # the naive way: the engine in the GUI process, rendering on every screen

    engine = pyttsx3.init("espeak")
    engine.setProperty("voice", "cmn")
    engine.setProperty("rate", RATES_WPM["zh_CN"]["medium"])
    finished = threading.Event()
    engine.connect("finished-utterance", lambda **_: finished.set())
    player = Player()
    blocked: list[float] = []
    invalid = 0

    def direct(text: str, target: Path) -> None:
        # runAndWait may return before the file is written; wait for pyttsx3's own
        # end notification, or the player would read a half-written WAV.
        nonlocal invalid
        start = time.perf_counter()
        finished.clear()
        engine.save_to_file(text, str(target))
        engine.runAndWait()
        finished.wait(2)
        blocked.append((time.perf_counter() - start) * 1000)
        invalid += not check_wav(target, text).ok
        player.play(target)

    naive = []
    for round_ in range(args.rounds):
        for i, text in enumerate(statics):
            target = work / f"direct-{round_}-{i}.wav"
            naive.append(_until(player.started, lambda t=text, p=target: direct(t, p)))
            player.stop()

    print(
        f"speech output, zh_CN: {len(statics)} static prompts × {args.rounds} rounds, "
        f"{args.dynamic} dynamic prompts; say() → playback started"
    )
    m_cached = _summary("SpeechService, cached static prompt", cached, TARGET_CACHED_MS)
    m_dynamic = _summary("SpeechService, uncached dynamic prompt", dynamic, TARGET_DYNAMIC_MS)
    m_naive = _summary("pyttsx3 directly on each screen (GUI thread)", naive, None)
    _summary("stop() → playback stopped (a touch)", stops, TARGET_STOP_MS)
    print(
        f"  GUI thread blocked per screen: SpeechService.say() max {max(say_calls):.1f} ms, "
        f"pyttsx3 direct max {max(blocked):.1f} ms (rule: ≤ 50 ms)"
    )
    print(f"  pyttsx3 direct renders that failed verification: {invalid} of {len(naive)}")
    print(f"  ratio pyttsx3-direct / cached  = {m_naive / m_cached:5.2f}×")
    print(f"  ratio pyttsx3-direct / dynamic = {m_naive / m_dynamic:5.2f}×")
    print(
        f"  pyttsx3 worker restarts {service.renderer.worker.restarts}, "
        f"espeak-ng fallbacks {service.renderer.fallbacks}"
    )

    service.close()
    player.stop()
    app.processEvents()
    if pulse.owned:
        pulse.stop()
    ok = m_cached <= TARGET_CACHED_MS and m_dynamic <= TARGET_DYNAMIC_MS
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
