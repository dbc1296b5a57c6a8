"""Releases for real, start to end: the project's own wheel built as 0.2.0, and a deliberately
broken 0.2.1 (its kiosk/app.py raises at import); an operator publishes both and assigns
them in a real Chromium on /ops; a terminal made of the kiosk's fleet parts downloads the
wheel from the real backend with its token, checks it and installs it into its own venv
beside the running one (real pip, nothing from an index); the switch waits for the visit to
end; `kiosk launch` starts the real new kiosk (offscreen), which reports in its own
heartbeats; the broken one exits before its started mark, twice, and the launcher switches
back to 0.2.0, which says so. Then bad downloads: a tampered hash, a wrong size, a body cut
short, an unknown version, a path for a version — refused, nothing installed or switched.

About 60-90 s on 2 busy cores (two wheel builds, two installs, four kiosk starts)."""

from __future__ import annotations

import dataclasses
import os
import signal
import site
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kiosk.config import load_config
from kiosk.fleet.agent import FleetAgent
from kiosk.fleet.channel import FleetChannel
from kiosk.fleet.releases import ReleaseFollower, Target
from kiosk.terminal.launch_env import Managed
from kiosk.terminal.releases import BASE
from tests.api.drop_proxy import DropProxy
from tests.fixtures.ops_browser import module_backend, signed_in_page  # noqa: F401  (fixtures)
from tests.terminal.conftest import build_wheel

pytestmark = pytest.mark.slow
NEW, BROKEN = "0.2.0", "0.2.1"
SHOTS = "tour"
START_S = 120  # a kiosk start on 2 cores shared with other test runs


def _break(source: Path) -> None:
    app = source / "kiosk" / "app.py"
    app.write_text(app.read_text() + '\nraise ImportError("a deliberately broken release")\n')


def poll(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.3)


def reload_until(page, locator, text: str, timeout: float) -> None:
    """A heartbeat from another process: reload the page until it shows `text`."""

    def shown() -> bool:
        if text in locator.inner_text():
            return True
        page.reload()
        return False

    poll(shown, timeout, text)


@pytest.fixture(scope="module")
def wheels(tmp_path_factory) -> dict[str, Path]:
    made = tmp_path_factory.mktemp("wheels")
    return {NEW: build_wheel(made / "good", version=NEW),
            BROKEN: build_wheel(made / "broken", version=BROKEN, edit=_break)}  # fmt: skip


@pytest.fixture(scope="module")
def terminal(backend, tmp_path_factory):
    """The config a terminal runs with, and its fleet agent as the running kiosk has it."""
    home = tmp_path_factory.mktemp("terminal")
    config_file = home / "kiosk.toml"
    config_file.write_text(f"""
[backend]
url = "{backend.url}"
terminal_token = "{backend.terminal_token}"
[speech]
enabled = false
[recognition]
enabled = false
[devices]
printer = "pdf:{home}"
[fleet]
state_dir = "{home / "state"}"
outbox_key_file = "{home / "outbox.key"}"
""")
    config = load_config(str(config_file))
    managed = Managed(home / "state" / "releases", sys.executable, site.getsitepackages()[0])
    agent = FleetAgent(config, url=backend.url, token=backend.terminal_token,
                       state_dir=home / "state", run=lambda _args: "", managed=managed)  # fmt: skip
    agent.home, agent.config_file, agent.channel_ = home, config_file, agent.channel()
    yield agent
    agent.channel_.close()


def beat(agent) -> None:
    agent.worker.run_once(agent.channel_)


