"""主动发现 in a real headless Chromium against the real backend: a community worker signs in,
sees the counts, opens a list, shows one number; the pages load with no error."""

from __future__ import annotations

import re

import pytest

from backend.benefits.demo import DEMO_COMMUNITY_STAFF
from backend.demo import DEMO_CITIZENS
from tests.fixtures.staff_browser import staff_page

pytestmark = pytest.mark.slow


def test_community_worker_finds_and_phones_in_chromium(live_backend):
    with staff_page(live_backend.url, DEMO_COMMUNITY_STAFF) as page:
        page.goto(f"{live_backend.url}/staff/outreach")
        row = page.locator("tr", has_text="高龄津贴")
        assert int(row.locator(".count").inner_text()) > 0
        row.locator("a").click()
        page.wait_for_url("**/staff/outreach/longevity")
        assert "张*华" in page.inner_text("table")
        page.locator("tr", has_text="张*华").locator("button").click()
        shown = page.locator(".shown").inner_text()
        assert re.search(r"张\*华 的电话：100\d{8}", shown), shown
        assert DEMO_CITIZENS[0].phone in shown
        size = page.evaluate("getComputedStyle(document.querySelector('.shown')).fontSize")
        assert size == "20px"  # outreach.css loaded (the CSP allows only 'self')
        assert page.problems == []
