"""`kiosk-backend serve`: checks the schema, binds the port, runs uvicorn.

One worker runs in this process. (Several workers: see serve_workers.)
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import threading
import time

from backend.clock import china_today
from backend.db import Database
from backend.settings import Settings
from civic_core.demo import DEMO_TERMINAL_TOKEN_ENV

# Kiosks pause for many seconds between calls (a senior reads each screen); a long keep-alive
# spares them a reconnect and narrows the race where the server closes an idle connection
# just as a POST goes out on it.
KEEP_ALIVE_S = 75
METRICS_TOKEN_ENV = "KIOSK_BACKEND_METRICS_TOKEN"


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
    import uvicorn

    from backend import logs
    from backend.app import create_app

    logs.configure()
    database = Database(args.database_url)
    refusal = _prepare(args, database)
    if refusal:
        print(f"kiosk-backend: {refusal}", file=sys.stderr)
        return 2
    app = create_app(_settings(args), database=database)
    try:
        sock = _listening_socket(args.host, args.port)
    except OSError as exc:
        print(
            f"kiosk-backend: cannot listen on {args.host}:{args.port}: {exc.strerror}",
            file=sys.stderr,
        )
        return 2
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=5,
        timeout_keep_alive=KEEP_ALIVE_S,
    )
    server = uvicorn.Server(config)

    def announce() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.01)
        if server.started:
            host = f"[{args.host}]" if ":" in args.host else args.host
            print(f"READY http://{host}:{port}", flush=True)

    threading.Thread(target=announce, name="ready-announcer", daemon=True).start()
    # uvicorn shuts down gracefully on SIGTERM, then re-raises the signal with the handler that
    # was installed before it started; this one turns that into a normal exit with code 0.
    signal.signal(signal.SIGTERM, _exit_cleanly)
    server.run(sockets=[sock])
    return 0


def _exit_cleanly(_signum, _frame) -> None:
    raise SystemExit(0)
