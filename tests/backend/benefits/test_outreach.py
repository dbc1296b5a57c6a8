"""主动发现 in the staff console: community workers only, masked list, every view audited."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from backend.benefits.demo import DEMO_COMMUNITY_STAFF
from backend.benefits.models import OutreachAudit
from backend.demo import DEMO_CITIZENS
from backend.help.demo import DEMO_STAFF
from tests.backend.conftest import make_api
from tests.backend.help.conftest import Staff

_ROW = re.compile(r"<tr><td>([^<]+)</td><td>(\d+|—)</td><td>([^<]+)</td><td>([^<]+)</td>")


@pytest.fixture
def console(database_url):
    api = make_api(database_url)
    staff = Staff(api.app)
    assert staff.sign_in(DEMO_COMMUNITY_STAFF).status_code == 303
    return api, staff


def _audit(api) -> list[OutreachAudit]:
    with api.app.state.ctx.db.session(write=False) as db:
        return list(db.scalars(select(OutreachAudit).order_by(OutreachAudit.id)))


def test_counts_per_policy_and_a_masked_list_that_is_audited(console):
    api, staff = console
    overview = staff.client.get("/staff/outreach")
    assert overview.status_code == 200
    counts = dict(re.findall(r"<tr><td>([^<]+)</td><td class=\"count\">(\d+)</td>", overview.text))
    assert set(counts) >= {"高龄津贴", "最低生活保障", "重度残疾人护理补贴"}
    assert _audit(api) == []  # the counts name nobody
    assert staff.client.get("/staff/benefits-static/outreach.css").status_code == 200
    page = staff.client.get("/staff/outreach/longevity")
    rows = _ROW.findall(page.text)
    assert len(rows) == int(counts["高龄津贴"]) > 0
    names = {name for name, *_ in rows}
    assert "张*华" in names  # 80 on the demo day, nothing applied
    assert "宋*福" not in names  # 高龄津贴 applied (index 21: open application)
    for citizen in DEMO_CITIZENS:
        assert citizen.name not in page.text and citizen.phone not in page.text
        assert citizen.id_number not in page.text
    assert all("*" in phone and "*" in address for _, _, address, phone in rows)
    audit = _audit(api)
    assert [(a.event, a.policy, a.listed) for a in audit] == [("view_list", "longevity", len(rows))]
    staff.client.get("/staff/outreach/longevity")
    assert len(_audit(api)) == 2  # every view


def test_show_phone_is_audited_and_only_for_someone_on_the_list(console):
    api, staff = console
    page = staff.client.get("/staff/outreach/longevity").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    citizen_ref = re.search(r'name="citizen" value="(\d+)"', page).group(1)
    shown = staff.client.post(
        "/staff/outreach/longevity/phone", data={"csrf_token": csrf, "citizen": citizen_ref}
    )
    phone = next(c.phone for c in DEMO_CITIZENS if c.phone in shown.text)
    assert phone
    events = [(a.event, a.citizen_id) for a in _audit(api)]
    assert ("show_phone", int(citizen_ref)) in events
    not_listed = staff.client.post(
        "/staff/outreach/longevity/phone", data={"csrf_token": csrf, "citizen": "2"}
    )  # 王例芳 is 66: not on the 高龄津贴 list
    assert "不在名单上" in not_listed.text and DEMO_CITIZENS[2].phone not in not_listed.text
    forged = staff.client.post(
        "/staff/outreach/longevity/phone", data={"csrf_token": "x", "citizen": citizen_ref}
    )
    assert "页面已过期" in forged.text and phone not in forged.text
    assert [e for e, _ in events].count("show_phone") == 1


def test_the_console_links_to_it_for_community_workers_only(console, database_url):
    _, community = console
    assert '<a href="/staff/outreach">主动发现</a>' in community.client.get("/staff").text
    hotline = Staff(make_api(database_url).app)
    hotline.sign_in(DEMO_STAFF)
    assert "/staff/outreach" not in hotline.client.get("/staff").text


def test_hotline_staff_and_strangers_cannot_see_it(database_url):
    api = make_api(database_url)
    hotline = Staff(api.app)
    hotline.sign_in(DEMO_STAFF)
    assert hotline.client.get("/staff/outreach").status_code == 403
    assert hotline.client.get("/staff/outreach/longevity").status_code == 403
    anonymous = Staff(api.app)
    assert anonymous.client.get("/staff/outreach/longevity").status_code == 303
    assert _audit(api) == []


def test_the_last_kiosk_answers_count_too(console):
    """陈示英 answers at the kiosk that her income is under the line and she has no assets: she
    is then likely for 低保… but has an open 低保 application, so she stays off that list; 冯例莲
    (index 26, nothing applied for 低保) joins it."""
    api, staff = console
    before = staff.client.get("/staff/outreach/dibao").text
    assert "冯*莲" not in before
    answers = {"income_below_line": "no", "has_major_assets": "no"}
    for who in (4, 26):
        r = api.post(
            "/api/v1/benefits/screening",
            headers=api.identify(who),
            json={"answers": answers, "final": True},
        )
        assert r.status_code == 200, r.text
    after = staff.client.get("/staff/outreach/dibao").text
    assert "冯*莲" in after and "陈*英" not in after
