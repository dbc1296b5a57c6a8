"""One account however its name is spelled: lookup, lockout and audit see the same name
(NFKC, trimmed, case-folded), for staff and volunteers alike; the refusal says when to try."""

from __future__ import annotations

import re

import pytest

from backend.help.demo import DEMO_STAFF, DEMO_VOLUNTEERS, DemoStaff
from backend.help.names import account_name, volunteer_number
from tests.backend.help.conftest import Staff
from tests.backend.help.test_volunteers import _codes, _sign_in

STAFF_SPELLINGS = (
    "hotline01",
    "HOTLINE01",
    " hotline01",
    "hotline01 ",
    "\u3000Hotline01\u3000",  # ideographic spaces
    "ｈｏｔｌｉｎｅ０１",  # full width
    "ＨｏｔＬｉｎｅ01",
    "hotline\uff101",  # one full-width digit
)
VOLUNTEER_SPELLINGS = (
    "V-0001",
    "v-0001",
    " V-0001 ",
    "Ｖ－０００１",
    "ｖ-0001",
    "0001",
    "０００１",
)
V = DEMO_VOLUNTEERS[0]


def _as(spelling: str, password: str = DEMO_STAFF.password) -> DemoStaff:
    return DemoStaff(spelling, password, "")


def test_every_spelling_names_one_account():
    assert {account_name(s) for s in STAFF_SPELLINGS} == {"hotline01"}
    assert {volunteer_number(s) for s in VOLUNTEER_SPELLINGS} == {"V-0001"}
    assert account_name("hotline02") != account_name("hotline01")


@pytest.mark.parametrize("spelling", STAFF_SPELLINGS)
def test_each_staff_spelling_signs_in(api, spelling):
    assert Staff(api.app).sign_in(_as(spelling)).status_code == 303


def test_staff_lockout_holds_for_every_spelling(api):
    browser = Staff(api.app)
    for spelling in STAFF_SPELLINGS[:5]:  # five failures, each spelled differently
        assert browser.sign_in(_as(spelling, "wrong")).status_code == 401
    for spelling in STAFF_SPELLINGS:  # then the right password, in any spelling, is refused
        locked = Staff(api.app).sign_in(_as(spelling))
        assert locked.status_code == 429, spelling
        assert re.search(r"请在 1[45] 分钟后（\d\d:\d\d 以后）再试", locked.text), locked.text
    assert Staff(api.app).sign_in(_as("hotline02", "demo-hotline-23459")).status_code == 303
    api.clock.advance(minutes=15, seconds=1)
    assert Staff(api.app).sign_in(_as(STAFF_SPELLINGS[5])).status_code == 303


def test_volunteer_lockout_holds_for_every_spelling(api):
    for spelling in VOLUNTEER_SPELLINGS[:5]:
        assert _sign_in(api, number=spelling, pin="999999").status_code == 401
    for spelling in VOLUNTEER_SPELLINGS:
        locked = _sign_in(api, number=spelling)
        assert locked.status_code == 429 and _codes(locked) == ["volunteer_locked"], spelling
        assert re.search(r"请在 1[45] 分钟后（\d\d:\d\d 以后）再试", locked.text)
    api.clock.advance(minutes=15, seconds=1)
    r = _sign_in(api, number=VOLUNTEER_SPELLINGS[3])
    assert r.status_code == 201 and r.json()["volunteer_id"] == V.number
