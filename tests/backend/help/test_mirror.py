"""kiosk.help.mirror against the real backend: frames published only when changed, at most 2 per
second, ≤ 150 KB; staff pointer events and hints come back; the time limit stops it."""

from __future__ import annotations

import io
import os
import queue
import threading
import time

import pytest
from PIL import Image

from kiosk.api import ApiClient
from kiosk.help.mirror import MAX_FRAME_BYTES, FrameError, MirrorPublisher
from kiosk.help.mirror.encode import capture, to_jpeg
from tests.backend.help.live_staff import LiveStaff

WAIT_S = 10


def png(colour, size=(1080, 1920)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def noise_png(size=(1080, 1920)) -> bytes:
    out = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(
        out, "PNG", compress_level=1
    )
    return out.getvalue()


def centre_colour(jpeg: bytes) -> tuple[int, int, int]:
    image = Image.open(io.BytesIO(jpeg)).convert("RGB")
    return image.getpixel((image.width // 2, image.height // 2))


def near(colour, expected, tolerance=12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def test_noisy_full_screen_frame_is_squeezed_under_150_kb():
    jpeg = to_jpeg(capture(noise_png()))
    assert jpeg[:3] == b"\xff\xd8\xff" and len(jpeg) <= MAX_FRAME_BYTES
    small = to_jpeg(capture(png("red")), max_side=640)
    assert Image.open(io.BytesIO(small)).size == (360, 640) and near(
        centre_colour(small), (255, 0, 0)
    )


def test_a_qimage_is_taken_as_it_looks(qapp):
    from PySide6.QtGui import QColor, QImage

    image = QImage(200, 100, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 255))
    raw = capture(image)
    image.fill(QColor(255, 0, 0))  # the caller may reuse its image at once
    jpeg = to_jpeg(raw)
    assert Image.open(io.BytesIO(jpeg)).size == (200, 100) and near(
        centre_colour(jpeg), (0, 0, 255)
    )
    assert capture(image).fingerprint != raw.fingerprint


def test_unreadable_frames_are_refused():
    for bad in (b"", b"not an image", b"\x89PNG\r\n\x1a\n" + b"\0" * 50):
        with pytest.raises(FrameError):
            to_jpeg(capture(bad))
    with pytest.raises(FrameError):
        capture(12345)


@pytest.fixture
def help_session(live_backend):
    """(client factory, session id, staff) with consent given and staff joined."""

    def factory():
        return ApiClient(live_backend.url, live_backend.terminal_token)

    kiosk = factory()
    opened = kiosk.open_help_session()
    assert len(opened.code) == 6 and opened.state.code == "waiting"
    assert kiosk.grant_consent(opened.id).consented
    staff = LiveStaff(live_backend.url)
    assert staff.join(opened.code) == opened.id
    yield factory, opened.id, staff
    kiosk.end_help_session(opened.id)


def _until(condition) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


def _wait_for_frame(staff, sid, after):
    state = staff.state(sid, after=after, wait=WAIT_S)
    assert state["frame_seq"] > after, state
    return state


def test_publishes_changes_only_and_brings_pointer_and_hints_back(help_session):
    factory, sid, staff = help_session
    events: queue.Queue = queue.Queue()
    stopped: queue.Queue = queue.Queue()
    mirror = MirrorPublisher(
        factory, sid, max_minutes=20, on_event=events.put, on_stopped=stopped.put, poll_wait_s=2
    )
    mirror.start()
    assert events.get(timeout=WAIT_S).type == "joined"

    mirror.submit(png("red"), "home")
    state = _wait_for_frame(staff, sid, 0)
    assert state["screen_id"] == "home" and near(
        centre_colour(staff.frame(sid, state["frame_seq"])), (255, 0, 0)
    )
    mirror.submit(png("red"), "home")  # unchanged: not sent again
    _until(lambda: mirror.unchanged == 1)
    mirror.submit(png("blue"), "booking.day")
    state = _wait_for_frame(staff, sid, state["frame_seq"])
    assert state["screen_id"] == "booking.day" and near(
        centre_colour(staff.frame(sid, state["frame_seq"])), (0, 0, 255)
    )
    assert mirror.unchanged == 1 and mirror.published == 2 and state["frame_seq"] == 2

    assert staff.send(sid, {"type": "pointer", "x": 0.3, "y": 0.9}).status_code == 201
    pointer = events.get(timeout=WAIT_S)
    assert (pointer.type, pointer.x, pointer.y) == ("pointer", 0.3, 0.9)
    staff.send(sid, {"type": "hint", "hint_code": "press_next"})
    hint = events.get(timeout=WAIT_S)
    assert hint.type == "hint" and hint.text == "请点“下一步”"

    mirror.stop("kiosk")
    assert stopped.get(timeout=WAIT_S) == "kiosk"
    mirror.join(WAIT_S)
    assert not mirror.running
    assert staff.state(sid)["state"]["code"] == "ended"


def test_at_most_two_frames_a_second(help_session):
    factory, sid, staff = help_session
    mirror = MirrorPublisher(factory, sid, max_minutes=20)
    mirror.start()
    done = threading.Event()

    def flood():  # a new picture every 20 ms for 1.2 s
        for n in range(60):
            mirror.submit(png((n * 4, 0, 0), (108, 192)), "home")
            done.wait(0.02)

    flood()
    mirror.stop()
    mirror.join(WAIT_S)
    # 1.2 s at ≤ 2 fps: the first frame at once, then at most one per 0.5 s (+1 for the
    # last pending frame sent before the stop took effect).
    assert 1 <= mirror.published <= 4
    assert staff.state(sid)["frame_seq"] == mirror.published


def test_stops_by_itself_after_the_time_limit(help_session):
    factory, sid, staff = help_session
    stopped: queue.Queue = queue.Queue()
    mirror = MirrorPublisher(
        factory, sid, max_minutes=0.5 / 60, on_stopped=stopped.put, poll_wait_s=1
    )
    mirror.start()
    mirror.submit(png("green", (108, 192)), "home")
    assert stopped.get(timeout=WAIT_S) == "timeout"
    assert staff.state(sid)["state"]["code"] == "ended"


def test_staff_ending_elsewhere_stops_the_mirror(live_backend, help_session):
    factory, sid, _staff = help_session
    stopped: queue.Queue = queue.Queue()
    mirror = MirrorPublisher(factory, sid, max_minutes=20, on_stopped=stopped.put, poll_wait_s=2)
    mirror.start()
    factory().open_help_session()  # a new 呼叫帮助 replaces (ends) this session
    assert stopped.get(timeout=WAIT_S) == "ended"
