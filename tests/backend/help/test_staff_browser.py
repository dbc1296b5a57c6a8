"""The staff console in a real headless Chromium (Debian's, driven by playwright) against
the real backend: sign in, join by code, see the kiosk's picture change, click to point, and
the kiosk side (kiosk.help.mirror) receives the pointer at the clicked spot."""

from __future__ import annotations

import io
import queue

import pytest
from PIL import Image
from playwright.sync_api import expect, sync_playwright

from backend.help.demo import DEMO_STAFF
from kiosk.api import ApiClient
from kiosk.help.mirror import MirrorPublisher

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
WAIT_MS = 10_000
# Kiosk portrait, scaled down by the publisher to at most 1280 px.
SIZE = (1080, 1920)


def png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", SIZE, colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def shown_colour(page) -> list[int]:
    """The centre pixel of the picture the browser is showing (decoded by Chromium)."""
    return page.evaluate("""() => {
        const img = document.getElementById('frame');
        const c = document.createElement('canvas');
        c.width = img.naturalWidth; c.height = img.naturalHeight;
        const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        return Array.from(g.getImageData(c.width / 2, c.height / 2, 1, 1).data.slice(0, 3));
    }""")


def near(colour, expected, tolerance=12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def test_staff_signs_in_joins_sees_changes_and_points(live_backend, browser):
    def channel():
        return ApiClient(live_backend.url, live_backend.terminal_token)

    kiosk = channel()
    opened = kiosk.open_help_session()
    kiosk.grant_consent(opened.id)
    events: queue.Queue = queue.Queue()

    def guided(event) -> None:  # pointers and hints; "active" (the worker working) aside
        if event.type != "active":
            events.put(event)

    shown = {"screen_title": "社区民政服务"}  # what the kiosk's heartbeat says it shows
    mirror = MirrorPublisher(
        channel,
        opened.id,
        max_minutes=20,
        on_event=guided,
        poll_wait_s=2,
        status=lambda: dict(shown),
    )
    mirror.start()
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on(
            "response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None
        )
        page.goto(f"{live_backend.url}/staff")
        page.fill("input[name=username]", DEMO_STAFF.username)
        page.fill("input[name=password]", DEMO_STAFF.password)
        page.click("#sign-in button[type=submit]")
        page.fill("input[name=code]", opened.code)
        page.click("#join button[type=submit]")
        page.wait_for_url(f"**/staff/sessions/{opened.id}")
        assert events.get(timeout=10).type == "joined"

        mirror.submit(png("red"), "home")
        page.wait_for_selector("#frame[data-seq='1']", state="visible", timeout=WAIT_MS)
        assert near(shown_colour(page), (255, 0, 0))
        expect(page.locator("#screen")).to_have_text("社区民政服务", timeout=WAIT_MS)

        shown["screen_title"] = "预约上门服务"  # the kiosk navigates
        mirror.submit(png("blue"), "booking")
        page.wait_for_selector("#frame[data-seq='2']", timeout=WAIT_MS)
        assert near(shown_colour(page), (0, 0, 255))
        expect(page.locator("#screen")).to_have_text("预约上门服务", timeout=WAIT_MS)
        assert page.text_content("#status") == "工作人员正在协助"

        box = page.locator("#frame").bounding_box()
        page.locator("#frame").click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.8})
        pointer = events.get(timeout=10)
        assert pointer.type == "pointer"
        assert pointer.x == pytest.approx(0.25, abs=0.02) and pointer.y == pytest.approx(
            0.8, abs=0.02
        )
        assert page.is_visible("#marker")

        page.click("#hints button[data-code='press_back']")
        hint = events.get(timeout=10)
        assert (hint.type, hint.hint_code) == ("hint", "press_back")

        mirror.stop("kiosk")  # 结束协助 on the kiosk: the console shows a clear ended state
        page.wait_for_selector("#ended", state="visible", timeout=WAIT_MS)
        expect(page.locator("#status")).to_have_text("协助已结束：老人结束协助")
        assert page.is_hidden("#frame") and page.get_attribute("#live", "data-state") == "ended"
        assert errors == []
    finally:
        mirror.stop()
        mirror.join(10)
