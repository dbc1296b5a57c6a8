"""The backend served by the real CLI on PostgreSQL (tests/fixtures/servers.py starts the
server): seeded by `kiosk-backend seed`, then booked concurrently past a slot's capacity.
The route tests also run on PostgreSQL (tests/backend/conftest.py's database_url)."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from backend.demo import DEMO_CITIZENS
from tests.fixtures.backend_server import start_backend

REPO_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 30


@pytest.fixture
def postgres_url(postgres_server):
    name = "served_by_cli"
    yield postgres_server.database(name)
    postgres_server.drop(name)


def test_seed_serve_and_book_concurrently_on_postgresql(postgres_url, tmp_path):
    subprocess.run(
        [sys.executable, "-m", "backend.cli", "seed", "--database-url", postgres_url],
        check=True,
        capture_output=True,
        timeout=180,
        cwd=REPO_ROOT,
    )
    backend = start_backend(tmp_path, seed=False, database_url=postgres_url)
    try:
        c = DEMO_CITIZENS[0]
        auth = {"Authorization": f"Bearer {backend.terminal_token}"}
        r = requests.post(
            f"{backend.url}/api/v1/identity/lookup",
            headers=auth,
            timeout=TIMEOUT,
            json={"id_number": c.id_number, "phone_last4": c.phone_last4},
        )
        assert r.status_code == 201
        headers = {**auth, "X-Citizen-Session": r.json()["session_token"]}
        apps = requests.get(
            f"{backend.url}/api/v1/applications", headers=headers, timeout=TIMEOUT
        ).json()["items"]
        assert apps and requests.get(apps[0]["public_url"], timeout=TIMEOUT).status_code == 200
        slots = requests.get(
            f"{backend.url}/api/v1/services/rehab/slots",
            params={"days": 14},
            headers=headers,
            timeout=TIMEOUT,
        ).json()["items"]
        slot = next(s for s in slots if s["available"] >= 3)
        held_before = len(_orders(backend, headers))
        for i in range(slot["available"] - 3):
            requests.post(
                f"{backend.url}/api/v1/orders",
                headers={**headers, "Idempotency-Key": f"pre-{i}"},
                json={"slot_id": slot["id"]},
                timeout=TIMEOUT,
            )
        start = threading.Barrier(50)

        def book(i: int) -> int:
            start.wait()
            return requests.post(
                f"{backend.url}/api/v1/orders",
                headers={**headers, "Idempotency-Key": f"pg-{i}"},
                json={"slot_id": slot["id"]},
                timeout=TIMEOUT,
            ).status_code

        with ThreadPoolExecutor(50) as pool:
            statuses = sorted(pool.map(book, range(50)))
        assert statuses == [201] * 3 + [409] * 47
        # Refused at the slot's row after its order was written: that order is rolled back.
        assert len(_orders(backend, headers)) == held_before + slot["available"]
        odd = requests.get(f"{backend.url}/api/v1/orders/a%00b", headers=headers, timeout=TIMEOUT)
        assert odd.status_code == 404  # NUL never reaches PostgreSQL
    finally:
        backend.stop()
    assert '"status": 500' not in backend.log_text()


def _orders(backend, headers) -> list[dict]:
    return requests.get(f"{backend.url}/api/v1/orders", headers=headers, timeout=TIMEOUT).json()[
        "items"
    ]
