"""Help sessions through the routes: the happy path, then every rule of issue 8."""

from __future__ import annotations

import logging

from sqlalchemy import select

from backend.demo import DEMO_CITIZENS
from backend.help.models import HelpAudit, HelpSession
from tests.backend.help.conftest import jpeg


def _codes(response) -> list[str]:
    return [e["code"] for e in response.json()["errors"]]


def test_open_consent_join_publish_point_end(kiosk, staff):
    opened = kiosk.open()
    assert len(opened["code"]) == 6 and opened["code"].isdigit()
    assert opened["state"] == {"code": "waiting", "label": "等待工作人员"}
    assert opened["code_expires_at"].endswith("+08:00")
    sid = opened["id"]
    assert kiosk.consent(sid).json()["consented"] is True
    assert staff.session_id(staff.join(opened["code"])) == sid
    assert kiosk.events(sid).json()["items"][0]["type"] == "joined"

    red = jpeg("red")
    assert kiosk.publish(sid, red, "booking.service").json() == {"seq": 1}
    state = staff.state(sid).json()
    assert (state["frame_seq"], state["screen_id"], state["state"]["code"]) == (
        1,
        "booking.service",
        "active",
    )
    shown = staff.frame(sid, 1)
    assert shown.headers["content-type"] == "image/jpeg" and shown.content == red

    assert staff.send(sid, {"type": "pointer", "x": 0.25, "y": 0.75}).status_code == 201
    assert staff.send(sid, {"type": "hint", "hint_code": "press_back"}).status_code == 201
    events = kiosk.events(sid, after=1).json()["items"]
    assert [(e["type"], e["x"], e["y"]) for e in events[:1]] == [("pointer", 0.25, 0.75)]
    assert events[1]["hint_code"] == "press_back" and "返回" in events[1]["text"]

    ended = kiosk.end(sid, "kiosk").json()
    assert ended["state"]["code"] == "ended"
    assert kiosk.events(sid, after=3).json()["items"][0]["type"] == "ended"
    assert staff.state(sid).json()["state"]["code"] == "ended"
    assert staff.frame(sid).status_code == 404  # nothing of the screen outlives the session
    assert staff.send(sid, {"type": "pointer", "x": 0.5, "y": 0.5}).status_code == 409
    assert kiosk.publish(sid).status_code == 409
    assert kiosk.end(sid).status_code == 200  # ending twice is harmless


def test_frames_need_consent_and_a_small_jpeg(kiosk):
    sid = kiosk.open()["id"]
    r = kiosk.publish(sid)
    assert r.status_code == 409 and _codes(r) == ["consent_required"]
    kiosk.consent(sid)
    not_jpeg = kiosk.publish(sid, b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    assert not_jpeg.status_code == 422 and _codes(not_jpeg) == ["invalid_frame"]
    bad_screen = kiosk.publish(sid, screen_id="<script>")
    assert bad_screen.status_code == 422
    too_big = kiosk.publish(sid, b"\xff\xd8\xff" + b"0" * (150 * 1024))
    assert too_big.status_code == 413 and _codes(too_big) == ["frame_too_large"]
    assert kiosk.publish(sid).status_code == 201


def test_expired_code_is_refused(api, kiosk, staff):
    code = kiosk.open()["code"]
    api.clock.advance(minutes=10, seconds=1)
    r = staff.join(code)
    assert r.status_code == 410 and "帮助码已过期" in r.text


def test_code_is_single_use(kiosk, staff, other_staff):
    code = kiosk.open()["code"]
    assert staff.join(code).status_code == 303
    taken = other_staff.join(code)
    assert taken.status_code == 409 and "已由同事热线演示员一接入" in taken.text
    assert staff.join(code).status_code == 303  # the same worker gets back to it


def test_guessed_codes_are_refused_and_rate_limited_per_staff_account(
    api, kiosk, staff, other_staff
):
    code = kiosk.open()["code"]
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for guess in (wrong, "12345", "abcdef", "1234567", wrong):
        assert staff.join(guess).status_code in (404, 422)
    locked = staff.join(code)  # even the right code, while over the limit
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) <= 60
    assert other_staff.join(wrong).status_code == 404  # the limit is per account
    api.clock.advance(seconds=61)
    assert staff.session_id(staff.join(code))


def test_no_staff_session_reaches_nothing(api, joined):
    from tests.backend.help.conftest import Staff

    anonymous = Staff(api.app)
    assert anonymous.state(joined).status_code == 401
    assert anonymous.frame(joined).status_code == 401
    assert anonymous.send(joined, {"type": "pointer", "x": 0.1, "y": 0.1}).status_code == 401
    page = anonymous.client.get(f"/staff/sessions/{joined}")
    assert page.status_code == 303 and page.headers["location"] == "/staff"
    assert anonymous.join("123456", csrf="x").status_code == 303  # back to sign-in, nothing joined


