"""A small service manager for tests: runs one systemd service unit with the semantics the
kiosk's unit relies on, where systemd itself is not PID 1 (this machine, CI containers).

Honoured: [Service] Type=notify (READY=1 within TimeoutStartSec), NotifyAccess=main|all
(checked against the sender's pid, from SCM_CREDENTIALS), User= (setuid/setgid), Environment=,
EnvironmentFile= (a leading - makes it optional), ExecStart= (no prefixes), Restart=always,
RestartSec=, WatchdogSec= (WATCHDOG_USEC/WATCHDOG_PID set as systemd sets them; a missed
ping sends WatchdogSignal=, SIGABRT, then SIGKILL after TimeoutStopSec=), and drop-ins in
NAME.service.d/*.conf applied after the unit, as systemd applies them.
Not honoured (they need logind, a real tty or PID 1): PAMName=, TTY*=, Utmp*=,
StandardInput=, ExecStartPre= with + (root setup on the real console), [Install].
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shlex
import signal
import socket
import struct
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HONOURED = {"Type", "NotifyAccess", "User", "Environment", "EnvironmentFile", "ExecStart",
            "Restart", "RestartSec", "WatchdogSec", "TimeoutStartSec", "TimeoutStopSec"}  # fmt: skip
# Ordering, description and what needs logind or a real console: no effect on these semantics.
NOT_HONOURED = {"Description", "After", "Conflicts", "StartLimitIntervalSec", "PAMName",
                "TTYPath", "TTYReset", "TTYVHangup", "TTYVTDisallocate", "StandardInput",
                "StandardOutput", "StandardError", "UtmpIdentifier", "UtmpMode", "ExecStartPre"}  # fmt: skip


def parse_unit(path: Path) -> dict[str, list[str]]:
    """[Service] and [Unit] keys of the unit and its drop-ins; an empty value resets a list."""
    keys: dict[str, list[str]] = {}
    drop_ins = sorted(path.with_name(path.name + ".d").glob("*.conf"))
    for source in (path, *drop_ins):
        section = ""
        for raw in source.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith(("#", ";")):
                continue
            if line.startswith("["):
                section = line.strip("[]")
                continue
            key, _, value = line.partition("=")
            if section in ("Service", "Unit"):
                values = keys.setdefault(key, [])
                values[:] = [] if not value else [*values, value]
    return keys


def _environment(keys: dict[str, list[str]], user: pwd.struct_passwd) -> dict[str, str]:
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": user.pw_dir, "USER": user.pw_name,
           "LOGNAME": user.pw_name, "LANG": "C.UTF-8"}  # fmt: skip
    for line in keys.get("Environment", []):
        env.update(word.split("=", 1) for word in shlex.split(line))
    for entry in keys.get("EnvironmentFile", []):
        optional, name = entry.startswith("-"), entry.lstrip("-")
        if not Path(name).exists() and optional:
            continue
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            if "=" in line and not line.lstrip().startswith("#"):
                env.update([line.strip().split("=", 1)])
    return env


def descendants(pid: int) -> list[int]:
    """Every process below pid, from /proc (children first found, grandchildren after)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        children = parents.get(todo.pop(), [])
        found += children
        todo += children
    return found


