"""The type gate: mypy is clean on the scope listed once, in pyproject.toml [tool.mypy]."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "pyproject.toml"


def _mypy(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(CONFIG), "--no-incremental", *args],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip


def test_the_scope_covers_the_core_the_api_the_flows_and_backend_services():
    files = set(tomllib.loads(CONFIG.read_text(encoding="utf-8"))["tool"]["mypy"]["files"])
    flows = {str(p.relative_to(ROOT)) for p in ROOT.glob("kiosk/*/flow.py")}
    assert {"civic_core", "kiosk/api", "backend/services"} <= files and flows <= files


def test_mypy_is_clean_on_its_scope():
    done = _mypy()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-1000:]
    assert "Success: no issues found" in done.stdout


def test_mypy_fails_on_a_type_error(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('def half(n: int) -> int:\n    return n / 2\n\n\nhalf("two")\n')
    done = _mypy(str(bad))
    assert done.returncode == 1
    assert "[return-value]" in done.stdout and "[arg-type]" in done.stdout
