"""Which backend the kiosk talks to: a configured server, or the embedded demo backend.

With no `backend.url` the reference backend runs as a CHILD PROCESS with demo data
(演示模式), so its work never competes with the GUI thread for the GIL. Starting it
returns a Future at once; the Future resolves to a BackendEndpoint when the child
prints `READY http://127.0.0.1:PORT`, or fails with BackendStartError (the kiosk then
shows 网络暂时不通 instead of crashing).

The child dies with the kiosk: stop() sends SIGTERM then SIGKILL, and if the kiosk
itself dies (even by SIGKILL) the kernel sends the child SIGTERM (PR_SET_PDEATHSIG).
PDEATHSIG fires when the *thread* that forked the child exits, so the child is forked
by a supervisor thread that lives exactly as long as the child, and the request is made
by a tiny launcher in the child that then execs the backend.
"""

from __future__ import annotations

import logging
import os
import secrets
import selectors
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from civic_core.demo import DEMO_TERMINAL_TOKEN_ENV

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
READY_PREFIX = "READY "
DEFAULT_STARTUP_TIMEOUT_S = 60.0  # first start seeds the demo DB; 2 busy cores are slow


@dataclass(frozen=True)
class BackendEndpoint:
    url: str  # "http://127.0.0.1:PORT", no trailing slash
    terminal_token: str
    demo: bool  # True: the embedded demo backend (show the 演示模式 badge)


class BackendStartError(RuntimeError):
    """The embedded backend could not be started; the message says why, for an operator."""


class RemoteBackend:
    """A configured backend server: nothing to start or stop."""

    def __init__(self, url: str, terminal_token: str) -> None:
        self.endpoint = BackendEndpoint(url.rstrip("/"), terminal_token, demo=False)

    def start(self) -> Future[BackendEndpoint]:
        future: Future[BackendEndpoint] = Future()
        future.set_result(self.endpoint)
        return future

    def stop(self, timeout_s: float = 5.0) -> None:
        pass


# Runs in the freshly exec'd child, before it becomes the backend: ask the kernel for
# SIGTERM when the forking thread dies (kept across execv), then exec the backend.
# A launcher instead of a preexec_fn: nothing runs between fork and exec in the kiosk
# process (preexec_fn is unsafe with threads, and forces a slow fork holding the GIL).
_LAUNCHER = """\
import ctypes, os, signal, sys
ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
if os.getppid() != int(sys.argv[1]):
    sys.exit(1)  # the kiosk died before prctl took effect
os.execv(sys.executable, [sys.executable, *sys.argv[2:]])
"""


def _dying_with(parent_pid: int, command: list[str]) -> list[str]:
    """command, wrapped so that it dies with the kiosk (Linux; elsewhere stop() only)."""
    if not sys.platform.startswith("linux"):
        return command
    return [sys.executable, "-S", "-c", _LAUNCHER, str(parent_pid), *command[1:]]


