"""Results in plain words for the kiosk, the slip's public page and the staff console.

The words come from the rule files ([reasons] of each policy, [unknown] and [record_reasons]
of region.toml); nothing here knows a policy.
"""

from __future__ import annotations

import datetime as dt

from backend.benefits.engine import Result
from backend.benefits.rules import Rules
from backend.benefits.schema import Policy

UNKNOWN_PREFIX = "unknown_"


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def reason_text(rules: Rules, policy: Policy, code: str) -> str:
    if code.startswith(UNKNOWN_PREFIX):
        return rules.region.unknown[code.removeprefix(UNKNOWN_PREFIX)]
    if code in rules.region.record_reasons:
        return rules.region.record_reasons[code]
    name, _, date = code.partition(":")
    words = policy.reasons[name]
    return words.format(date=chinese_date(dt.date.fromisoformat(date))) if date else words


def result_view(rules: Rules, result: Result) -> dict:
    policy = rules.policy(result.policy)
    office = rules.region.offices[policy.apply_at]
    return {
        "policy": policy.code,
        "name": policy.name,
        "short_name": policy.short_name,
        "outcome": result.outcome,
        "who": policy.who,
        "reasons": [
            {"code": code, "text": reason_text(rules, policy, code)} for code in result.reasons
        ],
        "questions": list(result.questions),
        "monthly_yuan": result.monthly_yuan,
        "amount_note": policy.amount_note,
        "bring": list(policy.bring),
        "office": office.model_dump(),
    }
