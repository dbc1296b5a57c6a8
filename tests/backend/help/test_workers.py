"""`serve --workers 2 --redis-url …`: a kiosk connected to one worker process and a staff
browser connected to the other see each other (frames, pointer events, the end) through the
Redis help store, and /metrics adds up both workers. Real processes, real Redis, real HTTP."""

from __future__ import annotations

import base64
import subprocess
import sys
import threading
import time

import pytest

from backend.demo import DEMO_TERMINAL_TOKEN
from tests.backend.help.conftest import jpeg
from tests.backend.help.live_staff import LiveStaff
from tests.fixtures.backend_server import REPO_ROOT, connected_to_worker, start_backend

TIMEOUT = 10
METRICS_TOKEN = "metrics-token-for-the-worker-test"


@pytest.fixture(scope="module")
def two_workers(redis_server, tmp_path_factory):
    with pytest.MonkeyPatch.context() as env:  # the token only for this server's start
        env.setenv("KIOSK_BACKEND_METRICS_TOKEN", METRICS_TOKEN)
        backend = start_backend(
            tmp_path_factory.mktemp("two_workers"),
            extra_args=("--workers", "2", "--redis-url", redis_server.url(1)),
        )
    yield backend
    backend.stop()


def test_several_workers_without_redis_are_refused_with_one_line(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "backend.cli", "serve", "--workers", "4", "--port", "0"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and "READY" not in r.stdout
    assert r.stderr.strip().splitlines() == [
        "kiosk-backend: --workers 4 needs --redis-url: every worker must see the same live "
        "help sessions (one worker runs without Redis)"
    ]


def test_kiosk_and_staff_on_different_workers_see_each_other(two_workers):
    url = two_workers.url
    kiosk, kiosk_worker = connected_to_worker(url)
    kiosk.headers["Authorization"] = f"Bearer {DEMO_TERMINAL_TOKEN}"
    staff_http, staff_worker = connected_to_worker(url, avoid=kiosk_worker)
    staff = LiveStaff(url, http=staff_http)
    opened = kiosk.post(f"{url}/api/v1/help/sessions", timeout=TIMEOUT).json()
    sid = opened["id"]
    assert kiosk.post(f"{url}/api/v1/help/sessions/{sid}/consent", timeout=TIMEOUT).ok
    assert staff.join(opened["code"]) == sid

    # The staff long-poll waits on worker B while the kiosk publishes on worker A.
    seen: dict = {}

    def wait_for_frame() -> None:
        seen["state"] = staff.state(sid, after=0, wait=8)
        seen["at"] = time.monotonic()

    waiter = threading.Thread(target=wait_for_frame)
    waiter.start()
    time.sleep(0.3)
    picture = jpeg("blue")
    sent_at = time.monotonic()
    published = kiosk.post(
        f"{url}/api/v1/help/frames/{sid}",
        json={"screen_id": "home", "jpeg_base64": base64.b64encode(picture).decode()},
        timeout=TIMEOUT,
    )
    assert published.status_code == 201, published.text
    waiter.join(TIMEOUT)
    assert seen["state"]["frame_seq"] == 1 and seen["state"]["screen_id"] == "home"
    assert (
        seen["at"] - sent_at < 4.0
    )  # woken by the frame, not by the 8 s timeout (speed: the benchmark)
    assert staff.frame(sid, 1) == picture

    assert staff.send(sid, {"type": "pointer", "x": 0.25, "y": 0.75}).status_code == 201
    events = kiosk.get(
        f"{url}/api/v1/help/sessions/{sid}/events",
        params={"after": 1, "wait": 5},
        timeout=TIMEOUT + 5,
    ).json()["items"]
    assert [(e["type"], e["x"], e["y"]) for e in events] == [("pointer", 0.25, 0.75)]

    ended = kiosk.post(
        f"{url}/api/v1/help/sessions/{sid}/end", json={"reason": "kiosk"}, timeout=TIMEOUT
    )
    assert ended.json()["state"]["code"] == "ended"
    assert staff.state(sid, after=1, wait=5)["state"]["code"] == "ended"
    assert (
        staff.http.get(f"{url}/staff/api/sessions/{sid}/frames/2", timeout=TIMEOUT).status_code
        == 404
    )
    # Every answer came from the worker each side was connected to.
    for http, worker in ((kiosk, kiosk_worker), (staff.http, staff_worker)):
        assert (
            http.get(f"{url}/api/v1/health", timeout=TIMEOUT).headers["X-Backend-Worker"] == worker
        )


def test_metrics_add_up_every_worker(two_workers):
    url = two_workers.url
    first, worker = connected_to_worker(url)
    second, _ = connected_to_worker(url, avoid=worker)
    for http in (first, second):
        for _ in range(3):
            http.get(f"{url}/api/v1/health", timeout=TIMEOUT)
    auth = {"Authorization": f"Bearer {METRICS_TOKEN}"}
    texts = [
        http.get(f"{url}/metrics", headers=auth, timeout=TIMEOUT).text for http in (first, second)
    ]
    line = 'kiosk_http_requests_total{method="GET",route="/api/v1/health",status="200"}'
    counts = [float(t.split(line, 1)[1].split()[0]) for t in texts]
    # Both workers answer with the total (≥ the 6 here plus the connections' first calls).
    assert counts[0] == counts[1] >= 8
