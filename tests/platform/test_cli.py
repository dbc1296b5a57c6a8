"""The real `kiosk` command in a subprocess: configuration errors, operator-pin, missing parts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import NotInstalled, _lazy
from kiosk.operator_pin import verify_pin

ROOT = Path(__file__).resolve().parents[2]


def kiosk(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**base, **(env or {})},
    )


@pytest.mark.parametrize(
    ("text", "env", "named"),
    [
        ("[idle]\nwarning_after = 1\n", {}, "idle.warning_after: unknown key"),
        ("[idle]\ncountdown_s = 1\n", {}, "idle.countdown_s: 1 is outside"),
        ("[idle\n", {}, "not valid TOML"),
        ("", {"KIOSK_SPEECH_RATE": "warp"}, "speech.rate (from KIOSK_SPEECH_RATE)"),
        ("", {"KIOSK_LOG_LEVEL": "loud"}, "KIOSK_LOG_LEVEL: 'LOUD' is not one of"),
    ],
)
def test_bad_config_exits_2_with_one_line(tmp_path, text, env, named):
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    for args in (("--config", str(bad)), ("selftest", "--config", str(bad))):
        done = kiosk(*args, env=env)
        assert done.returncode == 2
        assert done.stdout == ""
        lines = done.stderr.splitlines()
        assert len(lines) == 1, done.stderr
        assert named in lines[0] and "Traceback" not in done.stderr


def test_operator_pin_prints_a_hash_of_the_pin():
    done = kiosk("operator-pin", stdin="482916\n482916\n")
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("pin_hash = "))
    pin_hash = line.split('"')[1]
    assert "482916" not in done.stdout
    assert verify_pin("482916", pin_hash) and not verify_pin("482917", pin_hash)


@pytest.mark.parametrize("stdin", ["1234\n4321\n", "12\n12\n", "abcd\nabcd\n", ""])
def test_operator_pin_refuses_mismatch_or_bad_pin(stdin):
    done = kiosk("operator-pin", stdin=stdin)
    assert done.returncode == 1
    assert "pin_hash" not in done.stdout


def test_lazy_import_reports_a_missing_part():
    with pytest.raises(NotInstalled, match="the thing is not installed yet"):
        _lazy("kiosk.no_such_part", "run", "the thing")
    with pytest.raises(ModuleNotFoundError):  # a missing dependency *inside* a part is a bug
        _lazy("tests.platform.broken_part", "run", "the broken part")
    assert _lazy("kiosk.operator_pin", "hash_pin", "x").__name__ == "hash_pin"


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, ("tour", "tour", None)), ({"WAYLAND_DISPLAY": "wayland-0"}, ("run", None, True))],
)
def test_demo_runs_the_kiosk_with_a_display_else_the_tour(monkeypatch, env, expected):
    import kiosk.cli as cli

    calls = []
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(cli, "cmd_tour", lambda c, a: calls.append(("tour", a.dir, None)) or 0)
    monkeypatch.setattr(cli, "cmd_run", lambda c, a: calls.append(("run", None, a.windowed)) or 0)
    monkeypatch.setattr("kiosk.terminal.demo_window.fit_to_screen", lambda orientation: None)
    assert cli.main(["demo"]) == 0
    assert calls == [expected]


def test_run_without_any_display_says_what_to_do():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--windowed"],
        capture_output=True, text=True, timeout=60, cwd=ROOT, env=env,
    )  # fmt: skip
    assert done.returncode == 1
    assert "no display" in done.stderr and "kiosk tour DIR" in done.stderr
    assert "Traceback" not in done.stderr
