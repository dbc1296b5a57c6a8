"""The load benchmark runs end to end and prints its figures (speed is judged by humans, not here)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


CITY = ("--workers", "2", "--database", "postgresql", "--redis")


@pytest.mark.parametrize("options", [(), CITY], ids=["one worker on sqlite", "city"])
def test_backend_load_prints_its_figures(options):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.backend_load",
            "--kiosks",
            "2",
            "--seconds",
            "3",
            "--think",
            "0.2",  # the stress pace: a 3 s run still books and cancels
            *options,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    out = run.stdout
    figures = {
        name: re.search(rf"^\s+{name}\s+([\d.]+)", out, re.MULTILINE)
        for name in ("requests", "latency p50", "latency p99", "errors", "overbooked")
    }
    assert all(figures.values()), out
    assert int(figures["requests"].group(1)) > 0
    # Correctness, not speed: two kiosks must never see an error or overbook a slot.
    assert int(figures["errors"].group(1)) == 0, out
    assert int(figures["overbooked"].group(1)) == 0, out
    assert "target <= 100 ms" in out
    assert re.search(r"req/s achieved .*, [\d.]+ req/s offered", out), out
    assert re.search(r"CPU +client \d+ %, backend \d+ %", out), out
    if options:  # the 1-worker run at the same load, then the ratio
        assert out.count("worker(s), postgresql + Redis") == 2 and "workers vs 1" in out
