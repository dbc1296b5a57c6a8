"""主动发现 in a real headless Chromium against the real backend: a community worker signs in,
sees the counts, opens a list, shows one number; the pages load with no error."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import sync_playwright

from backend.benefits.demo import DEMO_COMMUNITY_STAFF
from backend.demo import DEMO_CITIZENS

pytestmark = pytest.mark.slow

CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]


def test_community_worker_finds_and_phones_in_chromium(live_backend):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            problems: list[str] = []
            page.on("pageerror", lambda exc: problems.append(str(exc)))
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.goto(f"{live_backend.url}/staff")
            page.fill("input[name=username]", DEMO_COMMUNITY_STAFF.username)
            page.fill("input[name=password]", DEMO_COMMUNITY_STAFF.password)
            page.click("button[type=submit]")
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
            assert problems == []
        finally:
            browser.close()
