"""`kiosk-backend` command: seed, serve, openapi.

    kiosk-backend seed  [--database-url URL] [--today YYYY-MM-DD]
    kiosk-backend serve [--host 127.0.0.1] [--port 0] [--database-url URL] [--seed-if-empty]
                        [--today YYYY-MM-DD] [--demo] [--public-base-url URL]
                        [--id-failure-limit N] [--terminal-failure-limit N]
    kiosk-backend openapi > docs/openapi.json
    kiosk-backend benefits screen --today YYYY-MM-DD FILE   (docs/benefits.md)

With --seed-if-empty and $CIVIC_DEMO_TERMINAL_TOKEN set (the kiosk's embedded demo backend),
demo terminal T-0001 answers to that token instead of the public demo one.
`serve` prints exactly one line `READY http://HOST:PORT` on stdout once it accepts
connections (with --port 0 it picks a free port) and stops cleanly on SIGTERM.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import socket
import sys
import threading
import time

from backend.benefits import cli as benefits_cli
from backend.clock import china_today
from backend.db import Database
from backend.settings import Settings
from civic_core.demo import DEMO_TERMINAL_TOKEN_ENV

DEFAULT_DATABASE_URL = Settings().database_url
KEEP_ALIVE_S = 75


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk-backend", description="Reference civil-affairs backend"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    seed = sub.add_parser("seed", help="replace the database with deterministic demo data")
    serve = sub.add_parser("serve", help="run the HTTP API")
    for p in (seed, serve):
        p.add_argument(
            "--database-url",
            default=DEFAULT_DATABASE_URL,
            help="any SQLAlchemy URL (default: %(default)s)",
        )
        p.add_argument(
            "--today",
            type=_date,
            default=None,
            help="demo data and due dates relative to this date (default: today in Asia/Shanghai)",
        )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000, help="0 = pick a free port")
    serve.add_argument(
        "--seed-if-empty",
        action="store_true",
        help="seed demo data into an empty database, or refresh demo data seeded for another day (implies --demo)",
    )
    serve.add_argument(
        "--demo", action="store_true", help="demo mode: enables the demo order-progression route"
    )
    serve.add_argument(
        "--public-base-url",
        default="",
        help="base of status-page links (default: from the request)",
    )
    serve.add_argument(
        "--id-failure-limit",
        type=int,
        default=Settings.id_failure_limit,
        help="failed identifications per ID number within 15 min before 429 (default: %(default)s)",
    )
    serve.add_argument(
        "--terminal-failure-limit",
        type=int,
        default=Settings.terminal_failure_limit,
        help="failed identifications per terminal within 15 min before 429 (default: %(default)s)",
    )
    sub.add_parser("openapi", help="print the OpenAPI document (commit it as docs/openapi.json)")
    benefits_cli.add_parser(sub, _date)
    return parser


def openapi_json() -> str:
    from backend.app import create_app

    app = create_app(Settings(database_url="sqlite://"))
    return json.dumps(app.openapi(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _seed(args) -> int:
    from backend.demo import seed

    counts = seed(Database(args.database_url), args.today or china_today())
    print(json.dumps(counts, ensure_ascii=False))
    return 0


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


def _prepare_demo(database: Database, today: dt.date) -> None:
    """--seed-if-empty: demo data for today, the demo accounts an older database lacks, and
    the embedded kiosk's own terminal token (from its environment) for demo terminal T-0001."""
    from backend.benefits.demo import seed_benefits_if_missing
    from backend.demo import needs_seed, seed, use_terminal_token
    from backend.help.demo import seed_help_if_missing
    from backend.ops.demo import seed_ops_if_missing

    if needs_seed(database, today):
        seed(database, today)
    else:
        seed_help_if_missing(database)  # demo staff and volunteers (issue 8)
        seed_benefits_if_missing(database)  # the demo community worker (issue 16)
        seed_ops_if_missing(database)  # the demo fleet operator (issue 15)
    kiosk_token = os.environ.get(DEMO_TERMINAL_TOKEN_ENV, "")
    if kiosk_token:
        use_terminal_token(database, kiosk_token)


def _settings(args) -> Settings:
    return Settings(
        database_url=args.database_url,
        demo=args.demo or args.seed_if_empty,
        today=args.today,
        public_base_url=args.public_base_url,
        id_failure_limit=args.id_failure_limit,
        terminal_failure_limit=args.terminal_failure_limit,
    )


def _serve(args) -> int:
    from backend import logs
    from backend.app import create_app
    from backend.benefits.rules import RulesError, default_rules

    logs.configure()
    try:
        default_rules()  # read once; a broken rule file stops the start with one line
    except RulesError as exc:
        print(f"kiosk-backend: benefits rules: {exc}", file=sys.stderr)
        return 2
    database = Database(args.database_url)
    if args.seed_if_empty:
        _prepare_demo(database, args.today or china_today())
    app = create_app(_settings(args), database=database)
    try:
        sock = _listening_socket(args.host, args.port)
    except OSError as exc:
        print(
            f"kiosk-backend: cannot listen on {args.host}:{args.port}: {exc.strerror}",
            file=sys.stderr,
        )
        return 2
    _run_server(app, sock, args.host)
    return 0


def _run_server(app, sock: socket.socket, host: str) -> None:
    """uvicorn on the bound socket; prints READY http://HOST:PORT once it accepts connections."""
    import uvicorn

    port = sock.getsockname()[1]
    # Kiosks pause for many seconds between calls (a senior reads each screen); a long keep-alive
    # spares them a reconnect and narrows the race where the server closes an idle connection
    # just as a POST goes out on it.
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
            shown = f"[{host}]" if ":" in host else host
            print(f"READY http://{shown}:{port}", flush=True)

    threading.Thread(target=announce, name="ready-announcer", daemon=True).start()
    # uvicorn shuts down gracefully on SIGTERM, then re-raises the signal with the handler that
    # was installed before it started; this one turns that into a normal exit with code 0.
    signal.signal(signal.SIGTERM, _exit_cleanly)
    server.run(sockets=[sock])


def _exit_cleanly(_signum, _frame) -> None:
    raise SystemExit(0)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "openapi":
        sys.stdout.write(openapi_json())
        return 0
    if args.command == "benefits":
        return benefits_cli.run(args)
    return _seed(args) if args.command == "seed" else _serve(args)


if __name__ == "__main__":
    sys.exit(main())
