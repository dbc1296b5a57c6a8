"""/ops in a real headless Chromium against the real backend process, with a terminal made
of the kiosk's real fleet parts (kiosk.fleet.agent: heartbeat, usage events, remote settings
checked by kiosk/config.py and rolled back on a failed selftest). Only the printer is faked,
at its boundary: CUPS's `lpstat` output. The server clock is moved on through the demo-only
clock route, so missed heartbeats take no waiting."""

from __future__ import annotations

import dataclasses

import pytest
import requests
from playwright.sync_api import expect

from kiosk.config import KioskConfig
from kiosk.fleet.agent import FleetAgent
from tests.fixtures.ops_browser import module_backend, signed_in_page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow

SHOTS = "tour"  # screenshots to look at (not committed)
LPSTAT_OK = "printer receipt is idle.  enabled since Mon 30 Nov 2026\n\tAlerts: none\n"
LPSTAT_PAPER_OUT = (
    "printer receipt is idle.  enabled since Mon 30 Nov 2026\n\tAlerts: media-empty-error\n"
)


class Printer:
    """The CUPS boundary: what `lpstat -l -p` prints."""

    def __init__(self) -> None:
        self.report = LPSTAT_OK

    def __call__(self, args: list[str]) -> str:
        assert args[0] == "lpstat"
        return self.report


@pytest.fixture(scope="module")
def terminal(backend, tmp_path_factory):
    config = KioskConfig()
    config = dataclasses.replace(
        config,
        recognition=dataclasses.replace(config.recognition, enabled=False),
        devices=dataclasses.replace(config.devices, printer=""),
    )
    printer = Printer()
    agent = FleetAgent(config, url=backend.url, token=backend.terminal_token,
                       state_dir=tmp_path_factory.mktemp("terminal"), run=printer)  # fmt: skip
    agent.printer = printer
    agent.channel_ = agent.channel()
    agent.applied = []
    yield agent
    agent.channel_.close()


def beat(terminal) -> None:
    terminal.worker.run_once(terminal.channel_)


def advance(backend, seconds: int) -> None:
    r = requests.post(f"{backend.url}/api/v1/demo/clock", json={"advance_s": seconds},
                      headers={"Authorization": f"Bearer {backend.terminal_token}"}, timeout=5)  # fmt: skip
    assert r.status_code == 200, r.text


def row(page, terminal_id: str):
    return page.locator(f'tr[data-terminal="{terminal_id}"]')


def test_1_sign_in_and_the_list(page, terminal):
    beat(terminal)
    page.goto(page.url.split("/ops")[0] + "/ops")
    expect(row(page, "T-0001")).to_have_attribute("data-status", "online")
    expect(row(page, "T-0001").locator(".status")).to_have_text("在线")
    expect(row(page, "T-0002")).to_have_attribute("data-status", "offline")  # never seen
    expect(page.locator("#summary")).to_contain_text("在线 1 台")


def test_2_offline_after_three_missed_heartbeats(page, backend, terminal):
    beat(terminal)
    for _ in range(3):
        advance(backend, 30)
        page.reload()
        if _ < 2:
            expect(row(page, "T-0001")).to_have_attribute("data-status", "online")
    advance(backend, 1)  # 91 s since the last heartbeat: the third one is overdue
    page.reload()
    expect(row(page, "T-0001")).to_have_attribute("data-status", "offline")
    expect(row(page, "T-0001").locator(".status")).to_have_text("离线")
    beat(terminal)
    page.reload()
    expect(row(page, "T-0001")).to_have_attribute("data-status", "online")


def test_3_paper_out_shows_within_one_heartbeat(page, terminal):
    terminal.printer.report = LPSTAT_PAPER_OUT
    beat(terminal)  # one heartbeat
    page.reload()
    expect(row(page, "T-0001")).to_have_attribute("data-status", "degraded")
    expect(row(page, "T-0001")).to_contain_text("打印机缺纸")
    page.click('tr[data-terminal="T-0001"] a')
    expect(page.locator('tr[data-device="printer"]')).to_contain_text("缺纸 (media-empty)")
    page.goto(page.url.split("/ops")[0] + "/ops")
    page.screenshot(path=f"{SHOTS}/ops_fleet.png", full_page=True)
    terminal.printer.report = LPSTAT_OK
    beat(terminal)


def send_setting(page, key: str, value: str) -> None:
    page.goto(page.url.split("/ops")[0] + "/ops/terminals/T-0001")
    form = page.locator("#setting-form")
    form.locator("select[name=key]").select_option(key)
    form.locator("input[name=value]").fill(value)
    form.locator("button[type=submit]").click()


def result_of_last(page):
    page.reload()
    return page.locator("#settings tbody tr").first


