"""呼叫帮助 on the kiosk against the real backend: help code shown and spoken, consent,
mirroring with the banner on every screen, the ways it stops, masked frames, the ring."""

from __future__ import annotations

import functools
import json

from PySide6.QtGui import QImage

from civic_core import idnumber
from kiosk.api.help_models import HelpEvent
from kiosk.help.mirror import MirrorPublisher
from kiosk.help.view_model import Help
from kiosk.speech import spoken
from kiosk.tour import settle, wait_until
from tests.backend.help.live_staff import LiveStaff
from tests.fixtures.kiosk import demo_citizens
from tests.fixtures.qml_tools import Tapper, all_texts, answered, find, scene_rect

WAIT_S = 15


class RecordingPublisher(MirrorPublisher):
    """The real publisher, also keeping what the kiosk handed it."""

    made: list[RecordingPublisher] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.handed: list[tuple[QImage, str]] = []
        RecordingPublisher.made.append(self)

    def submit(self, frame, screen_id: str) -> None:
        self.handed.append((QImage(frame), screen_id))
        super().submit(frame, screen_id)


def _call_help(kiosk) -> Tapper:
    tapper = Tapper(kiosk)
    tapper.tap("navHelp")
    answered(kiosk)
    assert kiosk.help.asking
    return tapper


def _mirroring(kiosk, tapper: Tapper) -> None:
    tapper.tap("consentAllow")
    answered(kiosk)
    assert kiosk.help.mirroring


def _staff_state(staff: LiveStaff, session_id: str, *, until, timeout_s: float = WAIT_S) -> dict:
    """Staff's view of the session once until(state) holds (the kiosk's loop keeps running)."""
    last: dict = {}

    def check() -> bool:
        nonlocal last
        last = staff.state(session_id)
        return until(last)

    assert wait_until(check, timeout_s), last
    return last


