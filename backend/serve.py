"""`kiosk-backend serve`: checks the schema, binds the port, runs uvicorn: one worker in
this process, or `--workers N` worker processes on the same socket (which needs Redis)."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time

from backend.clock import china_today
from backend.db import Database
from backend.help.call_gateway import CALL_GATEWAY_TOKEN_ENV
from backend.settings import Settings
from civic_core.demo import DEMO_TERMINAL_TOKEN_ENV

# Kiosks pause for many seconds between calls (a senior reads each screen); a long keep-alive
# spares them a reconnect and narrows the race where the server closes an idle connection
# just as a POST goes out on it.
KEEP_ALIVE_S = 75
METRICS_TOKEN_ENV = "KIOSK_BACKEND_METRICS_TOKEN"
READY_TIMEOUT_S = 60


def _settings(args) -> Settings:
    return Settings(
        database_url=args.database_url,
        demo=args.demo or args.seed_if_empty,
        today=args.today,
        public_base_url=args.public_base_url,
        id_failure_limit=args.id_failure_limit,
        terminal_failure_limit=args.terminal_failure_limit,
        # From the environment, not the command line, which any local user can read (ps).
        metrics_token=os.environ.get(METRICS_TOKEN_ENV, ""),
        redis_url=args.redis_url,
        workers=args.workers,
        call_gateway_url=args.call_gateway_url,
        call_gateway_token=os.environ.get(CALL_GATEWAY_TOKEN_ENV, ""),
    )


def _prepare(args, database: Database) -> str | None:
    """Rules, demo data and schema; a refusal for the operator, or None."""
    from backend import schema
    from backend.benefits.demo import seed_benefits_if_missing
    from backend.benefits.rules import RulesError, default_rules
    from backend.demo import needs_seed, seed, use_terminal_token
    from backend.help.demo import seed_help_if_missing
    from backend.ops.demo import seed_ops_if_missing

    try:
        default_rules()  # read once; a broken rule file stops the start with one line
    except RulesError as exc:
        return f"benefits rules: {exc}"
    if args.seed_if_empty:  # the embedded demo: needs_seed migrates first
        today = args.today or china_today()
        if needs_seed(database, today):
            seed(database, today)
        else:
            seed_help_if_missing(database)  # demo staff and volunteers (issue 8)
            seed_benefits_if_missing(database)  # the demo community worker (issue 16)
            seed_ops_if_missing(database)  # the demo fleet operator (issue 15)
        kiosk_token = os.environ.get(DEMO_TERMINAL_TOKEN_ENV, "")
        if kiosk_token:
            use_terminal_token(database, kiosk_token)
    return schema.behind(database)


def _listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must be IPPROTO_TCP: asyncio sets TCP_NODELAY on accepted connections only then;
    # without it every keep-alive response waits ~40 ms (Nagle + delayed ACK). The explicit
    # option on the listener is inherited by accepted sockets on Linux as well.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def serve(args) -> int:
    from backend import logs

    logs.configure()
    if args.workers < 1 or (args.workers > 1 and not args.redis_url):
        print(
            f"kiosk-backend: --workers {args.workers} needs --redis-url: every worker must see "
            "the same live help sessions (one worker runs without Redis)",
            file=sys.stderr,
        )
        return 2
    database = Database(args.database_url)
    refusal = _prepare(args, database)
    if refusal:
        print(f"kiosk-backend: {refusal}", file=sys.stderr)
        return 2
    try:
        sock = _listening_socket(args.host, args.port)
    except OSError as exc:
        print(
            f"kiosk-backend: cannot listen on {args.host}:{args.port}: {exc.strerror}",
            file=sys.stderr,
        )
        return 2
    ready_line = "READY http://{}:{}".format(
        f"[{args.host}]" if ":" in args.host else args.host, sock.getsockname()[1]
    )
    if args.workers == 1:
        return _serve_here(_settings(args), database, sock, ready_line)
    database.engine.dispose()  # the workers open their own connections
    return _serve_workers(_settings(args), sock, ready_line)


def _uvicorn_config(app, **options):
    import uvicorn

    return uvicorn.Config(
        app,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=5,
        timeout_keep_alive=KEEP_ALIVE_S,
        **options,
    )


def _serve_here(settings: Settings, database: Database, sock, ready_line: str) -> int:
    import uvicorn

    from backend.app import create_app

    server = uvicorn.Server(_uvicorn_config(create_app(settings, database=database)))

    def announce() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.01)
        if server.started:
            print(ready_line, flush=True)

    threading.Thread(target=announce, name="ready-announcer", daemon=True).start()
    # uvicorn shuts down gracefully on SIGTERM, then re-raises the signal with the handler that
    # was installed before it started; this one turns that into a normal exit with code 0.
    signal.signal(signal.SIGTERM, _exit_cleanly)
    server.run(sockets=[sock])
    return 0


def _serve_workers(settings: Settings, sock, ready_line: str) -> int:
    """N worker processes accept on the one socket; uvicorn's supervisor restarts a worker
    that dies and stops them all on SIGTERM. Settings and the metrics directory reach the
    workers through the environment (they are spawned, not forked)."""
    from uvicorn.supervisors import Multiprocess

    from backend.app import SETTINGS_ENV
    from backend.metrics import MULTIPROC_ENV

    metrics_dir = tempfile.mkdtemp(prefix="kiosk-backend-metrics-")
    os.environ[SETTINGS_ENV] = settings.to_json()
    os.environ[MULTIPROC_ENV] = metrics_dir
    config = _uvicorn_config(
        "backend.app:app_from_environment", factory=True, workers=settings.workers
    )
    port = sock.getsockname()[1]
    threading.Thread(target=_announce_when_answering, args=(port, ready_line), daemon=True).start()
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0


def _announce_when_answering(port: int, ready_line: str) -> None:
    """READY once a worker answers /health (connections that come earlier wait in the
    listen backlog, so READY only needs one worker up)."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/v1/health")
            if conn.getresponse().status == 200:
                print(ready_line, flush=True)
                return
        except OSError:
            pass
        time.sleep(0.05)


def _exit_cleanly(_signum, _frame) -> None:
    raise SystemExit(0)
