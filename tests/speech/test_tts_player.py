"""Player (QAudioSink) on a real PulseAudio null sink: one `finished` for every play()."""

import array
import math
import wave

import pytest

from kiosk.speech.player import Player

WAIT_MS = 20_000


@pytest.fixture
def tone(tmp_path):
    path = tmp_path / "tone.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(22050)
        wav.writeframes(
            array.array("h", (int(16000 * math.sin(i / 10)) for i in range(6615))).tobytes()
        )
    return path  # 0.3 s


@pytest.fixture
def player(pulse_audio, qtbot):
    player = Player()
    yield player
    player.stop()


def test_each_play_finishes_once_whether_replaced_stopped_or_ended(qtbot, player, tone):
    finished, started = [], []
    player.finished.connect(lambda: finished.append(True))
    player.started.connect(lambda: started.append(True))
    for step in range(6):  # volume taps between prompts, each play replacing the last
        player.set_step(step)
        player.play(tone)
    assert len(finished) == 5 and player.playing
    with qtbot.waitSignal(player.finished, timeout=WAIT_MS):
        pass  # the last one plays to its end
    assert len(finished) == 6 and started == [True] and not player.playing
    with qtbot.waitSignal(player.started, timeout=WAIT_MS):
        player.play(tone)
    player.stop()
    player.stop()
    assert len(finished) == 7


def test_an_unreadable_file_finishes_without_playing(qtbot, player, tmp_path):
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF")
    with qtbot.assertNotEmitted(player.started), qtbot.waitSignal(player.finished, timeout=WAIT_MS):
        player.play(broken)
    assert not player.playing
