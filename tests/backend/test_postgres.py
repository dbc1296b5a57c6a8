"""The backend on PostgreSQL (any SQLAlchemy URL works; this proves the important one).

A throwaway cluster is created with the Debian `postgresql` package's initdb (run as the
`postgres` user when the tests run as root) on a free loopback port, then seeded and served
by the real CLI. Skipped only where PostgreSQL's binaries are not installed.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from backend.demo import DEMO_CITIZENS
from tests.fixtures.backend_server import start_backend

REPO_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 30


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    pytest.importorskip("psycopg")
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries not installed (Debian package postgresql)")
    # initdb refuses to run as root; the Debian package provides the postgres user.
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    base = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))  # not under pytest's root-only tmp
    if run_as:
        os.chown(base, pwd.getpwnam("postgres").pw_uid, -1)
    port = _free_port()
    data = base / "data"
    subprocess.run(
        [
            *run_as,
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "kiosk",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    options = (
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off"
    )
    subprocess.run(
        [
            *run_as,
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(base / "log"),
            "-w",
            "start",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    try:
        yield f"postgresql+psycopg://kiosk@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            capture_output=True,
            timeout=120,
        )
        shutil.rmtree(base, ignore_errors=True)


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
        odd = requests.get(f"{backend.url}/api/v1/orders/a%00b", headers=headers, timeout=TIMEOUT)
        assert odd.status_code == 404  # NUL never reaches PostgreSQL
    finally:
        backend.stop()
    assert '"status": 500' not in backend.log_text()
