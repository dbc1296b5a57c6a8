"""The API contract tried as a hostile client would: schemathesis generates requests from
docs/openapi.json as served (valid ones, invalid ones, unlisted methods, missing headers, and
sequences) against the real server on loopback, with every check on, and must find nothing.

Bounded in time (CONTRACT_SECONDS); a failure prints schemathesis' own report with a curl
line per finding. The lockout limits are raised so the fuzzing of the identity routes does
not lock out the citizen whose session the other routes use.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import requests

from backend.demo import DEMO_CITIZENS
from tests.fixtures.backend_server import REPO_ROOT, start_backend

CONFIG = Path(__file__).with_name("contract") / "schemathesis.toml"
CONTRACT_SECONDS = 75


def test_schemathesis_finds_nothing(tmp_path):
    backend = start_backend(
        tmp_path / "backend",
        extra_args=("--id-failure-limit", "1000000", "--terminal-failure-limit", "1000000"),
    )
    try:
        auth = {"Authorization": f"Bearer {backend.terminal_token}"}
        c = DEMO_CITIZENS[6]
        session = requests.post(
            f"{backend.url}/api/v1/identity/lookup",
            headers=auth,
            json={"id_number": c.id_number, "phone_last4": c.phone_last4},
            timeout=30,
        ).json()["session_token"]
        run = subprocess.run(
            [
                *(sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "run"),
                f"{backend.url}/openapi.json",
                *("--checks", "all", "--max-time", str(CONTRACT_SECONDS)),
                *("--header", f"Authorization: Bearer {backend.terminal_token}"),
                *("--header", f"X-Citizen-Session: {session}"),
                *("--request-timeout", "30", "--seed", "14", "--no-color"),
            ],
            cwd=tmp_path,  # schemathesis keeps its cache in the working directory
            capture_output=True,
            text=True,
            timeout=CONTRACT_SECONDS + 240,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        )
    finally:
        backend.stop()
    report = run.stdout[-12000:]
    assert run.returncode == 0, report
    generated = re.search(r"(\d+) generated", report)
    assert generated and int(generated.group(1)) >= 500, report  # it really tried
    assert '"status": 500' not in backend.log_text()
