"""Canned staff hints (data in data/hints.json): code -> the sentence the kiosk shows and speaks."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_PATH = Path(__file__).with_name("data") / "hints.json"


@cache
def hints() -> dict[str, str]:
    return {item["code"]: item["text"] for item in json.loads(_PATH.read_text(encoding="utf-8"))}
