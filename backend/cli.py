"""`kiosk-backend` command: seed, migrate, serve, openapi.

    kiosk-backend seed  [--database-url URL] [--today YYYY-MM-DD]
    kiosk-backend migrate [--database-url URL]
    kiosk-backend serve [--host 127.0.0.1] [--port 0] [--database-url URL] [--seed-if-empty]
                        [--today YYYY-MM-DD] [--demo] [--public-base-url URL]
                        [--id-failure-limit N] [--terminal-failure-limit N]
                        [--workers N --redis-url redis://HOST:PORT/DB]
    kiosk-backend openapi > docs/openapi.json
    kiosk-backend benefits screen --today YYYY-MM-DD FILE   (docs/benefits.md)
    kiosk-backend releases publish WHEEL [--database-url URL]   (docs/fleet.md)

With --seed-if-empty and $CIVIC_DEMO_TERMINAL_TOKEN set (the kiosk's embedded demo backend),
demo terminal T-0001 answers to that token instead of the public demo one.
`serve` prints exactly one line `READY http://HOST:PORT` on stdout once it accepts
connections (with --port 0 it picks a free port) and stops cleanly on SIGTERM. It refuses a
database whose schema is behind (exit 2, one line: run `migrate`), except with
--seed-if-empty (the embedded demo), which migrates its own database first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from backend.benefits import cli as benefits_cli
from backend.clock import china_today
from backend.db import Database
from backend.ops import release_cli
from backend.settings import Settings

DEFAULT_DATABASE_URL = Settings().database_url


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _serve_arguments(serve: argparse.ArgumentParser) -> None:
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
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes on the one port; more than one needs --redis-url (default: 1)",
    )
    serve.add_argument(
        "--redis-url",
        default="",
        help="redis://host:port/db for live help sessions shared by workers and hosts "
        "(default: this process's memory)",
    )
    serve.add_argument(
        "--call-gateway-url",
        default="",
        help="the phone system's click-to-dial URL for hotline call-backs; its token in "
        "$KIOSK_CALL_GATEWAY_TOKEN (default: none; the demo rings nobody)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk-backend", description="Reference civil-affairs backend"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    seed = sub.add_parser("seed", help="replace the database with deterministic demo data")
    serve = sub.add_parser("serve", help="run the HTTP API")
    migrate = sub.add_parser("migrate", help="bring the database schema up to this version")
    migrate.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
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
    _serve_arguments(serve)
    sub.add_parser("openapi", help="print the OpenAPI document (commit it as docs/openapi.json)")
    benefits_cli.add_parser(sub, _date)
    release_cli.add_parser(sub, DEFAULT_DATABASE_URL)
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


def _migrate(args) -> int:
    from backend import schema

    before, after = schema.upgrade(Database(args.database_url))
    print(f"schema: {before or 'empty'} -> {after}" if before != after else f"schema: at {after}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "openapi":
        sys.stdout.write(openapi_json())
        return 0
    if args.command == "benefits":
        return benefits_cli.run(args)
    if args.command == "releases":
        return release_cli.run(args)
    if args.command == "migrate":
        return _migrate(args)
    if args.command == "serve":
        from backend.serve import serve

        return serve(args)
    return _seed(args)


if __name__ == "__main__":
    sys.exit(main())
