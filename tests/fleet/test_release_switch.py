"""The running kiosk's side of a switch (the real kiosk, offscreen, on the real backend): an
installed release waits while a senior is identified, and at the idle moment after the visit
the kiosk points `current` at it and its event loop ends with the launcher's switch code (a QEventLoop of the test's own: the application's loop,
once left, would emit aboutToQuit and stop what later tests share).
Installing and starting are tests/fleet/test_releases.py and tests/terminal/test_launcher.py."""

from __future__ import annotations

import hashlib
import json
import site
import sys

import pytest
from PySide6.QtCore import QEventLoop, QTimer

from kiosk.fleet.agent import FleetAgent
from kiosk.fleet.service import FleetService
from kiosk.terminal.launch_env import SWITCH_EXIT_CODE, Managed
from kiosk.terminal.releases import BASE
from tests.fixtures.qml_tools import Tapper, answered
from tests.fleet.test_kiosk_fleet import identify_for_booking, no_cups

pytestmark = pytest.mark.slow
READY = "0.9.0"


def test_an_installed_release_waits_for_the_visit_then_the_kiosk_exits_to_switch(
    kiosk_factory, fresh_backend, tmp_path
):
    kiosk = kiosk_factory(fresh_backend)
    managed = Managed(tmp_path / "releases", sys.executable, site.getsitepackages()[0])
    agent = FleetAgent(kiosk.config, url=fresh_backend.url, token=fresh_backend.terminal_token,
                       state_dir=tmp_path, run=no_cups, managed=managed)  # fmt: skip
    loop = QEventLoop()
    service = FleetService(kiosk, tmp_path, agent=agent, exit_app=loop.exit)
    service.start(fresh_backend.url, fresh_backend.terminal_token, background=False)
    store = agent.releases.store
    sha256 = hashlib.sha256(b"the wheel").hexdigest()
    (store.python(READY)).parent.mkdir(parents=True)  # as an earlier install left it
    store.python(READY).touch()
    (store.folder(READY) / "installed.json").write_text(json.dumps({"sha256": sha256}))
    agent.releases.offer({"assignment_id": 5, "version": READY, "sha256": sha256, "size": 9})
    agent.releases.join(10)
    assert agent.releases.outcome().status == "installed"

    identify_for_booking(kiosk, Tapper(kiosk))
    service.idle_moment()
    assert store.current() == BASE and store.trial() is None, "never during a visit"

    kiosk.idle.advance(kiosk.config.idle.warning_after_s)
    kiosk.idle.advance(kiosk.config.idle.countdown_s)
    answered(kiosk)  # the idle wipe ends the visit
    QTimer.singleShot(0, service.idle_moment)
    QTimer.singleShot(10_000, lambda: loop.exit(-1))  # a guard: the switch did not happen
    assert loop.exec() == SWITCH_EXIT_CODE
    assert store.current() == READY and store.trial().previous == BASE
