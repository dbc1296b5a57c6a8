"""`kiosk-backend benefits screen --today YYYY-MM-DD FILE`: policy staff try the rule files on
example households before publishing a change.

FILE holds a JSON list of household profiles; the output is a JSON list with one
{"results": [{policy, outcome, reasons, questions}, …]} per profile, every policy in order.
Bad input (not JSON, not a list, an unknown field) exits 2 with one line naming the problem.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import ValidationError

from backend.benefits.engine import screen
from backend.benefits.rules import RULES_DIR, RulesError, load_rules
from backend.benefits.schema import Profile


def add_parser(sub, date_type) -> None:
    benefits = sub.add_parser("benefits", help="the benefits rules: try them on households")
    actions = benefits.add_subparsers(dest="benefits_command", required=True)
    screen_cmd = actions.add_parser("screen", help="screen a JSON list of household profiles")
    screen_cmd.add_argument("--today", type=date_type, required=True, help="the screening day")
    screen_cmd.add_argument("--rules", type=Path, default=RULES_DIR, help="rule files directory")
    screen_cmd.add_argument("file", type=Path, help="JSON list of profiles ('-' = stdin)")


def _profiles(path: Path) -> list[Profile]:
    text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, list):
        raise ValueError("the file must hold a JSON list of profiles")
    profiles = []
    for n, item in enumerate(data):
        try:
            profiles.append(Profile.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            place = ".".join(str(p) for p in first["loc"]) or "(profile)"
            raise ValueError(f"profile {n}: {place}: {first['msg']}") from exc
    return profiles


def run(args: argparse.Namespace) -> int:
    try:
        rules = load_rules(args.rules)
        profiles = _profiles(args.file)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError, RulesError) as exc:
        print(f"kiosk-backend benefits: {exc}", file=sys.stderr)
        return 2
    out = [{"results": [r.as_json() for r in screen(rules, p, args.today)]} for p in profiles]
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    return 0
