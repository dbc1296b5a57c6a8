"""老人留下的请求 in a real headless Chromium against the real backend, which places calls
through its real HTTP call gateway to a loopback stand-in for the hotline's phone system
(the device boundary): a worker opens the desk from the console, rings a senior back (the
phone system gets the number, the page never shows it), closes the callback, moves a booking
to a time agreed on the phone, and is told plainly when the phone system fails."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect

from backend.demo import DEMO_CITIZENS
from backend.help.call_gateway import CALL_GATEWAY_TOKEN_ENV
from backend.help.demo import DEMO_STAFF
from tests.fixtures.backend_server import start_backend
from tests.fixtures.staff_browser import staff_page

pytestmark = pytest.mark.slow
TOKEN = "pbx-test-token-0123456789"
SHOTS = Path(__file__).resolve().parents[3] / "build" / "screenshots" / "staff"


@pytest.fixture
def backend(tmp_path, phone_system, monkeypatch):
    monkeypatch.setenv(CALL_GATEWAY_TOKEN_ENV, TOKEN)
    server = start_backend(
        tmp_path / "backend", extra_args=("--call-gateway-url", phone_system.url)
    )
    yield server
    server.stop()


def leave(backend, citizen: int, kind: str) -> None:
    """What a kiosk's outbox sends once the network is back (HTTP, as the kiosk does)."""
    auth = {"Authorization": f"Bearer {backend.terminal_token}"}
    c = DEMO_CITIZENS[citizen]
    api = f"{backend.url}/api/v1"
    session = requests.post(f"{api}/identity/lookup", headers=auth, timeout=10,
                            json={"id_number": c.id_number, "phone_last4": c.phone_last4}).json()  # fmt: skip
    me = auth | {"X-Citizen-Session": session["session_token"]}
    body = {"kind": kind, "queued_at": "2026-12-01T10:00:00+08:00"}
    if kind == "reschedule":
        listed = requests.get(f"{api}/orders", headers=me, timeout=10).json()["items"]
        body["order_number"] = next(o["number"] for o in listed if "reschedule" in o["actions"])
    grant = requests.post(f"{api}/ops/deferrals", headers=me, timeout=10).json()["token"]
    sent = requests.post(f"{api}/ops/outbox/requests", json=body, timeout=10, headers=auth | {
        "X-Deferral-Token": grant, "Idempotency-Key": uuid.uuid4().hex})  # fmt: skip
    assert sent.status_code == 201, sent.text


def test_a_worker_calls_back_and_moves_a_booking_in_chromium(backend, phone_system):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with staff_page(backend.url, DEMO_STAFF) as page:
        expect(page.locator("#requests-link")).to_have_text("老人留下的请求（0）")
        leave(backend, 3, "callback")
        leave(backend, 0, "reschedule")
        # The console's 2 s refresh shows them without a reload.
        expect(page.locator("#requests-link")).to_have_text("老人留下的请求（2）", timeout=8000)
        page.get_by_role("link", name="老人留下的请求（2）").click()
        page.wait_for_url("**/staff/requests")
        callback = page.locator("tr", has_text="请回电")
        expect(callback).to_contain_text("还没拨过")
        page.screenshot(path=str(SHOTS / "requests-open.png"), full_page=True)

        callback.get_by_role("button", name="拨打回电").click()
        expect(page.locator("#request-status")).to_contain_text("正在接通：先响您的座席电话")
        senior = DEMO_CITIZENS[3]
        assert phone_system.calls == [(f"Bearer {TOKEN}", {
            "to": senior.phone, "seat": DEMO_STAFF.username,
            "reference": phone_system.calls[0][1]["reference"]})]  # fmt: skip
        for secret in (senior.phone, senior.name, senior.id_number):
            assert secret not in page.content()
        callback = page.locator("tr", has_text="请回电")
        callback.locator("select[name=outcome]").select_option(label="已回电")
        callback.get_by_role("button", name="标记已处理").click()
        expect(page.locator("#request-status")).to_have_text("已处理：请回电 · 已回电")
        expect(page.locator("#closed-requests")).to_contain_text("热线演示员一")

        phone_system.status = 500
        move = page.locator("tr", has_text="想改约")
        move.get_by_role("button", name="拨打回电").click()
        expect(page.locator("#request-error")).to_have_text("电话系统没有接通，请稍后再拨")
        phone_system.status = 200
        page.locator("tr", has_text="想改约").get_by_role("button", name="拨打回电").click()
        expect(page.locator("#request-status")).to_contain_text("正在接通")
        move = page.locator("tr", has_text="想改约")
        picker = move.locator("select[name=slot]")
        new_time = picker.locator("option").nth(1).inner_text()
        picker.select_option(index=1)
        page.screenshot(path=str(SHOTS / "requests-move.png"), full_page=True)
        move.get_by_role("button", name="确认改约").click()
        expect(page.locator("#request-status")).to_contain_text(
            "已改约，新时间 " + new_time.split(" · ")[0]
        )
        expect(page.locator("#open-requests")).to_contain_text("现在没有老人留下的请求")
        page.screenshot(path=str(SHOTS / "requests-done.png"), full_page=True)
        assert len(phone_system.calls) == 3
        # The failed call's page came as 503 (Chromium reports that); nothing else went wrong.
        assert [p for p in page.problems if "status of 503" not in p] == []
        assert len(page.problems) == 1
    assert (
        DEMO_CITIZENS[3].phone not in backend.log_text()
        and DEMO_CITIZENS[0].phone not in backend.log_text()
    )
