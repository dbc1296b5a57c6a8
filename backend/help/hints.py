"""Canned staff hints (data in data/hints.json): code -> the sentence the kiosk shows and
speaks, and the screens it is most useful on (the console lists those first)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_PATH = Path(__file__).with_name("data") / "hints.json"


@cache
def hint_list() -> tuple[dict, ...]:
    return tuple(json.loads(_PATH.read_text(encoding="utf-8")))


@cache
def hints() -> dict[str, str]:
    return {item["code"]: item["text"] for item in hint_list()}
