"""`kiosk install-session --root DIR` writes units that systemd's own tools accept."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from kiosk.cli import main
from kiosk.terminal.session_units import RESTART_SEC, UNIT_NAME, WATCHDOG_SEC


@pytest.fixture
def session_root(tmp_path, capsys):
    kiosk = shutil.which("kiosk") or str(tmp_path / "kiosk")
    assert main(["install-session", "--root", str(tmp_path), "--user", "nobody",
                 "--kiosk", kiosk]) == 0  # fmt: skip
    return tmp_path, capsys.readouterr().out


def _unit_lines(root) -> list[str]:
    return (root / "etc/systemd/system" / UNIT_NAME).read_text().splitlines()


def test_the_unit_runs_the_kiosk_in_cage_as_the_user_and_heals_it(session_root):
    root, out = session_root
    lines = _unit_lines(root)
    for wanted in ("Type=notify", "NotifyAccess=all", "User=nobody", "PAMName=login",
                   "Restart=always", f"RestartSec={RESTART_SEC}", f"WatchdogSec={WATCHDOG_SEC}",
                   "Conflicts=getty@tty1.service", "StartLimitIntervalSec=0",
                   "Environment=QT_QPA_PLATFORM=wayland", "WantedBy=graphical.target"):  # fmt: skip
        assert wanted in lines
    (exec_start,) = [line for line in lines if line.startswith("ExecStart=")]
    # cage without -s: no switching to another virtual terminal.
    assert exec_start.startswith("ExecStart=/usr/bin/cage -d -- ")
    assert " -s " not in exec_start and exec_start.endswith(
        "--config /etc/civic-kiosk/kiosk.toml launch"
    )
    assert RESTART_SEC < 10
    logind = (root / "etc/systemd/logind.conf.d/civic-kiosk.conf").read_text()
    assert "NAutoVTs=0" in logind and "ReserveVT=0" in logind
    assert "kernel.sysrq = 0" in (root / "etc/sysctl.d/90-civic-kiosk.conf").read_text()
    assert f"wrote {root}/etc/systemd/system/{UNIT_NAME}" in out


needs_systemd_tools = pytest.mark.skipif(
    not shutil.which("systemd-analyze"),
    reason="systemd's tools (package systemd) are not installed",
)


@needs_systemd_tools
def test_systemd_sees_the_unit_enabled_at_boot_and_valid(session_root):
    root, _ = session_root
    enabled = subprocess.run(["systemctl", f"--root={root}", "is-enabled", UNIT_NAME],
                             capture_output=True, text=True)  # fmt: skip
    assert enabled.stdout.strip() == "enabled"
    default = root / "etc/systemd/system/default.target"
    assert str(default.readlink()) == "/lib/systemd/system/graphical.target"
    unit = root / "etc/systemd/system" / UNIT_NAME
    verify = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True,
                            text=True)  # fmt: skip
    assert verify.returncode == 0, verify.stderr


@needs_systemd_tools
def test_systemd_analyze_refuses_a_broken_unit(session_root):
    """The verification above can fail: a unit whose ExecStart does not exist."""
    root, _ = session_root
    unit = root / "etc/systemd/system" / UNIT_NAME
    unit.write_text(unit.read_text().replace("ExecStart=/usr/bin/cage", "ExecStart=/no/cage"))
    verify = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True,
                            text=True)  # fmt: skip
    assert verify.returncode != 0 and "/no/cage" in verify.stderr


def test_an_unwritable_root_is_one_line_and_exit_1(tmp_path, capsys):
    (tmp_path / "etc").write_text("a file where a directory should be")
    assert main(["install-session", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("install-session: cannot write ") and err.count("\n") == 1
