"""The real server: uvicorn in a child process on a free loopback port (fixtures in
tests/fixtures/backend_server.py), driven over HTTP."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import requests

from backend.demo import DEMO_CITIZENS
from tests.fixtures.backend_server import start_backend

TIMEOUT = 30


def _identify(backend, index: int) -> dict:
    c = DEMO_CITIZENS[index]
    auth = {"Authorization": f"Bearer {backend.terminal_token}"}
    r = requests.post(
        f"{backend.url}/api/v1/identity/lookup",
        headers=auth,
        timeout=TIMEOUT,
        json={"id_number": c.id_number, "phone_last4": c.phone_last4},
    )
    assert r.status_code == 201, r.text
    return {**auth, "X-Citizen-Session": r.json()["session_token"]}


def _slots(backend, headers, service):
    r = requests.get(
        f"{backend.url}/api/v1/services/{service}/slots",
        params={"days": 14},
        headers=headers,
        timeout=TIMEOUT,
    )
    return r.json()["items"]


def test_ready_url_health_and_openapi(live_backend):
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", live_backend.url)
    assert requests.get(f"{live_backend.url}/api/v1/health", timeout=TIMEOUT).json()["demo"] is True
    assert (
        requests.get(f"{live_backend.url}/openapi.json", timeout=TIMEOUT).json()["info"]["version"]
        == "0.1.0"
    )


def test_fifty_concurrent_bookings_of_three_places(fresh_backend):
    headers = _identify(fresh_backend, 0)
    slot = next(s for s in _slots(fresh_backend, headers, "rehab") if s["available"] >= 3)
    held_before = len(_orders(fresh_backend, headers))
    for i in range(slot["available"] - 3):  # leave exactly 3 places
        r = requests.post(
            f"{fresh_backend.url}/api/v1/orders",
            headers={**headers, "Idempotency-Key": f"pre-{i}"},
            json={"slot_id": slot["id"]},
            timeout=TIMEOUT,
        )
        assert r.status_code == 201
    start = threading.Barrier(50)

    def book(i: int) -> requests.Response:
        start.wait()
        return requests.post(
            f"{fresh_backend.url}/api/v1/orders",
            headers={**headers, "Idempotency-Key": f"race-{i}"},
            json={"slot_id": slot["id"]},
            timeout=TIMEOUT,
        )

    with ThreadPoolExecutor(50) as pool:
        results = list(pool.map(book, range(50)))
    statuses = sorted(r.status_code for r in results)
    assert statuses == [201] * 3 + [409] * 47, statuses
    assert all(
        r.json()["errors"][0]["code"] == "slot_full" for r in results if r.status_code == 409
    )
    after = next(s for s in _slots(fresh_backend, headers, "rehab") if s["id"] == slot["id"])
    assert after["booked"] == after["capacity"] and after["available"] == 0
    orders = _orders(fresh_backend, headers)
    race_numbers = {r.json()["number"] for r in results if r.status_code == 201}
    assert race_numbers <= {o["number"] for o in orders} and len(race_numbers) == 3
    # A booking refused at the slot's row (its order written first) leaves no order behind.
    assert len(orders) == held_before + slot["available"]


def _orders(backend, headers) -> list[dict]:
    return requests.get(f"{backend.url}/api/v1/orders", headers=headers, timeout=TIMEOUT).json()[
        "items"
    ]


def test_restart_keeps_port_and_data_and_sigterm_stops_cleanly(fresh_backend):
    headers = _identify(fresh_backend, 0)
    slot = next(s for s in _slots(fresh_backend, headers, "meal") if s["available"] > 0)
    order = requests.post(
        f"{fresh_backend.url}/api/v1/orders",
        headers={**headers, "Idempotency-Key": "restart"},
        json={"slot_id": slot["id"]},
        timeout=TIMEOUT,
    ).json()
    url = fresh_backend.url
    fresh_backend.stop()
    assert fresh_backend.returncode is None  # stop() reaped it
    fresh_backend.start()
    assert fresh_backend.url == url
    # The session survived too (it lives in the database), and the order is still there.
    again = requests.get(f"{url}/api/v1/orders/{order['number']}", headers=headers, timeout=TIMEOUT)
    assert again.status_code == 200 and again.json() == order
    proc = fresh_backend._proc
    fresh_backend.stop()
    assert proc.returncode == 0


def test_server_log_is_structured_and_free_of_personal_data(fresh_backend):
    c = DEMO_CITIZENS[8]
    auth = {"Authorization": f"Bearer {fresh_backend.terminal_token}"}
    requests.post(
        f"{fresh_backend.url}/api/v1/identity/lookup",
        headers=auth,
        timeout=TIMEOUT,
        json={"id_number": c.id_number, "phone_last4": "0000"},
    )
    headers = _identify(fresh_backend, 8)
    requests.get(f"{fresh_backend.url}/api/v1/me", headers=headers, timeout=TIMEOUT)
    requests.get(
        f"{fresh_backend.url}/api/v1/orders/{c.id_number}",
        headers=headers,
        params={"q": c.phone},
        timeout=TIMEOUT,
    )
    fresh_backend.stop()
    log = fresh_backend.log_text()
    assert '"event": "identified"' in log and '"event": "identify_failed"' in log
    for secret in (c.id_number, c.phone, c.phone[-4:] + '"', c.name, c.card_payload):
        assert secret not in log


def test_status_page_over_http(live_backend):
    headers = _identify(live_backend, 0)
    apps = requests.get(
        f"{live_backend.url}/api/v1/applications", headers=headers, timeout=TIMEOUT
    ).json()["items"]
    page = requests.get(apps[0]["public_url"], timeout=TIMEOUT)
    assert apps[0]["public_url"].startswith(live_backend.url + "/s/")
    assert (
        page.status_code == 200 and "张*华" in page.text and DEMO_CITIZENS[0].name not in page.text
    )
    assert (
        requests.get(f"{live_backend.url}/s/unknown-token-value", timeout=TIMEOUT).status_code
        == 404
    )


def test_concurrent_retries_with_one_idempotency_key_make_one_order(fresh_backend):
    headers = {**_identify(fresh_backend, 1), "Idempotency-Key": "one-tap-many-retries"}
    slot = next(s for s in _slots(fresh_backend, headers, "medical") if s["available"] >= 2)
    start = threading.Barrier(10)

    def book(_i: int) -> requests.Response:
        start.wait()
        return requests.post(
            f"{fresh_backend.url}/api/v1/orders",
            headers=headers,
            json={"slot_id": slot["id"]},
            timeout=TIMEOUT,
        )

    with ThreadPoolExecutor(10) as pool:
        results = list(pool.map(book, range(10)))
    assert {r.status_code for r in results} == {201}
    assert len({r.text for r in results}) == 1  # the very same answer every time
    after = next(s for s in _slots(fresh_backend, headers, "medical") if s["id"] == slot["id"])
    assert after["booked"] == slot["booked"] + 1


def test_failure_limits_are_configurable_on_the_command_line(tmp_path):
    backend = start_backend(tmp_path, extra_args=("--id-failure-limit", "2"))
    try:
        c = DEMO_CITIZENS[12]
        auth = {"Authorization": f"Bearer {backend.terminal_token}"}
        answers = [
            requests.post(
                f"{backend.url}/api/v1/identity/lookup",
                headers=auth,
                timeout=TIMEOUT,
                json={"id_number": c.id_number, "phone_last4": "0000"},
            ).status_code
            for _ in range(3)
        ]
        assert answers == [401, 401, 429]
    finally:
        backend.stop()
