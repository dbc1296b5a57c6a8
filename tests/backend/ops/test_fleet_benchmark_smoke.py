"""The fleet benchmark runs end to end, on the embedded backend and on the city backend
(PostgreSQL, Redis, two workers), and prints its figures (speed is judged by humans)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    "backend",
    [(), ("--database", "postgresql", "--redis", "--workers", "2")],
    ids=["embedded", "city"],
)
def test_fleet_benchmark_prints_its_figures(backend):
    args = ["--terminals", "6", "--seconds", "3", "--interval", "1", "--threads", "2", *backend]
    run = subprocess.run([sys.executable, "-m", "benchmarks.fleet", *args], cwd=ROOT,
                         capture_output=True, text=True, timeout=180)  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    for name in ("heartbeat", "events"):
        found = re.search(rf"^\s+{name}\s+n=(\d+)\s+p50\s+[\d.]+ ms\s+p99", run.stdout, re.M)
        assert found and int(found.group(1)) > 0, run.stdout
    assert re.search(r"^\s+errors\s+0\s", run.stdout, re.M), run.stdout  # correctness only
