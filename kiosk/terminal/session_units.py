"""`kiosk install-session`: the systemd units that make a Debian machine a kiosk terminal.

At boot, civic-kiosk.service logs the kiosk user in on tty1 (a logind session, so cage
may open the display and input devices) and runs the kiosk inside cage, a Wayland
compositor that shows one full-screen application and nothing else: no desktop, no
panel, no key that starts anything, VT switching off (cage without -s). When the kiosk
exits or crashes, cage exits and systemd starts both again after RestartSec; when the
GUI thread stops sending WATCHDOG=1 (kiosk/terminal/watchdog.py), systemd kills and
restarts them. logind spawns no getty on other VTs, and SysRq is off.

Everything is written under `root` (default /), so a test or an image build can write
into a directory; enabling is done by writing the same symlinks `systemctl enable` makes.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

UNIT_NAME = "civic-kiosk.service"
RESTART_SEC = 2  # back within 10 s of a crash: 2 s here plus the kiosk's start-up
WATCHDOG_SEC = 30  # a hung GUI thread is killed after this long without WATCHDOG=1


@dataclass(frozen=True)
class SessionSpec:
    user: str = "kiosk"
    kiosk_command: str = "/opt/civic-kiosk/venv/bin/kiosk"  # the venv the wheel went into
    config_path: str = "/etc/civic-kiosk/kiosk.toml"
    tty: str = "tty1"
    cage: str = "/usr/bin/cage"


def service_unit(spec: SessionSpec) -> str:
    # `launch`: starts the current release and switches back from one that fails to start.
    kiosk = shlex.join([spec.kiosk_command, "--config", spec.config_path, "launch"])
    return f"""\
# Written by `kiosk install-session`; see docs/operations.md.
[Unit]
Description=Civic Kiosk terminal (the kiosk full-screen in the cage compositor)
After=systemd-user-sessions.service plymouth-quit-wait.service getty@{spec.tty}.service
Conflicts=getty@{spec.tty}.service
# Keep restarting however often it fails: a terminal has no one to press a button.
StartLimitIntervalSec=0

[Service]
Type=notify
# READY=1 and WATCHDOG=1 come from the kiosk, a child of cage (the main process).
NotifyAccess=all
User={spec.user}
PAMName=login
TTYPath=/dev/{spec.tty}
TTYReset=yes
TTYVHangup=yes
TTYVTDisallocate=yes
StandardInput=tty-fail
StandardOutput=journal
StandardError=journal
UtmpIdentifier={spec.tty}
UtmpMode=user
Environment=XDG_SESSION_TYPE=wayland
Environment=QT_QPA_PLATFORM=wayland
Environment=QT_QUICK_BACKEND=software
# The terminal token and other KIOSK_* overrides, kept out of the config file.
EnvironmentFile=-/etc/civic-kiosk/kiosk.env
# The text console never blanks either (cage itself has no idle blanking).
ExecStartPre=-+/bin/sh -c 'TERM=linux setterm --blank 0 --powerdown 0 </dev/{spec.tty} >/dev/{spec.tty}'
ExecStart={spec.cage} -d -- {kiosk}
Restart=always
RestartSec={RESTART_SEC}
WatchdogSec={WATCHDOG_SEC}
# The first start seeds the demo database on slow hardware.
TimeoutStartSec=120
TimeoutStopSec=10

[Install]
WantedBy=graphical.target
"""


LOGIND_DROP_IN = """\
# Written by `kiosk install-session`: no login prompt on any other virtual terminal.
[Login]
NAutoVTs=0
ReserveVT=0
"""

SYSCTL_CONF = """\
# Written by `kiosk install-session`: no magic SysRq keys on a public terminal.
kernel.sysrq = 0
"""


def _symlink(link: Path, target: str) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(target)


def install_session(spec: SessionSpec, root: Path = Path("/")) -> list[Path]:
    """Write the units and enable them under `root`; returns what was written."""
    system = root / "etc/systemd/system"
    files = {
        system / UNIT_NAME: service_unit(spec),
        root / "etc/systemd/logind.conf.d/civic-kiosk.conf": LOGIND_DROP_IN,
        root / "etc/sysctl.d/90-civic-kiosk.conf": SYSCTL_CONF,
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    # What `systemctl enable` and `systemctl set-default graphical.target` would write.
    links = {
        system / "graphical.target.wants" / UNIT_NAME: f"/etc/systemd/system/{UNIT_NAME}",
        system / "default.target": "/lib/systemd/system/graphical.target",
    }
    for link, target in links.items():
        _symlink(link, target)
    return [*files, *links]
