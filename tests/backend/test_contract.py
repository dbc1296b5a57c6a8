"""The API contract tried as a hostile client would: schemathesis generates requests from
docs/openapi.json as served (valid ones, invalid ones, unlisted methods, missing headers, and
sequences) against the real server on loopback, with every check on, and must find nothing.

Bounded in time (CONTRACT_SECONDS); a failure prints schemathesis' own report with a curl
line per finding. The lockout limits are raised so the fuzzing of the identity routes does
not lock out the citizen whose session the other routes use. A second, shorter pass gives
the operations that need more credentials what a kiosk has (a deferral grant, a signed-in
volunteer, and each fleet report signed: tests/backend/contract/signing.py).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import requests

from backend.demo import DEMO_CITIZENS
from backend.help.demo import DEMO_VOLUNTEERS
from tests.fixtures.backend_server import REPO_ROOT, start_backend

CONFIG = Path(__file__).with_name("contract") / "schemathesis.toml"
SIGNING_HOOKS = Path(__file__).with_name("contract") / "signing.py"
CONTRACT_SECONDS = 65
# Fuzzed apart, after the rest: what needs more than the terminal token and a citizen session
# (signed fleet reports, outbox replays with a deferral grant, a volunteer's sign-out) and the
# citizen's sign-out; last of all the demo clock, which, moved on, expires every session and
# grant. In one pass, the citizen routes met only 401 once either of these two had run.
LAST = (
    r"^/api/v1/(ops/(heartbeat|events|screenshots/|settings/|outbox/)|volunteers/session|session$)"
)
CLOCK = r"^/api/v1/demo/clock$"
LAST_SECONDS, CLOCK_SECONDS = 15, 4


def _credentials(backend) -> tuple[dict[str, str], dict[str, str]]:
    """(headers for every request: the terminal and a citizen session; for the hooks: a
    deferral grant of that citizen and a volunteer signed in at this terminal)."""
    auth = {"Authorization": f"Bearer {backend.terminal_token}"}
    c, v = DEMO_CITIZENS[6], DEMO_VOLUNTEERS[0]

    def post(path: str, body: dict | None = None, **headers: str) -> dict:
        answer = requests.post(
            f"{backend.url}/api/v1{path}", headers=auth | headers, json=body, timeout=30
        )
        assert answer.status_code == 201, answer.text
        return answer.json()

    session = post("/identity/lookup", {"id_number": c.id_number, "phone_last4": c.phone_last4})
    citizen = {"X-Citizen-Session": session["session_token"]}
    volunteer = post("/volunteers/sign-in", {"volunteer_number": v.number, "pin": v.pin})
    return auth | citizen, {
        "KIOSK_CONTRACT_DEFERRAL": post("/ops/deferrals", **citizen)["token"],
        "KIOSK_CONTRACT_VOLUNTEER": volunteer["token"],
    }


def _schemathesis(backend, tmp_path, seconds: int, headers, *options: str, hooks_env=None):
    run = subprocess.run(
        [
            *(sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "run"),
            f"{backend.url}/openapi.json",
            *("--checks", "all", "--max-time", str(seconds)),
            *(arg for name, value in headers.items() for arg in ("--header", f"{name}: {value}")),
            *("--request-timeout", "30", "--seed", "14", "--no-color", *options),
        ],
        cwd=tmp_path,  # schemathesis keeps its cache in the working directory
        capture_output=True,
        text=True,
        timeout=seconds + 240,
        env={
            **os.environ,
            "PYTHONPATH": str(REPO_ROOT),
            "SCHEMATHESIS_HOOKS": str(SIGNING_HOOKS),
            "KIOSK_CONTRACT_TOKEN": backend.terminal_token,
            **(hooks_env or {}),
        },
    )
    report = run.stdout[-12000:]
    assert run.returncode == 0, report
    return report


def test_schemathesis_finds_nothing(tmp_path):
    backend = start_backend(
        tmp_path / "backend",
        extra_args=("--id-failure-limit", "1000000", "--terminal-failure-limit", "1000000"),
    )
    try:
        headers, held = _credentials(backend)
        report = _schemathesis(
            backend, tmp_path, CONTRACT_SECONDS, headers,
            "--exclude-path-regex", f"{LAST}|{CLOCK}",  # given twice, only the last counts
        )  # fmt: skip
        last = _schemathesis(
            backend, tmp_path, LAST_SECONDS, headers, "--include-path-regex", LAST, hooks_env=held
        )
        clock = _schemathesis(
            backend, tmp_path, CLOCK_SECONDS, headers, "--include-path-regex", CLOCK
        )
    finally:
        backend.stop()
    generated = re.search(r"(\d+) generated", report)
    assert generated and int(generated.group(1)) >= 500, report  # it really tried
    assert re.search(r"\b8 selected\b", last) and re.search(r"\b1 selected\b", clock), last
    # No operation of the main pass met only 401 but a sign-in whose PIN a fuzzer cannot guess.
    only_401 = re.search(r"401 Unauthorized \(\d+ operations?\):\n((?:\s+- .+\n)+)", report)
    listed = (
        {line.split("- ", 1)[1] for line in only_401.group(1).splitlines()} if only_401 else set()
    )
    assert listed <= {"POST /api/v1/volunteers/sign-in"}, report
    log = backend.log_text()
    assert '"status": 500' not in log
    # The signed routes were reached behind their signature check, not only refused by it.
    for route in ("/api/v1/ops/heartbeat", "/api/v1/ops/events"):
        assert re.search(rf'"route": "{route}", "status": 200', log), route
