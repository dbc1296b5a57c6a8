"""The hotline console as a 12349 worker uses it (issue 13): real headless Chromium against a
real backend and real kiosks (in-process, and one in a process of its own that is killed).

One backend and one browser serve the module; each test has its own browser contexts.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest
import requests
from playwright.sync_api import expect, sync_playwright

from backend.benefits.demo import DEMO_COMMUNITY_STAFF
from backend.demo import DEMO_OTHER_TERMINAL_TOKEN
from backend.help.demo import DEMO_OTHER_STAFF, DEMO_STAFF, DEMO_SUPERVISOR, DemoStaff
from kiosk.help.mirror import MirrorPublisher
from kiosk.tour import settle, wait_until
from tests.fixtures.backend_server import start_backend
from tests.fixtures.kiosk import make_config
from tests.fixtures.qml_tools import Tapper, answered, find
from tests.help.test_help import WAIT_S

pytestmark = pytest.mark.slow

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
MS = 10_000
PLACE = "幸福里社区服务中心 1号机"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    """The module's own backend: the lost-connection test moves its clock on."""
    server = start_backend(tmp_path_factory.mktemp("hotline_backend"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_console(chromium, backend):
    """open_console(who, size) -> a signed-in page in a browser context of its own; the
    browser speaks English, so every message seen is the console's own Chinese."""
    contexts, problems = [], []

    def make(who: DemoStaff = DEMO_STAFF, size=(1366, 768)):
        context = chromium.new_context(viewport={"width": size[0], "height": size[1]})
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        page.goto(f"{backend.url}/staff")
        page.fill("input[name=username]", who.username)
        page.fill("input[name=password]", who.password)
        page.click("#sign-in button[type=submit]")
        expect(page).to_have_title("帮助码与排队 · 远程协助控制台")
        return page

    yield make
    for context in contexts:
        context.close()
    assert problems == []


def kiosk_at(kiosk_factory, backend, token=None, **help_config):
    config = make_config(help=help_config) if help_config else None
    target = SimpleNamespace(url=backend.url, terminal_token=token) if token else backend
    kiosk = kiosk_factory(target, config=config)
    return kiosk, Tapper(kiosk)


def call_help(kiosk, tapper) -> str:
    tapper.tap("navHelp")
    answered(kiosk)
    assert kiosk.help.asking
    return kiosk.help.session.code


def allow(kiosk, tapper) -> None:
    tapper.tap("consentAllow")
    answered(kiosk)
    assert kiosk.help.mirroring


def join(page, typed: str) -> None:
    page.fill("#join input[name=code]", typed)
    page.click("#join button[type=submit]")


def kiosk_until(condition, page=None, timeout_s: float = WAIT_S) -> None:
    """Let the kiosk's event loop run (the browser meanwhile polls) until condition()."""
    assert wait_until(condition, timeout_s)


def shown(check, timeout_s: float = 10.0) -> None:
    """Retry a browser assertion while the in-process kiosk's event loop runs (a plain
    expect() would block it: no frames would be grabbed meanwhile)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            check(250)
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            settle(100)


def live(page):
    shown(lambda ms: expect(page.locator("#frame")).to_be_visible(timeout=ms))
    return page


def test_queue_code_entry_and_the_live_view(kiosk_factory, backend, open_console):
    worker, colleague = open_console(), open_console(DEMO_OTHER_STAFF)
    assert worker.evaluate("document.activeElement.name") == "code"  # autofocus
    assert (
        worker.evaluate(
            "(() => { const i = document.querySelector('#join input[name=code]');"
            " i.checkValidity(); return i.validationMessage; })()"
        )
        == "请输入老人屏幕上的 6 位帮助码"
    )

    kiosk, tapper = kiosk_at(kiosk_factory, backend, place_name=PLACE)
    code = call_help(kiosk, tapper)
    row = worker.locator("#queue tr", has_text=PLACE)
    expect(row).to_contain_text("演示终端一号", timeout=MS)
    expect(row).to_contain_text("社区民政服务")  # the screen 呼叫帮助 was pressed on
    expect(row).to_contain_text(re.compile(r"\d\d:\d\d:\d\d"))

    other, other_tapper = kiosk_at(kiosk_factory, backend, DEMO_OTHER_TERMINAL_TOKEN)
    call_help(other, other_tapper)
    waiting_other = worker.locator("#queue tr", has_text="演示终端二号")
    expect(waiting_other).to_have_count(1, timeout=MS)
    other_tapper.tap("consentDeny")  # 不允许 keeps the code for a phone call (issue 12) …
    answered(other)
    expect(waiting_other).to_have_count(1)
    other.session.end()  # … the visit ends without a call: abandoned, it leaves the queue
    expect(waiting_other).to_have_count(0, timeout=MS)

    wrong = f"{(int(code) + 1) % 10**6:06d}"
    join(worker, wrong[:3] + " " + wrong[3:])
    expect(worker.locator("#join-error")).to_have_text(
        "帮助码不对，请核对老人屏幕上的 6 位数字（还可以再试 4 次）"
    )
    assert worker.input_value("#join input[name=code]") == wrong[:3] + " " + wrong[3:]
    join(worker, (code[:3] + "-" + code[3:]).translate(FULL_WIDTH))  # "２２６-９３０"
    expect(worker).to_have_title(f"协助中 · {PLACE} · 远程协助控制台", timeout=MS)
    expect(colleague.locator("#queue tr", has_text=PLACE)).to_have_count(0, timeout=MS)
    join(colleague, code)
    expect(colleague.locator("#join-error")).to_contain_text("已由同事热线演示员一接入")

    allow(kiosk, tapper)
    live(worker)
    box = worker.locator("#frame").bounding_box()
    assert box["height"] >= 700 and box["width"] >= 390, box  # as large as 768 px allows
    worker.click(".zoom button[data-zoom='1.5']")
    assert worker.locator("#frame").bounding_box()["width"] > 1000
    worker.click(".zoom button[data-zoom='fit']")
    worker.set_viewport_size({"width": 1920, "height": 1080})
    assert worker.locator("#frame").bounding_box()["height"] >= 1000

    tapper.tap("navHome")
    tapper.tap("tileBook")  # → 确认身份 first
    shown(lambda ms: expect(worker.locator("#screen")).to_have_text("确认身份", timeout=ms))
    expect(worker.locator("#actions")).to_contain_text("按了 预约上门服务")
    expect(worker.locator("#timeline")).to_contain_text("确认身份")
    expect(worker.locator("#age")).to_have_text(re.compile(r"画面 \d+ 秒前更新"))
    first = worker.locator("#hints button").first
    shown(lambda ms: expect(first).to_have_text(re.compile(r"^1 请用下面的数字键"), timeout=ms))
    worker.keyboard.press("1")  # the hint for this screen, by its shortcut
    kiosk_until(lambda: "数字键" in kiosk.help.hintText)

    frame = worker.locator("#frame")
    frame.click(position={"x": box["width"] * 0.5, "y": 300})
    kiosk_until(lambda: kiosk.help.ringVisible)
    expect(worker.locator("#marker")).to_be_visible()
    tapper.tap("navBack")  # a new screen: the kiosk's ring goes, and so does the marker
    assert not kiosk.help.ringVisible
    shown(lambda ms: expect(worker.locator("#marker")).to_be_hidden(timeout=ms))

    worker.goto(f"{backend.url}/staff")  # away, and back through 我的协助
    worker.locator("#mine a", has_text=PLACE).click()
    live(worker)

    worker.fill("#note textarea[name=note]", "老人电话 13800138000")
    worker.click("#note button[type=submit]")
    expect(worker.locator("#note-saved")).not_to_have_text(re.compile("已保存"))
    worker.fill("#note textarea[name=note]", "指导老人完成身份确认")
    worker.fill("#note input[name=ticket]", "GD-0001")
    worker.click("#note button[type=submit]")
    expect(worker.locator("#note-saved")).to_have_text(re.compile(r"已保存（\d\d:\d\d:\d\d）"))

    worker.click("#end")  # 工作人员结束: the kiosk says so and removes the banner
    expect(worker.locator("#status")).to_have_text("协助已结束：工作人员结束", timeout=MS)
    kiosk_until(lambda: not kiosk.help.mirroring)
    settle(50)
    assert not find(kiosk, "mirrorBanner", visible=False).isVisible()
    assert kiosk.speech.said[-1] == kiosk.i18n.pack.spoken["help.ended_by_staff"]


def test_a_supervisor_sees_the_audit_timeline_and_a_worker_does_not(
    kiosk_factory, backend, open_console
):
    kiosk, tapper = kiosk_at(kiosk_factory, backend, place_name=PLACE)
    worker = open_console()
    join(worker, call_help(kiosk, tapper))
    allow(kiosk, tapper)
    live(worker)
    worker.fill("#note textarea[name=note]", "指导老人完成身份确认")
    worker.fill("#note input[name=ticket]", "GD-0001")
    worker.click("#note button[type=submit]")
    expect(worker.locator("#note-saved")).to_have_text(re.compile("已保存"))
    tapper.tap("helpEndAssist")
    expect(worker.locator("#status")).to_have_text("协助已结束：老人结束协助", timeout=MS)

    boss = open_console(DEMO_SUPERVISOR)
    boss.click("a[href='/staff/audit']")
    expect(boss).to_have_title(re.compile(r"^协助记录 · \d{4}-\d\d-\d\d · "))
    rows = boss.locator("#audit tbody tr", has_text="老人结束协助")
    expect(rows.first).to_contain_text("热线演示员一")
    expect(rows.first).to_contain_text(PLACE)
    expect(rows.first).to_contain_text("呼叫帮助")  # a screen visited
    expect(boss.locator("#audit")).to_contain_text("GD-0001 · 指导老人完成身份确认")
    boss.select_option("select[name=worker]", label="热线演示员二")
    boss.click("#audit-filter button")
    expect(boss.locator("#audit tbody")).to_have_text("这一天没有协助记录")

    worker.goto(f"{backend.url}/staff/audit")
    expect(worker.locator("#join-error")).to_have_text("只有值班主管可以查看协助记录")
    assert worker.locator("#audit").count() == 0
    assert worker.locator("a[href='/staff/audit']").count() == 0


class ShiftedClock:
    """The publisher's clock, moved on by the test (the time limit without waiting)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.offset


@pytest.mark.parametrize("reason", ["老人不同意", "无人操作", "协助时间到"])
def test_each_end_reason_reaches_the_console(kiosk_factory, backend, open_console, reason):
    kiosk, tapper = kiosk_at(kiosk_factory, backend, mirror_max_minutes=5)
    clock = ShiftedClock()
    kiosk.help.publisher_factory = functools.partial(MirrorPublisher, clock=clock)
    worker = open_console()
    join(worker, call_help(kiosk, tapper))  # joined before the senior answers
    expect(worker.locator("#status")).to_have_text("等待老人同意查看屏幕…", timeout=MS)
    if reason == "老人不同意":
        tapper.tap("consentDeny")  # the code stays for the call (one code per visit, issue 12)
        expect(worker.locator("#status")).not_to_have_text(re.compile("协助已结束"), timeout=1000)
        kiosk.session.end()  # the visit ends without sharing: ended as 老人不同意
    elif reason == "无人操作":
        allow(kiosk, tapper)
        kiosk._idle_expired()
    else:
        allow(kiosk, tapper)
        live(worker)
        clock.offset = 5 * 60 - 100  # 100 s left: both sides are warned
        expect(worker.locator("#countdown.warn")).to_contain_text("老人可以在屏幕上延长一次")
        kiosk_until(lambda: kiosk.help.timeWarning)
        settle(50)
        assert find(kiosk, "helpTimeWarning").isVisible()
        tapper.tap("helpExtend")  # once, one tap, said aloud
        assert kiosk.speech.said[-1] == kiosk.i18n.pack.spoken["help.extended"]
        expect(worker.locator("#countdown")).not_to_have_class(re.compile("warn"), timeout=MS)
        clock.offset += 10 * 60 + 100  # past the extended limit
    expect(worker.locator("#status")).to_have_text(f"协助已结束：{reason}", timeout=MS)
    expect(worker.locator("#ended")).to_contain_text(reason)


def test_the_worker_helping_keeps_the_idle_timer_from_wiping(kiosk_factory, backend, open_console):
    kiosk, tapper = kiosk_at(kiosk_factory, backend)
    worker = open_console()
    join(worker, call_help(kiosk, tapper))
    allow(kiosk, tapper)
    live(worker)
    warning_after = kiosk.config.idle.warning_after_s
    active: list[int] = []
    kiosk.help.staffActive.connect(lambda: active.append(1))
    kiosk.idle.advance(warning_after - 5)
    worker.mouse.move(300, 300)  # working in the console: an "active" event (≤ 1 per 20 s)
    worker.mouse.move(310, 320)
    kiosk_until(lambda: active)
    kiosk.idle.advance(10)  # 5 s past the warning, had the worker not been there
    assert not kiosk.idle.warning and kiosk.help.mirroring
    kiosk.idle.advance(warning_after)  # nobody at all: the warning comes as usual
    assert kiosk.idle.warning


def test_a_killed_kiosk_shows_connection_lost_within_5_s(backend, open_console):
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.help.kiosk_process", backend.url, DEMO_OTHER_TERMINAL_TOKEN],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        code = proc.stdout.readline().strip()
        assert re.fullmatch(r"\d{6}", code), code
        worker = open_console()
        join(worker, code)
        live(worker)
        expect(worker.locator("#connection")).to_have_text("已连接")
        proc.kill()  # SIGKILL: no goodbye
        killed_at = time.monotonic()
        expect(worker.locator("#connection")).to_have_text("连接中断", timeout=MS)
        assert time.monotonic() - killed_at <= 5.0
        worker.locator("#frame").click()
        expect(worker.locator("#message")).to_have_text("连接中断，现在不能指点")
        assert worker.locator("#hints button:enabled").count() == 0
        requests.post(  # a minute of silence, without waiting for it
            f"{backend.url}/api/v1/demo/clock",
            json={"advance_s": 61},
            headers={"Authorization": f"Bearer {DEMO_OTHER_TERMINAL_TOKEN}"},
            timeout=10,
        ).raise_for_status()
        expect(worker.locator("#status")).to_have_text("协助已结束：连接中断", timeout=MS)
    finally:
        proc.kill()
        proc.wait(10)


def test_the_lockout_holds_for_every_spelling_in_the_browser(chromium, backend):
    context = chromium.new_context()
    try:
        page = context.new_page()
        spellings = [
            "COMMUNITY01",
            " community01",
            "ｃｏｍｍｕｎｉｔｙ０１",
            "Community01 ",
            "community01",
        ]
        for spelling in spellings:
            page.goto(f"{backend.url}/staff")
            page.fill("input[name=username]", spelling)
            page.fill("input[name=password]", "wrong-password")
            page.click("#sign-in button[type=submit]")
            expect(page.locator(".error")).to_have_text("用户名或密码不对")
        page.goto(f"{backend.url}/staff")
        page.fill("input[name=username]", "ＣＯＭＭＵＮＩＴＹ０１")
        page.fill("input[name=password]", DEMO_COMMUNITY_STAFF.password)
        page.click("#sign-in button[type=submit]")
        expect(page.locator(".error")).to_have_text(
            re.compile(r"^密码输错次数太多，请在 1[45] 分钟后（\d\d:\d\d 以后）再试$")
        )
    finally:
        context.close()
