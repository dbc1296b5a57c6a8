"""While staff watch, a held keypad key must not show in the mirror (issue 13): each key is
held with real mouse events on the kiosk's window for 100–1000 ms, and every frame grabbed
for the mirror meanwhile is pixel-identical whichever key is held; none is even published."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from kiosk.tour import settle, wait_until
from tests.backend.help.live_staff import LiveStaff
from tests.fixtures.qml_tools import Tapper, answered, find
from tests.help.test_help import WAIT_S, RecordingPublisher

KEYS = [*"0123456789X", "Delete"]


def _centre(item) -> QPoint:
    return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()


def _mirroring_on_identify(kiosk) -> tuple[Tapper, RecordingPublisher]:
    RecordingPublisher.made = []
    kiosk.help.publisher_factory = RecordingPublisher
    tapper = Tapper(kiosk)
    tapper.tap("tileProgress")  # the identification screen with its keypad
    tapper.tap("navHelp")
    answered(kiosk)
    tapper.tap("consentAllow")
    answered(kiosk)
    tapper.tap("navBack")
    assert kiosk.help.mirroring and kiosk.navigator.current == "identify"
    return tapper, RecordingPublisher.made[-1]


def _hold(tapper: Tapper, item, hold_ms: int) -> tuple[QImage, QImage]:
    """Press `item`, keep it down `hold_ms` (the kiosk's loop and its mirror keep running),
    and return a mirror grab and the senior's own picture taken while it is down."""
    kiosk = tapper.kiosk
    window, at = kiosk.window, _centre(item)
    tapper.now += 1.0  # a second after the last tap: not swallowed as a double tap
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    settle(hold_ms // 2)
    masked, seen = kiosk.mirror.grab_masked(), window.grabWindow()
    settle(hold_ms - hold_ms // 2)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    settle(20)
    return masked, seen


def test_a_held_key_never_shows_in_the_mirror(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    tapper, publisher = _mirroring_on_identify(kiosk)
    staff = LiveStaff(live_backend.url)
    session_id = staff.join(kiosk.help.session.code)
    assert wait_until(lambda: staff.state(session_id).get("screen_id") == "identify", WAIT_S)
    settle(700)  # the identify screen's frame is out; typing starts from here
    reference = kiosk.mirror.grab_masked()
    published_before = publisher.published
    handed_before = len(publisher.handed)
    seq_before = staff.state(session_id)["frame_seq"]

    for i, key in enumerate(KEYS):
        item = find(kiosk, "keyDelete" if key == "Delete" else f"key_{key}")
        hold_ms = 100 + i * 900 // (len(KEYS) - 1)  # 100 … 1000 ms
        masked, seen = _hold(tapper, item, hold_ms)
        assert masked == reference, f"holding {key} for {hold_ms} ms shows in the mirror"
        if key.isdigit():  # the senior does see the key go down (the test can tell a press)
            assert seen != masked, f"{key} was not really pressed"
    settle(1200)  # the mirror grabs after each repaint; give it time to hand frames over

    typed = kiosk.identify.idText.replace(" ", "")
    assert typed == "012345678", "the keys were really pressed (X refused, 9 deleted)"
    handed = publisher.handed[handed_before:]
    assert handed, "the mirror kept grabbing while keys were held"
    assert all(frame == reference for frame, _screen in handed)
    assert publisher.published == published_before, "no frame differed, so none was sent"
    assert staff.state(session_id)["frame_seq"] == seq_before
