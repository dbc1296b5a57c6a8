"""End-of-utterance detection: seniors pause, so only ≥ trailing_silence_s of silence ends it."""

from __future__ import annotations

from kiosk.speech.endpoint import SAMPLE_RATE, Endpointer, Event, level_db, meter
from tests.speech.fake_mic import silence, tone


def feed_in_chunks(
    endpointer: Endpointer, pcm: bytes, chunk: int = 3200
) -> list[tuple[float, Event]]:
    """(seconds into the audio when the chunk was fed, event)."""
    out = []
    for offset in range(0, len(pcm), chunk):
        for event in endpointer.feed(pcm[offset : offset + chunk]):
            out.append(((offset + chunk) / 2 / SAMPLE_RATE, event))
    return out


def test_speech_then_trailing_silence_ends_the_utterance():
    events = feed_in_chunks(Endpointer(1.5), silence(0.5) + tone(1.0) + silence(3.0))
    assert [e for _t, e in events] == [Event.SPEECH, Event.END]
    ended_at = events[-1][0]
    assert 1.5 + 1.5 <= ended_at <= 1.5 + 1.5 + 0.2  # speech ended at 1.5 s, +1.5 s silence


def test_a_one_second_pause_does_not_end_it():
    audio = tone(0.8) + silence(1.0) + tone(0.8) + silence(2.0)
    events = feed_in_chunks(Endpointer(1.5), audio)
    assert [e for _t, e in events] == [Event.SPEECH, Event.END]
    assert events[-1][0] >= 0.8 + 1.0 + 0.8 + 1.5


def test_configured_trailing_silence_is_respected():
    events = feed_in_chunks(Endpointer(3.0), tone(0.5) + silence(2.5))
    assert [e for _t, e in events] == [Event.SPEECH]  # 2.5 s < 3.0 s: still listening


def test_nothing_said_times_out():
    events = feed_in_chunks(Endpointer(1.5, no_speech_timeout_s=2.0), silence(3.0, noise=30))
    assert [e for _t, e in events] == [Event.TIMEOUT]


def test_endless_speech_is_cut_off():
    events = feed_in_chunks(Endpointer(1.5, max_utterance_s=2.0), tone(4.0))
    assert [e for _t, e in events] == [Event.SPEECH, Event.END]


def test_steady_room_noise_is_not_speech():
    events = feed_in_chunks(Endpointer(1.5, no_speech_timeout_s=3.0), silence(4.0, noise=400))
    assert [e for _t, e in events] == [Event.TIMEOUT]


def test_levels():
    assert level_db(b"") == -96.0
    assert level_db(silence(0.1)) == -96.0
    assert -10 < level_db(tone(0.1, 32000)) < 0
    assert meter(-96.0) == 0.0 and meter(0.0) == 1.0
    assert level_db(b"\x01") == -96.0  # an odd byte count is not a crash
