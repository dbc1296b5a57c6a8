"""`kiosk-backend releases publish WHEEL [--database-url URL]`: publish a kiosk wheel from the
backend host's shell (a build pipeline, or an operator without a browser), with the same
checks as the upload on /ops/releases. Prints the version and sha256; a refused file exits 2
with one line saying why, and nothing is published."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from backend.clock import Clock
from backend.db import Database
from backend.errors import ApiError
from backend.ops import releases


def add_parser(sub, default_database_url: str) -> None:
    command = sub.add_parser("releases", help="kiosk releases the terminals can be told to run")
    actions = command.add_subparsers(dest="releases_command", required=True)
    publish = actions.add_parser("publish", help="publish a kiosk wheel (civic_kiosk-*.whl)")
    publish.add_argument("wheel", type=Path, help="the wheel file")
    publish.add_argument("--database-url", default=default_database_url)


def run(args: argparse.Namespace) -> int:
    try:
        data = args.wheel.read_bytes()
        with Database(args.database_url).session(write=True) as db:
            release = releases.publish(db, data, None, Clock().now())
            db.commit()
            print(f"published {release.version} sha256={release.sha256} ({release.size} bytes)")
    except OSError as exc:
        print(f"releases: cannot read {args.wheel}: {exc.strerror}", file=sys.stderr)
        return 2
    except ApiError as exc:
        print(f"releases: not published: {exc.message}", file=sys.stderr)
        return 2
    return 0
