"""Refuse anything in a kiosk report that looks like citizen data, before it is parsed.

Heartbeats and usage events carry only codes, ids, versions and numbers. A run of six or
more digits (an ID number, a phone number, a card number) or a Chinese character (a name,
an address) in any string cannot be one of those, so the whole report is refused with
`personal_data_refused` and nothing of it is stored or logged. Random hex keys (batch and
visit ids, the config hash) and times hold digit runs by nature; their strict pattern or
type is the model's.
"""

from __future__ import annotations

import re

from backend.errors import ApiError

_PERSONAL = re.compile(r"\d{6,}|[\u3400-\u9fff\uf900-\ufaff]")
_MAX_DEPTH = 8
TYPED_KEYS = frozenset({"batch_id", "visit", "config_hash", "at"})


def looks_personal(text: str) -> bool:
    return _PERSONAL.search(text) is not None


def _walk(value: object, depth: int) -> bool:
    if depth > _MAX_DEPTH:
        return True  # nothing we accept nests this deep; refuse rather than recurse on
    if isinstance(value, str):
        return looks_personal(value)
    if isinstance(value, dict):
        return any(
            _walk(k, depth + 1) or (k not in TYPED_KEYS and _walk(v, depth + 1))
            for k, v in value.items()
        )
    if isinstance(value, list):
        return any(_walk(v, depth + 1) for v in value)
    return False


def refuse_personal(document: object) -> None:
    if _walk(document, 0):
        raise ApiError(
            422,
            "personal_data_refused",
            "上报内容像是含有个人信息（身份证号、电话或姓名），已拒收",
        )
