"""Offline, as a senior meets it: the backend stops answering, the home screen says so first,
and 看看现在还能做什么 shows what still works, what waits, and the catalogue as last seen
(dated, prices, free places) — audited and photographed at 标准 and 特大, portrait and
landscape. When the backend answers again the notice goes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.fleet.agent import FleetAgent
from kiosk.fleet.service import FleetService
from kiosk.tour import settle
from tests.fixtures.audit import audit
from tests.fixtures.qml_tools import Tapper, find, visible_texts

pytestmark = pytest.mark.slow
SHOTS = Path("tour")  # screenshots to look at (not committed)


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_offline_says_so_and_shows_the_catalogue_as_last_seen(
    kiosk_factory, fresh_backend, tmp_path, orientation
):
    kiosk = kiosk_factory(fresh_backend, orientation=orientation)
    agent = FleetAgent(kiosk.config, url=fresh_backend.url, token=fresh_backend.terminal_token,
                       state_dir=tmp_path, run=lambda _a: "", key_file=tmp_path / "k" / "key")  # fmt: skip
    fleet = FleetService(kiosk, tmp_path, agent=agent)
    fleet.start(fresh_backend.url, fresh_backend.terminal_token, background=False)
    channel = agent.channel()
    agent.worker.run_once(channel)  # online: the catalogue is kept as seen
    assert not find(kiosk, "offlineNotice", visible=False).isVisible()
    services = kiosk.network.source.get().services()

    fresh_backend.stop()  # the network drops
    agent.worker.run_once(channel)
    settle(30)
    notice = find(kiosk, "offlineNotice")
    assert notice.isVisible() and notice.property("text") == kiosk.i18n.pack.ui["offline.notice"]
    problems, tapper = [], Tapper(kiosk)
    for large in (False, True):
        kiosk.preferences.setLargeText(large)
        kiosk.navigator.home()
        settle(30)
        problems += [f"home {large}: {p}" for p in audit(kiosk)]
        kiosk.window.grabWindow().save(str(SHOTS / f"offline-home-{orientation}-{large}.png"))
        tapper.tap("offlineNotice")
        settle(30)
        assert kiosk.navigator.current == "offline"
        problems += [f"offline {large}: {p}" for p in audit(kiosk)]
        kiosk.window.grabWindow().save(str(SHOTS / f"offline-{orientation}-{large}.png"))
    assert not problems, "\n".join(problems)
    texts = "\n".join(visible_texts(kiosk))
    assert "看到的" in texts and "只供查看" in texts
    for service in services[:2]:  # the first ones are on the first page
        assert find(kiosk, f"offline_{service.code}", visible=False) is not None
    assert "预约" in find(kiosk, "offlineNotNow").property("text")
    # Nobody identified (and no identifying offline): no callback request, said why.
    assert not find(kiosk, "offlineCallback", visible=False).isVisible()
    assert find(kiosk, "offlineCallbackNeedsIdentity").isVisible()

    fresh_backend.start()  # back
    agent.worker.run_once(channel)
    settle(30)
    kiosk.navigator.home()
    settle(30)
    assert not find(kiosk, "offlineNotice", visible=False).isVisible()
    channel.close()
