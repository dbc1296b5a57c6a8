"""The whole help loop with real parts: the kiosk (pytest-qt, offscreen) shows a help code,
a staff member in a real headless Chromium signs in and joins by that code, sees the
kiosk's picture change when the kiosk navigates, clicks on it, and the kiosk shows the
pulsing ring at that spot."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from backend.help.demo import DEMO_STAFF
from kiosk.tour import settle, wait_until
from tests.backend.help.test_staff_browser import WAIT_MS, browser  # noqa: F401  (fixture re-used here)
from tests.fixtures.qml_tools import Tapper, answered, find
from tests.help.test_help import WAIT_S
from tests.help.test_hotline_console import shown

pytestmark = pytest.mark.slow


def _frame_seq(page) -> int:
    return int(page.get_attribute("#frame", "data-seq") or 0)


def test_staff_in_chromium_joins_by_the_kiosks_code_sees_it_change_and_points(
    kiosk_factory,
    live_backend,
    browser,  # noqa: F811
):
    kiosk = kiosk_factory(live_backend)
    tapper = Tapper(kiosk)
    tapper.tap("navHelp")
    answered(kiosk)
    code = find(kiosk, "consentCode").property("text").replace(" ", "")  # what the senior reads out
    tapper.tap("consentAllow")
    answered(kiosk)
    assert kiosk.help.mirroring

    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_backend.url}/staff")
    page.fill("input[name=username]", DEMO_STAFF.username)
    page.fill("input[name=password]", DEMO_STAFF.password)
    page.click("#sign-in button[type=submit]")
    page.fill("input[name=code]", code)
    page.click("#join button[type=submit]")
    page.wait_for_url(f"**/staff/sessions/{kiosk.help.session.id}")
    shown(lambda ms: expect(page.locator("#frame")).to_be_visible(timeout=ms))
    shown(lambda ms: expect(page.locator("#screen")).to_have_text("呼叫帮助", timeout=ms))
    before = _frame_seq(page)

    tapper.tap("navHome")  # the kiosk navigates: staff see the new picture
    shown(lambda ms: expect(page.locator("#screen")).to_have_text("社区民政服务", timeout=ms))
    assert wait_until(lambda: _frame_seq(page) > before, WAIT_S)

    box = page.locator("#frame").bounding_box()
    page.locator("#frame").click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
    assert wait_until(lambda: kiosk.help.ringVisible, WAIT_S), "the pointer reached the kiosk"
    settle(50)
    ring = find(kiosk, "pointerRing")
    centre = ring.mapToScene(ring.boundingRect().center())
    width, height = kiosk.window.width(), kiosk.window.height()
    assert centre.x() == pytest.approx(0.25 * width, abs=0.02 * width)
    assert centre.y() == pytest.approx(0.75 * height, abs=0.02 * height)
    assert find(kiosk, "pointerRingText").isVisible()
    assert errors == []