def launch(agent) -> subprocess.Popen:
    """`kiosk launch` as the session runs it (offscreen here), logging to a file."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software",
               HOME=str(agent.home), KIOSK_LOG_LEVEL="INFO")  # fmt: skip
    log = (agent.home / "launcher.log").open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--config", str(agent.config_file), "launch",
         "--start-timeout", str(START_S)],
        env=env, cwd=agent.home, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def stop(launcher: subprocess.Popen) -> None:
    launcher.send_signal(signal.SIGTERM)
    try:
        assert launcher.wait(30) is not None
    finally:
        if launcher.poll() is None:
            launcher.kill()
            launcher.wait()


def terminal_row(page, backend):
    page.goto(backend.url + "/ops")
    return page.locator('tr[data-terminal="T-0001"]')


def publish(page, backend, wheel: Path) -> None:
    page.goto(backend.url + "/ops/releases")
    page.set_input_files("#wheel-file", str(wheel))
    page.click("#upload-form button[type=submit]")


def assign(page, backend, version: str) -> None:
    page.goto(backend.url + "/ops/terminals/T-0001")
    form = page.locator("#release-form")
    form.locator("select[name=version]").select_option(version)
    form.locator("button[type=submit]").click()
    expect(page.locator("#release-state")).to_contain_text(f"{version}：等待终端下载")


def test_1_an_operator_publishes_releases_and_a_bad_file_is_refused(
    page, backend, wheels, tmp_path
):
    for version, wheel in wheels.items():
        publish(page, backend, wheel)
        expect(page.locator(f'#releases tr[data-version="{version}"]')).to_be_visible()
    not_a_wheel = tmp_path / "civic_kiosk-9.0-py3-none-any.whl"
    not_a_wheel.write_bytes(b"PK\x03\x04 this is no wheel")
    page.set_input_files("#wheel-file", str(not_a_wheel))
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#upload-result")).to_contain_text("没有发布：这不是一个 wheel 安装包")
    publish(page, backend, wheels[NEW])  # again: a version is never replaced
    expect(page.locator("#upload-result")).to_contain_text(f"版本 {NEW} 已经发布过")
    expect(page.locator("#releases tbody tr")).to_have_count(2)
    refused = ["422 (Unprocessable Entity)", "409 (Conflict)"]  # the two refusals, and no other
    assert [m.rsplit("status of ", 1)[-1] for m in page.console_messages] == refused
    page.console_messages.clear()
    assign(page, backend, NEW)


def test_2_the_terminal_installs_it_beside_the_running_one(page, backend, terminal):
    beat(terminal)  # the reply names 0.2.0: download, check, install on a thread of its own
    terminal.releases.join(180)
    store = terminal.releases.store
    assert terminal.releases.outcome().status == "installed", terminal.releases.outcome()
    assert store.installed(NEW)["sha256"] and store.python(NEW).exists()
    assert store.current() == BASE  # installed, not switched
    beat(terminal)
    expect(terminal_row(page, backend).locator(".target")).to_contain_text(
        f"{NEW}：已装好，待空闲时切换"
    )


def test_3_the_switch_waits_for_the_visit_to_end(terminal):
    store = terminal.releases.store
    terminal.usage.screen("identify", "booking")  # a senior is at the kiosk
    assert not terminal.switch_release_at_idle()
    assert store.current() == BASE and store.trial() is None
    terminal.usage.visit_ended(idle_wipe=False)
    assert terminal.switch_release_at_idle()
    assert store.current() == NEW and store.trial().previous == BASE
    assert os.readlink(store.root / "current") == NEW


def test_4_the_launcher_starts_the_new_version_and_it_reports(page, backend, terminal):
    store = terminal.releases.store
    launcher = launch(terminal)
    try:
        poll(lambda: store.outcome().status == "switched", START_S + 10, "the started mark")
        assert store.trial() is None and store.current() == NEW
        row = terminal_row(page, backend)  # the new kiosk's own heartbeat says so
        reload_until(page, row.locator(".target"), f"{NEW}：已切换", 60)
        assert row.locator("td").nth(3).inner_text().startswith(NEW)  # its version
    finally:
        stop(launcher)


def test_5_a_release_that_fails_to_start_is_switched_back(page, backend, terminal):
    store = terminal.releases.store
    assign(page, backend, BROKEN)
    beat(terminal)
    terminal.releases.join(180)
    assert terminal.releases.outcome().status == "installed"
    assert terminal.switch_release_at_idle()
    assert store.trial().previous == NEW
    launcher = launch(terminal)
    try:
        poll(lambda: store.outcome().status == "rolled_back", 2 * START_S, "the switch back")
        assert store.current() == NEW
        assert store.outcome().detail == "exited_before_start.code_1"
        row = terminal_row(page, backend)
        reload_until(page, row.locator(".target"), f"{BROKEN}：启动失败，已切回（启动时退出）", 90)
        assert row.locator("td").nth(3).inner_text().startswith(NEW)  # 0.2.0 runs again
    finally:
        stop(launcher)
    page.goto(backend.url + "/ops/releases")
    expect(page.locator('#assignments li[data-release="rolled_back"]')).to_contain_text("T-0001")
    expect(page.locator(f'#releases tr[data-version="{NEW}"]')).to_contain_text(f"{NEW}1 台")
    expect(page.locator(f'#releases tr[data-version="{BROKEN}"]')).to_contain_text(f"{BROKEN}0 台")
    page.screenshot(path=f"{SHOTS}/ops_releases.png", full_page=True)
    page.goto(backend.url + "/ops/terminals/T-0001")
    expect(page.locator("#release-state")).to_have_text(
        f"{BROKEN}：新版本没能启动，已切回原版本（启动时退出：exited_before_start.code_1）"
    )
    page.screenshot(path=f"{SHOTS}/ops_terminal_release.png", full_page=True)
    page.goto(backend.url + "/ops")
    page.screenshot(path=f"{SHOTS}/ops_fleet_release.png", full_page=True)
    assert page.console_messages == []


def follower_via(managed: Managed, url: str, token: str) -> ReleaseFollower:
    return ReleaseFollower(managed, lambda: FleetChannel(url, token))


def test_6_bad_downloads_are_refused_and_nothing_is_installed(backend, terminal, tmp_path):
    real = terminal.channel_.heartbeat(terminal.hooks.heartbeat())["release"]
    managed = dataclasses.replace(terminal.releases._managed, releases_dir=tmp_path / "r")
    cases = [
        (real | {"sha256": "0" * 64}, "hash_mismatch"),
        (real | {"size": real["size"] + 10}, "size_mismatch"),
        (real | {"version": "9.9.9"}, "download_failed.not_found"),
    ]
    for n, (target, expected) in enumerate(cases, start=1):
        follower = follower_via(managed, backend.url, backend.terminal_token)
        follower.offer(target | {"assignment_id": 1000 + n})
        follower.join(60)
        assert (follower.outcome().status, follower.outcome().detail) == (
            "install_failed",
            expected,
        )
        assert follower.store.installed(target["version"]) is None
        assert follower.store.current() == BASE and not follower.switch_at_idle()
    for bad in ({"version": "../../etc"}, {"version": ".."}, {"sha256": "x"}, {"size": 10**12}):
        assert Target.parse(real | bad) is None
        follower.offer(real | bad | {"assignment_id": 2000})
        assert follower.outcome().assignment_id != 2000  # ignored, nothing started
    assert sorted(p.name for p in managed.releases_dir.iterdir()) == ["state.json"]
    unmanaged = ReleaseFollower(None, terminal.channel)
    unmanaged.offer(real)
    assert unmanaged.outcome().status == "unmanaged" and not unmanaged.switch_at_idle()


def test_7_a_download_cut_short_is_tried_again_at_the_next_answer(backend, terminal, tmp_path):
    real = terminal.channel_.heartbeat(terminal.hooks.heartbeat())["release"]
    managed = dataclasses.replace(terminal.releases._managed, releases_dir=tmp_path / "r")
    cut = DropProxy(backend.url, f"GET /api/v1/ops/releases/{BROKEN} ", relay_bytes=4000)
    follower = follower_via(managed, cut.url, backend.terminal_token)
    try:
        follower.offer(real)
        follower.join(60)
        assert follower.outcome().detail == "download_failed.offline" and cut.dropped
        assert follower.store.installed(BROKEN) is None
        follower.offer(real)  # the next heartbeat reply: the proxy cuts only the first
        follower.join(180)
        assert follower.outcome().status == "installed" and follower.store.installed(BROKEN)
    finally:
        cut.close()