def test_help_code_is_shown_large_and_spoken_digit_by_digit(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    _call_help(kiosk)
    code = kiosk.help.session.code
    assert len(code) == 6 and code.isdigit()
    shown = find(kiosk, "consentCode").property("text")
    assert shown.replace(" ", "") == code
    assert find(kiosk, "consentQuestion").property("text") == "允许工作人员查看您的屏幕吗？"
    said = kiosk.speech.said[-1]
    assert f"{spoken.digits_words(code[:3])}，{spoken.digits_words(code[3:])}" in said
    assert code not in said, "spoken as words, digit by digit"
    assert "允许工作人员查看您的屏幕吗" in said
    assert find(kiosk, "helpHotline", visible=False).property("text") == "服务热线 12349"


def test_deny_publishes_nothing_and_keeps_the_visits_one_code(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    made = RecordingPublisher.made = []
    kiosk.help.publisher_factory = RecordingPublisher
    tapper = _call_help(kiosk)
    code, session_id = kiosk.help.session.code, kiosk.help.session.id
    tapper.tap("consentDeny")
    answered(kiosk)
    assert kiosk.help.state == Help.State.PHONE and not kiosk.help.mirroring
    assert not kiosk.mirror.running
    assert len(made) == 1, "the publisher runs the help channel (heartbeat) from the code on"
    assert kiosk.help.publisher is made[0], "不允许 keeps the session for the phone call"
    assert made[0].handed == [] and made[0].published == 0, "no frame is sent"
    assert find(kiosk, "helpShareScreen").isVisible()
    assert find(kiosk, "helpCode").property("text").replace(" ", "") == code, "phone-only: code"
    # 不允许, then asking again (and leaving help and calling it again): the same code.
    tapper.tap("helpShareScreen")
    answered(kiosk)
    assert kiosk.help.asking and kiosk.help.session.code == code
    tapper.tap("consentDeny")
    tapper.tap("navHome")
    tapper.tap("navHelp")
    answered(kiosk)
    assert kiosk.help.asking and kiosk.help.session.id == session_id
    tapper.tap("consentDeny")
    # The hotline joins with it to help by phone, and sees no picture without consent.
    staff = LiveStaff(live_backend.url)
    assert staff.join(code) == session_id
    assert staff.state(session_id)["frame_seq"] == 0, "no picture without consent"
    # The visit ends: the code goes with it (ended as 老人不同意), the next visit gets a new one.
    kiosk.session.end()
    made[0].join(10)
    assert made[0].handed == [] and made[0].published == 0, "no frame was ever sent"
    ended = _staff_state(staff, session_id, until=lambda s: s["state"]["code"] == "ended")
    assert ended["end_reason"]["code"] == "declined", ended
    tapper.tap("navHelp")
    answered(kiosk)
    assert kiosk.help.session.id != session_id


def test_allow_mirrors_with_a_banner_on_every_screen_until_end_assist(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    tapper = _call_help(kiosk)
    session_id = kiosk.help.session.id
    staff = LiveStaff(live_backend.url)
    _mirroring(kiosk, tapper)
    assert staff.join(kiosk.help.session.code) == session_id
    state = _staff_state(staff, session_id, until=lambda s: s.get("frame_seq", 0) >= 1)
    assert state["screen_id"] == "help"
    for target in ("navHome", "tileBook", "navBack", "tileOrders"):
        tapper.tap(target)
        assert find(kiosk, "mirrorBanner").isVisible(), f"banner after {target}"
        assert find(kiosk, "helpEndAssist").isVisible()
    state = _staff_state(staff, session_id, until=lambda s: s.get("screen_id") == "identify")
    tapper.tap("helpEndAssist")
    assert not kiosk.help.mirroring
    assert not find(kiosk, "mirrorBanner", visible=False).isVisible()
    _staff_state(staff, session_id, until=lambda s: s["state"]["code"] == "ended")


def _watched_by_staff(kiosk, live_backend):
    """Help asked, the screen shared and a staff member watching: (session id, staff, publisher)."""
    tapper = _call_help(kiosk)
    session_id = kiosk.help.session.id
    staff = LiveStaff(live_backend.url)
    _mirroring(kiosk, tapper)
    staff.join(kiosk.help.session.code)
    return session_id, staff, kiosk.help.publisher


def test_idle_reset_stops_mirroring(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    session_id, staff, publisher = _watched_by_staff(kiosk, live_backend)
    kiosk.idle.advance(kiosk.config.idle.warning_after_s)
    kiosk.idle.advance(kiosk.config.idle.countdown_s + 1)
    settle(50)
    assert not kiosk.help.mirroring and kiosk.help.state == Help.State.IDLE
    assert not publisher.running
    assert kiosk.navigator.current == "home"
    assert not find(kiosk, "mirrorBanner", visible=False).isVisible()
    _staff_state(staff, session_id, until=lambda s: s["state"]["code"] == "ended")


def test_time_limit_stops_mirroring(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    now = [1000.0]
    kiosk.help.publisher_factory = functools.partial(MirrorPublisher, clock=lambda: now[0])
    tapper = _call_help(kiosk)
    _mirroring(kiosk, tapper)
    publisher = kiosk.help.publisher
    tapper.tap("navHome")
    assert kiosk.help.mirroring
    now[0] += kiosk.config.help.mirror_max_minutes * 60 + 1
    publisher.submit(b"", "home")  # wakes the publisher, which notices the time is up
    assert wait_until(lambda: not kiosk.help.mirroring, WAIT_S)
    assert kiosk.help.state == Help.State.PHONE
    assert not find(kiosk, "mirrorBanner", visible=False).isVisible()
    assert kiosk.speech.said[-1] == kiosk.i18n.pack.spoken["help.ended"]


def _diff_box(a: QImage, b: QImage):
    """The bounding box (x0, y0, x1, y1) of pixels that differ, or None."""
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    assert a.size() == b.size()
    width, height = a.width(), a.height()
    pa, pb = bytes(a.constBits()), bytes(b.constBits())
    stride = a.bytesPerLine()
    xs, ys = [], []
    for y in range(0, height, 2):
        row_a, row_b = (
            pa[y * stride : y * stride + width * 4],
            pb[y * stride : y * stride + width * 4],
        )
        if row_a != row_b:
            ys.append(y)
            for x in range(0, width, 2):
                if row_a[x * 4 : x * 4 + 3] != row_b[x * 4 : x * 4 + 3]:
                    xs.append(x)
    return (min(xs), min(ys), max(xs), max(ys)) if ys else None


def test_published_frames_are_rendered_from_the_masked_view(kiosk_factory, live_backend):
    citizen = demo_citizens()[0]
    kiosk = kiosk_factory(live_backend)
    RecordingPublisher.made = []
    kiosk.help.publisher_factory = RecordingPublisher
    tapper = Tapper(kiosk)
    tapper.tap("tileProgress")  # identification screen
    typed = citizen.id_number[:11]
    tapper.keys(typed)
    tapper.tap("navHelp")
    answered(kiosk)
    staff = LiveStaff(live_backend.url)
    session_id = kiosk.help.session.id
    _mirroring(kiosk, tapper)
    staff.join(kiosk.help.session.code)
    tapper.tap("navBack")  # back to the identification screen, the typed digits kept
    assert kiosk.navigator.current == "identify"
    entry = find(kiosk, "identifyEntry")
    assert entry.property("text") == idnumber.group(typed), "the senior sees the digits in full"

    at_grab: list[list[str]] = []
    at_entry: list[str] = []
    real_grab = kiosk.mirror.grab

    def recording_grab() -> QImage:
        at_grab.append(all_texts(kiosk))
        at_entry.append(entry.property("text"))
        return real_grab()

    kiosk.mirror.grab = recording_grab
    publisher = RecordingPublisher.made[-1]
    publisher.handed.clear()
    tapper.keys(citizen.id_number[11:14])  # typing goes on while staff watch
    typed = citizen.id_number[:14]
    assert wait_until(lambda: any(sid == "identify" for _, sid in publisher.handed), WAIT_S)
    settle(600)
    masked_frame = publisher.handed[-1][0]
    full_frame = kiosk.window.grabWindow()
    assert entry.property("text") == idnumber.group(typed)

    # What the publisher was handed differs from what the senior sees only in the counter
    # (已输入 n/18 位: its growth would tell), the entry field and the keypad with 清除 below
    # it (keys look alike there, issue 13).
    box = _diff_box(masked_frame, full_frame)
    assert box is not None, "the published frame must not show the typed digits"
    count = find(kiosk, "identifyCount")
    rect = scene_rect(count).united(scene_rect(find(kiosk, "identifyClear")))
    assert rect.left() - 2 <= box[0] and box[2] <= rect.right() + 2, (box, rect)
    assert rect.top() - 2 <= box[1] and box[3] <= rect.bottom() + 2, (box, rect)

    # At every grab the text items held only masked strings.
    assert at_grab
    for texts in at_grab:
        assert idnumber.group(typed) not in texts and idnumber.group(typed[:11]) not in texts
        flat = [t.replace(" ", "") for t in texts]
        for part in (typed[:6], typed[6:12], typed[8:14]):
            assert not any(part in t for t in flat), (part, texts)
    assert at_entry and all(t == "" for t in at_entry), at_entry  # the dots stand in for it
    assert find(kiosk, "identifyEntryMasked", visible=False).property("visible") is False

    # The published screen state carries no identifier: only the screen id.
    state = _staff_state(staff, session_id, until=lambda s: s.get("screen_id") == "identify")
    blob = json.dumps(state, ensure_ascii=False)
    for secret in (citizen.id_number[:11], citizen.phone, citizen.name):
        assert secret not in blob
    frame = staff.frame(session_id, state["frame_seq"])
    assert frame[:2] == b"\xff\xd8"  # a JPEG reached staff


def test_a_staff_pointer_shows_a_pulsing_ring_at_that_spot(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    tapper = _call_help(kiosk)
    _mirroring(kiosk, tapper)
    staff = LiveStaff(live_backend.url)
    session_id = staff.join(kiosk.help.session.code)
    tapper.tap("navHome")
    assert staff.send(session_id, {"type": "pointer", "x": 0.3, "y": 0.4}).status_code == 201
    assert wait_until(lambda: kiosk.help.ringVisible, WAIT_S)
    settle(50)
    ring = find(kiosk, "pointerRing")
    centre = ring.mapToScene(ring.boundingRect().center())
    assert (
        abs(centre.x() - 0.3 * kiosk.window.width()) < 2
        and abs(centre.y() - 0.4 * kiosk.window.height()) < 2
    )
    assert find(kiosk, "pointerRingText").property("text") == "请点一下闪动的地方"
    assert kiosk.speech.said[-1] == "请点一下闪动的地方。"
    staff.send(session_id, {"type": "hint", "hint_code": "press_back"})
    assert wait_until(lambda: kiosk.help.hintText == "请点屏幕下方的“返回”。", WAIT_S)
    assert find(kiosk, "helpHint").property("text") == "请点屏幕下方的“返回”。"
    assert kiosk.speech.said[-1] == "请点屏幕下方的“返回”。"
    staff.send(session_id, {"type": "pointer", "x": 0.6, "y": 0.5})
    assert wait_until(lambda: kiosk.help.hintText == "请点一下闪动的地方。", WAIT_S)
    tapper.tap("tileHelp")  # the ring pointed at the screen that was left
    assert not kiosk.help.ringVisible
    assert kiosk.help.hintText == "", "no 'tap the flashing spot' with nothing flashing"


def test_going_back_from_help_keeps_the_seniors_input(kiosk_factory, live_backend):
    citizen = demo_citizens()[0]
    kiosk = kiosk_factory(live_backend)
    tapper = Tapper(kiosk)
    tapper.tap("tileBook")
    tapper.keys(citizen.id_number[:9])
    tapper.tap("navHelp")
    answered(kiosk)
    tapper.tap("consentDeny")
    tapper.tap("navBack")
    assert kiosk.navigator.current == "identify"
    assert find(kiosk, "identifyEntry").property("text") == idnumber.group(citizen.id_number[:9])


def test_hint_events_from_an_ended_session_are_ignored(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    tapper = _call_help(kiosk)
    _mirroring(kiosk, tapper)
    old = kiosk.help.session.id
    tapper.tap("helpEndAssist")
    kiosk.help._event.emit(old, HelpEvent(9, "pointer", 0.5, 0.5))
    settle(20)
    assert not kiosk.help.ringVisible


def test_session_end_stops_mirroring(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    session_id, staff, publisher = _watched_by_staff(kiosk, live_backend)
    kiosk.session.end()  # 结束, or 不是我 after identification
    settle(20)
    assert not kiosk.help.mirroring and not publisher.running and not kiosk.mirror.running
    assert not find(kiosk, "mirrorBanner", visible=False).isVisible()
    _staff_state(staff, session_id, until=lambda s: s["state"]["code"] == "ended")


def test_help_and_back_keeps_the_booking_choices(kiosk_factory, live_backend):
    from tests.booking.test_booking import _to_summary

    kiosk = kiosk_factory(live_backend)
    tapper = Tapper(kiosk)
    slot = _to_summary(kiosk, tapper, demo_citizens()[0])
    tapper.tap("navHelp")
    answered(kiosk)
    tapper.tap("consentDeny")
    tapper.tap("navBack")
    assert kiosk.navigator.current == "booking_summary"
    assert kiosk.booking.state.slot == slot and kiosk.booking.canSubmit