def running(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@dataclass
class Event:
    at: float  # time.monotonic()
    kind: str  # started | ready | watchdog | exited | restart
    pid: int = 0
    detail: str = ""


@dataclass
class UnitSupervisor:
    unit: Path
    events: list[Event] = field(default_factory=list)

    def __post_init__(self) -> None:
        keys = parse_unit(self.unit)
        unknown = set(keys) - HONOURED - NOT_HONOURED
        assert not unknown, f"the test supervisor does not know {sorted(unknown)}: teach it"
        value = lambda name, default="": (keys.get(name) or [default])[-1]  # noqa: E731
        assert value("Type") == "notify" and value("Restart") == "always", keys
        self.user = pwd.getpwnam(value("User", "root"))
        self.command = shlex.split(value("ExecStart"))
        self.notify_all = value("NotifyAccess", "main") == "all"
        self.restart_s = float(value("RestartSec", "0.1"))
        self.watchdog_s = float(value("WatchdogSec", "0"))
        self.start_timeout_s = float(value("TimeoutStartSec", "90"))
        self.stop_timeout_s = float(value("TimeoutStopSec", "90"))
        self.env = _environment(keys, self.user)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self.proc: subprocess.Popen[bytes] | None = None
        self._socket_dir = Path(os.environ.get("TMPDIR", "/tmp"))

    # -- notify socket ------------------------------------------------------------------
    def _open_socket(self, directory: Path) -> socket.socket:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        path = directory / "notify.sock"
        path.unlink(missing_ok=True)  # left by an earlier run
        sock.bind(str(path))
        os.chmod(path, 0o777)  # the service runs as User=
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        sock.settimeout(0.1)
        self.env["NOTIFY_SOCKET"] = str(path)
        return sock

    def _receive(self, sock: socket.socket) -> tuple[int, str] | None:
        try:
            data, ancillary, _, _ = sock.recvmsg(4096, socket.CMSG_SPACE(12))
        except TimeoutError:
            return None
        pid = 0
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                pid = struct.unpack("iII", payload[:12])[0]
        return pid, data.decode(errors="replace")

    # -- the service --------------------------------------------------------------------
    def _spawn(self) -> subprocess.Popen[bytes]:
        env = dict(self.env)
        if self.watchdog_s:
            env["WATCHDOG_USEC"] = str(int(self.watchdog_s * 1_000_000))
        user = self.user
        # WATCHDOG_PID is the main process's own pid: set by a shell that then execs it.
        wrapper = (
            ["/bin/sh", "-c", 'WATCHDOG_PID=$$ exec "$@"', "service"] if self.watchdog_s else []
        )
        proc = subprocess.Popen(
            [*wrapper, *self.command], env=env, cwd=user.pw_dir if os.path.isdir(user.pw_dir) else "/",
            user=user.pw_uid, group=user.pw_gid, extra_groups=[], start_new_session=True,
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
        )  # fmt: skip
        self.events.append(Event(time.monotonic(), "started", proc.pid))
        return proc

    def _kill(self, proc: subprocess.Popen[bytes], first: signal.Signals) -> None:
        """KillMode=control-group, approximated by the service's process tree as it is now
        (every descendant, also those in a session of their own like the demo backend):
        `first` to all, then SIGKILL to whatever of them is left after TimeoutStopSec."""
        tree = [proc.pid, *descendants(proc.pid)]
        for sig in (first, signal.SIGKILL):
            for pid in tree:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, sig)
            deadline = time.monotonic() + self.stop_timeout_s
            while time.monotonic() < deadline:
                proc.poll()
                if not [pid for pid in tree if running(pid)]:
                    return
                time.sleep(0.05)

    def _watch(self, proc: subprocess.Popen[bytes], sock: socket.socket) -> None:
        """One run of the service, until it exits or is killed."""
        started = time.monotonic()
        ready, last_ping = False, started
        while proc.poll() is None and not self._stop.is_set():
            got = self._receive(sock)
            now = time.monotonic()
            if got is not None:
                pid, message = got
                if not self.notify_all and pid != proc.pid:
                    self.events.append(Event(now, "refused", pid, message))
                    continue
                fields = dict(line.split("=", 1) for line in message.splitlines() if "=" in line)
                if fields.get("READY") == "1" and not ready:
                    ready = True
                    self.events.append(Event(now, "ready", pid, fields.get("STATUS", "")))
                if fields.get("WATCHDOG") == "1" or fields.get("READY") == "1":
                    last_ping = now
            if not ready and now - started > self.start_timeout_s:
                self.events.append(Event(now, "start-timeout", proc.pid))
                self._kill(proc, signal.SIGTERM)
            elif ready and self.watchdog_s and now - last_ping > self.watchdog_s:
                self.events.append(Event(now, "watchdog", proc.pid))
                self._kill(proc, signal.SIGABRT)
        if self._stop.is_set():
            self._kill(proc, signal.SIGTERM)
        self.events.append(Event(time.monotonic(), "exited", proc.pid, str(proc.wait())))

    def _run(self, directory: Path) -> None:
        with self._open_socket(directory) as sock:
            while not self._stop.is_set():
                proc = self._spawn()
                with self._lock:
                    self.proc = proc
                self._watch(proc, sock)
                if self._stop.wait(self.restart_s):
                    break
                self.events.append(Event(time.monotonic(), "restart"))

    def start(self, directory: Path, log_path: Path) -> None:
        self.log = open(log_path, "ab")  # noqa: SIM115  (closed in stop())
        self._thread = threading.Thread(target=self._run, args=(directory,), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.stop_timeout_s * 2 + 5)
        self.log.close()

    def wait_for(self, kind: str, count: int, timeout_s: float) -> Event:
        """The count-th event of this kind, waiting up to timeout_s for it."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            found = [e for e in self.events if e.kind == kind]
            if len(found) >= count:
                return found[count - 1]
            time.sleep(0.1)
        raise AssertionError(f"no {kind} #{count} within {timeout_s} s: {self.events}")
