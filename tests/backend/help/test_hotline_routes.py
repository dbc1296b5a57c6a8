"""The hotline console's rules at the routes (issue 13), with the app clock under control:
heartbeat and silence, end reasons, the queue, joining by code as typed, notes, supervisors."""

from __future__ import annotations

import re

from sqlalchemy import select

from backend.help.demo import DEMO_SUPERVISOR
from backend.help.joining import parse_code
from backend.help.models import HelpAudit
from tests.backend.help.conftest import Staff


def _beat(kiosk, sid: str, **status):
    return kiosk.client.post(
        f"/api/v1/help/sessions/{sid}/heartbeat", headers=kiosk.headers, json=status
    )


def _queue(staff) -> dict:
    r = staff.client.get("/staff/api/queue")
    assert r.status_code == 200
    return r.json()


def test_codes_as_typed():
    for typed in ("226930", "226 930", "226-930", "２２６９３０", " 226　930 ", "２２６－９３０"):
        assert parse_code(typed) == "226930", typed
    for typed in ("22693", "2269301", "22a930", "", "226/930x"):
        assert parse_code(typed) is None, typed


def test_silence_shows_offline_then_ends_as_lost(api, kiosk, staff, joined):
    assert _beat(kiosk, joined, screen_title="确认身份").status_code == 200
    state = staff.state(joined).json()
    assert state["connected"] and state["screen_title"] == "确认身份"
    api.clock.advance(seconds=4)
    state = staff.state(joined).json()
    assert not state["connected"] and state["connection"] == "连接中断"
    refused = staff.send(joined, {"type": "pointer", "x": 0.5, "y": 0.5})
    assert refused.status_code == 409 and "连接中断" in refused.text
    assert _beat(kiosk, joined).status_code == 200  # back: pointing works again
    assert staff.send(joined, {"type": "hint", "hint_code": "wait"}).status_code == 201
    api.clock.advance(seconds=61)
    state = staff.state(joined).json()
    assert state["state"]["code"] == "ended"
    assert state["end_reason"] == {"code": "lost", "label": "连接中断"}
    assert _beat(kiosk, joined).status_code == 409
    with api.app.state.ctx.db.session(write=False) as db:
        end = db.scalar(select(HelpAudit).where(HelpAudit.event == "end"))
    assert end.detail == "lost"


def test_the_kiosk_says_why_it_ended_but_never_as_staff(kiosk, staff, joined):
    assert kiosk.end(joined, "staff").status_code == 422
    assert kiosk.end(joined, "declined").status_code == 200
    assert staff.state(joined).json()["end_reason"]["label"] == "老人不同意"
    events = kiosk.events(joined).json()["items"]
    assert events[-1]["type"] == "ended" and events[-1]["reason"] == "declined"


def test_the_worker_ends_it_and_the_kiosk_hears_why(kiosk, staff, joined):
    assert staff.client.post(f"/staff/api/sessions/{joined}/end").status_code == 403  # CSRF
    r = staff.client.post(f"/staff/api/sessions/{joined}/end", headers={"X-CSRF-Token": staff.csrf})
    assert r.status_code == 200 and r.json()["end_reason"]["code"] == "staff"
    assert kiosk.events(joined).json()["items"][-1]["reason"] == "staff"


def test_heartbeats_carry_no_data(kiosk, staff, joined):
    assert _beat(kiosk, joined, actions=["按了 11010519491231"]).status_code == 422
    assert _beat(kiosk, joined, screen_title="手机 13800138000").status_code == 422
    assert _beat(kiosk, joined, actions=["按了 下一步"] * 6).status_code == 422
    assert _beat(kiosk, joined, actions=["按了 下一步"], step="第 2 步，共 6 步").status_code == 200


def test_the_queue_shows_who_waits_and_clears_when_joined(api, kiosk, other_kiosk, staff):
    opened = kiosk.client.post(
        "/api/v1/help/sessions",
        headers=kiosk.headers,
        json={"place_name": "幸福里社区服务中心 1号机", "screen_title": "上门地址"},
    ).json()
    other = other_kiosk.open()
    waiting = _queue(staff)["waiting"]
    assert [w["place_name"] for w in waiting] == [
        "幸福里社区服务中心 1号机",
        "演示市幸福区样例街道服务站 演示终端二号",
    ]
    assert waiting[0]["screen_title"] == "上门地址" and waiting[0]["terminal"] == "演示终端一号"
    sid = staff.session_id(staff.join(opened["code"]))
    assert [w["id"] for w in _queue(staff)["waiting"]] == [other["id"]]
    assert [m["id"] for m in _queue(staff)["mine"]] == [sid]
    api.clock.advance(seconds=4)  # the other kiosk went away before anyone joined
    assert _queue(staff)["waiting"] == []


def test_each_refusal_of_a_code_says_why(kiosk, staff, other_staff):
    code = kiosk.open()["code"]
    wrong = staff.join(f"{(int(code) + 1) % 10**6:06d}")
    assert wrong.status_code == 404 and "还可以再试 4 次" in wrong.text
    assert staff.join("12 34").status_code == 422
    assert staff.session_id(staff.join(code))
    taken = other_staff.join(code)
    assert taken.status_code == 409 and "已由同事热线演示员一接入" in taken.text
    kiosk.end(taken_sid := staff.session_id(staff.join(code)), "kiosk")
    ended = other_staff.join(code)
    assert ended.status_code == 410 and "已经结束（老人结束协助）" in ended.text and taken_sid


def test_an_expired_code_is_named_as_expired(api, other_kiosk, staff):
    opened = other_kiosk.open()
    api.clock.advance(minutes=10, seconds=1)
    r = staff.join(opened["code"])
    assert r.status_code == 410 and "帮助码已过期" in r.text
    assert f'value="{opened["code"]}"' in r.text  # the input is kept


def test_the_wrong_code_lock_says_when_it_lifts(kiosk, staff):
    kiosk.open()
    for _ in range(5):
        staff.join("000000")
    locked = staff.join("000000")
    assert locked.status_code == 429
    assert re.search(
        r"帮助码输错次数太多，请在 (\d+ 秒后|1 分钟后（\d\d:\d\d 以后）)再试", locked.text
    )


def test_notes_keep_no_long_numbers(kiosk, staff, joined):
    def save(**body):
        return staff.client.post(
            f"/staff/api/sessions/{joined}/note", json=body, headers={"X-CSRF-Token": staff.csrf}
        )

    assert save(note="老人电话 13800138000").status_code == 422
    assert save(note="ok", ticket="GD 1; drop").status_code == 422
    saved = save(note="指导老人完成预约", ticket="GD-0001")
    assert saved.status_code == 200 and saved.json()["ticket"] == "GD-0001"


def test_only_a_supervisor_reads_the_timeline(api, staff, joined):
    assert "只有值班主管可以查看协助记录" in staff.client.get("/staff/audit").text
    boss = Staff(api.app)
    assert boss.sign_in(DEMO_SUPERVISOR).status_code == 303
    page = boss.client.get("/staff/audit", params={"day": "not-a-day", "worker": "x"})
    assert page.status_code == 200 and 'id="audit"' in page.text and "热线演示员一" in page.text