class EmbeddedBackend:
    """The reference backend with demo data, in a child process on a free loopback port."""

    def __init__(
        self,
        data_dir: Path,
        *,
        startup_timeout_s: float = DEFAULT_STARTUP_TIMEOUT_S,
        extra_args: tuple[str, ...] = (),
    ) -> None:
        self.data_dir = Path(data_dir)
        self.log_path = self.data_dir / "demo-backend.log"
        self._startup_timeout_s = startup_timeout_s
        self._extra_args = extra_args
        self._lock = threading.Lock()
        self._future: Future[BackendEndpoint] | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self.startup_s: float | None = None  # spawn → READY, for benchmarks and selftest
        self._token = ""

    @property
    def database_url(self) -> str:
        return f"sqlite:///{(self.data_dir / 'demo.sqlite3').resolve()}"

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None else None

    def running(self) -> bool:
        proc = self._proc
        return proc is not None and proc.poll() is None

    def start(self) -> Future[BackendEndpoint]:
        """Start once (later calls return the same Future); never blocks the caller.

        Done-callbacks of the Future run on the supervisor thread: hand results to the
        GUI thread with a queued signal.
        """
        with self._lock:
            if self._future is None:
                self._future = Future()
                self._stopping = False
                self._thread = threading.Thread(
                    target=self._supervise, name="embedded-backend", daemon=True
                )
                self._thread.start()
            return self._future

    def stop(self, timeout_s: float = 5.0) -> None:
        """SIGTERM, then SIGKILL after timeout_s; safe to call at any time, any number of times."""
        with self._lock:
            self._stopping = True
            proc, thread, future = self._proc, self._thread, self._future
            self._future = None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout_s)
            except subprocess.TimeoutExpired:
                log.warning("demo backend ignored SIGTERM; killing it")
                proc.kill()
                proc.wait()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout_s)
        if future is not None:
            self._settle(
                future, error=BackendStartError("the demo backend was stopped while starting")
            )

    def _settle(
        self,
        future: Future[BackendEndpoint],
        result: BackendEndpoint | None = None,
        error: BackendStartError | None = None,
    ) -> None:
        """Resolve the start Future once: stop() and the supervisor may race to do it."""
        with self._lock:
            if future.done():
                return
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(result)

    def _command(self) -> list[str]:
        return [
            sys.executable, "-m", "backend.cli", "serve",
            "--host", "127.0.0.1", "--port", "0",
            "--database-url", self.database_url, "--seed-if-empty",
            *self._extra_args,
        ]  # fmt: skip

    def _supervise(self) -> None:
        future = self._future
        assert future is not None
        try:
            self._run_child(future)
        except Exception as exc:  # a thread boundary: the kiosk must hear of any failure
            log.exception("demo backend supervisor failed")
            self._settle(future, error=BackendStartError(f"the demo backend failed: {exc}"))

    def _run_child(self, future: Future[BackendEndpoint]) -> None:
        started = time.monotonic()
        try:
            proc = self._spawn()
        except (OSError, BackendStartError) as exc:
            self._settle(future, error=BackendStartError(f"cannot start the demo backend: {exc}"))
            return
        with self._lock:
            self._proc = proc
            stopping = self._stopping
        if stopping:
            proc.terminate()
        try:
            url = self._wait_ready(proc)
            self.startup_s = time.monotonic() - started
            self._settle(future, BackendEndpoint(url, self._token, demo=True))
            log.info("demo backend ready at %s in %.1f s", url, self.startup_s)
        except BackendStartError as exc:
            if proc.poll() is None:
                proc.kill()
            self._settle(future, error=exc)
        # Drain stdout until the child exits: a full pipe would block it, and this
        # thread must outlive the child for PDEATHSIG to track the kiosk process.
        assert proc.stdout is not None
        while proc.stdout.read(65536):
            pass
        proc.wait()

    def _spawn(self) -> subprocess.Popen[bytes]:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._token = demo_terminal_token(self.data_dir)
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env[DEMO_TERMINAL_TOKEN_ENV] = self._token
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH", "")) if p
        )
        with open(self.log_path, "wb") as log_file:  # the child keeps its own descriptor
            return subprocess.Popen(
                _dying_with(os.getpid(), self._command()),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=log_file,
                env=env,
                cwd=self.data_dir,
                start_new_session=True,  # a Ctrl-C at the terminal reaches the kiosk only
            )

    def _wait_ready(self, proc: subprocess.Popen[bytes]) -> str:
        assert proc.stdout is not None
        deadline = time.monotonic() + self._startup_timeout_s
        buffer = b""
        with selectors.DefaultSelector() as selector:
            selector.register(proc.stdout, selectors.EVENT_READ)
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BackendStartError(
                        f"the demo backend did not start within {self._startup_timeout_s:g} s"
                        f"{self._log_tail()}"
                    )
                if not selector.select(min(left, 0.5)):
                    continue
                chunk = os.read(proc.stdout.fileno(), 4096)
                if not chunk:
                    try:
                        code = proc.wait(5)
                    except subprocess.TimeoutExpired:
                        code = "unknown (it closed its output)"
                    raise BackendStartError(
                        f"the demo backend exited with code {code}{self._log_tail()}"
                    )
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    text = line.decode("utf-8", "replace").strip()
                    if text.startswith(READY_PREFIX):
                        return text[len(READY_PREFIX) :].strip().rstrip("/")

    def _log_tail(self) -> str:
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        tail = next((line.strip() for line in reversed(lines) if line.strip()), "")
        return f" (last log line: {tail[:200]}; full log: {self.log_path})" if tail else ""


def demo_terminal_token(data_dir: Path) -> str:
    """The terminal token of this data directory's demo backend: made once, kept beside the
    demo database (owner-only), handed to the backend through its environment."""
    path = Path(data_dir) / "demo-terminal-token"
    try:
        token = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        token = ""
    if len(token) < 32 or not token.isascii():
        token = secrets.token_urlsafe(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(token + "\n")
        except OSError as exc:
            raise BackendStartError(
                f"cannot keep the demo terminal token in {path}: {exc}"
            ) from None
    return token


def demo_data_dir(config) -> Path:
    if config.backend.demo_data_dir:
        return Path(config.backend.demo_data_dir).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("civic-kiosk"))


def backend_for(config) -> RemoteBackend | EmbeddedBackend:
    """The configured server, or the embedded demo backend when backend.url is empty."""
    if config.backend.url:
        return RemoteBackend(config.backend.url, config.backend.terminal_token)
    return EmbeddedBackend(demo_data_dir(config))
