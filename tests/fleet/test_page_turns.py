"""Page turns reach /ops (issue 15): the real kiosk at 特大 in landscape (where screens page),
a scripted tour tapping ▼ 下一页 and ▲ 上一页 on the screens it meets, its events sent by the
fleet worker to the real backend, and the operator's real headless Chromium reading
哪个画面翻页 on /ops/usage: the counts are exactly the tour's taps, and the chart is drawn."""

from __future__ import annotations

from collections import Counter

import pytest
from playwright.sync_api import expect

from kiosk.fleet.agent import FleetAgent
from kiosk.fleet.service import FleetService
from kiosk.tour import settle
from tests.booking.test_booking import _identify
from tests.fixtures.kiosk import demo_citizens
from tests.fixtures.ops_browser import ops_page
from tests.fixtures.qml_tools import Tapper, answered, find

pytestmark = pytest.mark.slow
SHOTS = "tour"  # screenshots to look at (not committed)


def turn_pages(kiosk, tapper: Tapper, turns: Counter, downs: int) -> None:
    """Up to `downs` ▼ on this screen, then one ▲ if any went down; counted per screen."""
    screen, went = kiosk.navigator.current, 0
    for _ in range(downs):
        down = find(kiosk, "pageDown", visible=False)
        if down is None or not (down.isVisible() and down.isEnabled()):
            break
        tapper.tap("pageDown")
        settle(30)
        went += 1
    if went:
        tapper.tap("pageUp")
        settle(30)
    turns[screen] += went + (1 if went else 0)


def test_page_turns_of_a_scripted_tour_show_on_ops(kiosk_factory, fresh_backend, tmp_path):
    kiosk = kiosk_factory(fresh_backend, orientation="landscape")
    agent = FleetAgent(kiosk.config, url=fresh_backend.url, token=fresh_backend.terminal_token,
                       state_dir=tmp_path, run=lambda _a: "", key_file=tmp_path / "k" / "key")  # fmt: skip
    fleet = FleetService(kiosk, tmp_path, agent=agent)
    fleet.start(fresh_backend.url, fresh_backend.terminal_token, background=False)
    tapper, turns = Tapper(kiosk), Counter()
    tapper.tap("tileOrders")
    _identify(kiosk, tapper, demo_citizens()[0])
    answered(kiosk)
    kiosk.preferences.setLargeText(True)  # 特大 for this visit: 我的预约 pages
    settle(30)
    assert kiosk.navigator.current == "orders", kiosk.navigator.current
    assert kiosk.orders.listed, (kiosk.orders.loaded, kiosk.network.failed)
    turn_pages(kiosk, tapper, turns, downs=2)  # 我的预约: five bookings at 特大
    tapper.tap(f"order_{kiosk.orders.listed[0].number}")
    answered(kiosk)
    settle(30)
    turn_pages(kiosk, tapper, turns, downs=1)  # one booking's history
    assert sum(turns.values()) >= 2, f"the tour must turn pages to test anything: {turns}"
    kiosk.session.end()
    channel = agent.channel()
    agent.worker.run_once(channel)  # the visit's events go with the next heartbeat
    channel.close()

    expected = sorted(((s, str(n)) for s, n in turns.items() if n), key=lambda r: -int(r[1]))
    with ops_page(fresh_backend.url) as page:
        page.goto(fresh_backend.url + "/ops/usage?terminal=T-0001")
        rows = page.locator("#page-turns-numbers tbody tr")
        expect(rows).to_have_count(len(expected))
        for i, (screen, count) in enumerate(expected):
            expect(rows.nth(i)).to_have_text(f"{screen}{count}")
        drawn = page.evaluate("""() => { const c = document.getElementById('page-turns');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }""")
        assert drawn > 500, "Chart.js drew the page-turn chart"
        page.screenshot(path=f"{SHOTS}/ops_usage_page_turns.png", full_page=True)
        assert page.console_messages == []