def test_staff_see_only_sessions_they_joined(kiosk, joined, other_staff):
    kiosk.publish(joined)
    assert other_staff.state(joined).status_code == 404
    assert other_staff.frame(joined).status_code == 404
    assert other_staff.send(joined, {"type": "pointer", "x": 0.1, "y": 0.1}).status_code == 404
    assert other_staff.client.get(f"/staff/sessions/{joined}").status_code == 404
    assert kiosk.events(joined).json()["items"][-1]["type"] == "joined"  # no pointer got through


def test_a_kiosk_reaches_only_its_own_session(kiosk, other_kiosk, joined):
    assert other_kiosk.publish(joined).status_code == 404
    assert other_kiosk.consent(joined).status_code == 404
    assert other_kiosk.events(joined).status_code == 404
    assert other_kiosk.end(joined).status_code == 404
    assert kiosk.publish(joined).status_code == 201  # the session is untouched


def test_staff_can_point_and_hint_but_never_press(kiosk, staff, joined):
    for event in (
        {"type": "press", "x": 0.5, "y": 0.5},
        {"type": "click"},
        {"type": "key", "key": "Enter"},
        {"type": "navigate", "screen_id": "home"},
    ):
        r = staff.send(joined, event)
        assert r.status_code == 422 and _codes(r) == ["event_type_not_allowed"]
    for event in (
        {"type": "pointer", "x": 1.5, "y": 0.5},
        {"type": "pointer", "x": 0.5},
        {"type": "hint", "hint_code": "no_such_hint"},
    ):
        assert staff.send(joined, event).status_code == 422
    assert [e["type"] for e in kiosk.events(joined).json()["items"]] == ["joined"]


def test_missing_csrf_token_is_refused(kiosk, staff):
    opened = kiosk.open()
    assert staff.join(opened["code"], csrf="").status_code == 403
    assert staff.join(opened["code"], csrf="forged").status_code == 403
    sid = staff.session_id(staff.join(opened["code"]))
    assert staff.send(sid, {"type": "pointer", "x": 0.5, "y": 0.5}, csrf="").status_code == 403
    assert (
        staff.send(sid, {"type": "pointer", "x": 0.5, "y": 0.5}, csrf="forged").status_code == 403
    )
    assert [e["type"] for e in kiosk.events(sid).json()["items"]] == ["joined"]


def test_a_new_help_call_ends_the_previous_one(kiosk):
    first = kiosk.open()["id"]
    kiosk.open()
    assert kiosk.events(first).json()["state"]["code"] == "ended"


def test_audit_log_records_staff_kiosk_start_end_and_no_citizen_data(api, kiosk, staff):
    citizen_headers = api.identify(0)  # a citizen is at the kiosk during the help session
    opened = kiosk.open()
    kiosk.consent(opened["id"])
    sid = staff.session_id(staff.join(opened["code"]))
    kiosk.publish(sid)
    kiosk.end(sid, "idle")
    with api.app.state.ctx.db.session(write=False) as db:
        rows = db.scalars(
            select(HelpAudit).where(HelpAudit.help_session_id == sid).order_by(HelpAudit.id)
        ).all()
        session_row = db.get(HelpSession, sid)
    assert [r.event for r in rows] == ["start", "consent", "join", "end"]
    assert {r.terminal_id for r in rows} == {"T-0001"}
    assert [r.staff_id for r in rows] == [None, None, session_row.staff_id, session_row.staff_id]
    assert rows[-1].detail == "idle"
    stored = " ".join(str(vars(r)) for r in [*rows, session_row])
    assert opened["code"] not in stored  # the code is kept only as a hash
    assert citizen_headers["X-Citizen-Session"] not in stored
    for c in DEMO_CITIZENS:
        assert c.id_number not in stored and c.phone not in stored and c.name not in stored


def test_an_abandoned_session_counts_as_ended_after_the_backstop(api, kiosk, staff, joined):
    kiosk.publish(joined)
    api.clock.advance(minutes=125)
    assert staff.state(joined).json()["state"]["code"] == "ended"
    assert staff.frame(joined).status_code == 404
    assert staff.send(joined, {"type": "pointer", "x": 0.5, "y": 0.5}).status_code == 409
    assert kiosk.publish(joined).status_code == 409


def test_help_logs_carry_no_code_and_no_citizen_data(api, kiosk, staff, caplog):
    caplog.set_level(logging.INFO, logger="backend")
    api.identify(0)
    opened = kiosk.open()
    kiosk.consent(opened["id"])
    staff.join(f"{(int(opened['code']) + 1) % 10**6:06d}")
    sid = staff.session_id(staff.join(opened["code"]))
    kiosk.end(sid)
    text = " ".join(f"{r.getMessage()} {getattr(r, 'fields', '')}" for r in caplog.records)
    for event in ("help_start", "help_consent", "help_code_wrong", "help_join", "help_end"):
        assert event in text
    assert opened["code"] not in text
    for c in DEMO_CITIZENS:
        assert c.id_number not in text and c.phone not in text and c.name not in text