def test_4_a_bad_remote_setting_is_refused_by_the_terminal(page, terminal):
    send_setting(page, "speech.volume_step", "9")
    beat(terminal)  # the terminal's config parser refuses it and reports back
    last = result_of_last(page)
    expect(last).to_have_attribute("data-result", "refused")
    expect(last).to_contain_text("被终端拒收：speech.volume_step: 9 is outside 0..5")
    assert terminal.config.speech.volume_step == 3


def test_5_a_good_setting_waits_for_the_visit_to_end(page, terminal):
    terminal.usage.screen("identify", "booking")  # a senior is at the kiosk
    send_setting(page, "speech.volume_step", "5")
    beat(terminal)
    assert terminal.idle_moment(terminal.applied.append) is None  # never during a visit
    expect(result_of_last(page)).to_contain_text("等待终端空闲")
    assert terminal.config.speech.volume_step == 3
    terminal.usage.visit_ended(idle_wipe=False)
    outcome = terminal.idle_moment(terminal.applied.append)
    assert outcome is not None and outcome.status == "applied"
    assert terminal.applied[-1].speech.volume_step == 5 == terminal.config.speech.volume_step
    beat(terminal)
    last = result_of_last(page)
    expect(last).to_have_attribute("data-result", "applied")
    expect(last).to_contain_text("已生效")


def test_6_a_setting_that_breaks_the_selftest_is_rolled_back(page, terminal):
    send_setting(page, "recognition.enabled", "true")  # valid, but this machine has no model
    beat(terminal)
    outcome = terminal.idle_moment(terminal.applied.append)
    assert outcome.status == "rolled_back" and "recognition" in outcome.detail
    assert terminal.applied[-2].recognition.enabled is True  # it was applied …
    assert terminal.applied[-1].recognition.enabled is False  # … and put back
    assert terminal.config.recognition.enabled is False
    beat(terminal)
    last = result_of_last(page)
    expect(last).to_have_attribute("data-result", "rolled_back")
    expect(last).to_contain_text("自检未过，已退回")
    page.screenshot(path=f"{SHOTS}/ops_terminal.png", full_page=True)


TOUR = [  # (screens of one visit, whether it ends by the idle wipe)
    (
        [
            "identify:booking",
            "booking",
            "booking_day",
            "booking_time",
            "booking_address",
            "booking_summary",
            "booking_receipt",
        ],
        False,
    ),  # fmt: skip
    (["identify:booking", "booking", "booking_day"], True),
    (["identify:progress", "progress"], False),
    (["identify:booking"], True),
]


def test_7_funnel_counts_match_a_scripted_tour(page, backend, tmp_path):
    """On the other demo terminal, so the visits above do not count (filtered by terminal)."""
    from backend.demo import DEMO_OTHER_TERMINAL_TOKEN
    from kiosk.fleet.usage import task_of

    terminal = FleetAgent(KioskConfig(), url=backend.url, token=DEMO_OTHER_TERMINAL_TOKEN,
                          state_dir=tmp_path, run=Printer())  # fmt: skip
    terminal.channel_ = terminal.channel()
    for screens, wiped in TOUR:
        for step in screens:
            screen, _, pending = step.partition(":")
            terminal.usage.screen(screen, task_of(screen, pending or None))
        terminal.usage.action(screen, "next", "touch", task_of(screen, pending or None))
        if screen == "booking_day":
            terminal.usage.mark("help", screen, "booking")
        terminal.usage.visit_ended(idle_wipe=wiped)
    beat(terminal)
    terminal.channel_.close()
    page.goto(page.url.split("/ops")[0] + "/ops/usage")
    page.locator("select[name=terminal]").select_option("T-0002")
    page.click("#usage-filter button[type=submit]")
    expect(page.locator("#visits")).to_have_text("4")
    expected = {"home": "3", "identify": "3", "booking": "2", "booking_day": "2",
                "booking_time": "1", "booking_summary": "1", "booking_receipt": "1"}  # fmt: skip
    rows = page.locator("#funnel-booking-numbers tbody tr")
    expect(rows).to_have_count(len(expected))
    for i, (step, count) in enumerate(expected.items()):
        expect(rows.nth(i)).to_have_text(f"{step}{count}")
    expect(page.locator("#funnel-progress-numbers tbody tr").last).to_have_text("progress1")
    expect(page.locator("#help-numbers tbody tr")).to_have_text("booking_day1")
    abandoned = page.locator("#abandoned-numbers tbody")
    expect(abandoned).to_contain_text("booking_day1")
    expect(abandoned).to_contain_text("identify1")
    expect(page.locator("#modality-numbers tbody")).to_have_text("触摸4")
    drawn = page.evaluate("""() => [...document.querySelectorAll('canvas')].map(c => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; })""")
    assert len(drawn) == 7 and all(n > 500 for n in drawn), drawn  # Chart.js drew every chart
    page.screenshot(path=f"{SHOTS}/ops_usage.png", full_page=True)
    assert page.console_messages == []
