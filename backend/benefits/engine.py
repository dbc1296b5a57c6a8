"""The generic criterion evaluator and the outcome of each policy for one household.

No policy is named here: the rule files say what counts. A criterion is true, false or
unknown (a fact it needs is missing); `all` is false when any part is known to fail and
`any` is true when any part holds, so an unknown only matters when nothing else decides.

Outcomes, in order of precedence: receiving → applied → unlikely → need_info → likely.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from backend.benefits.rules import Rules
from backend.benefits.schema import FACT_SOURCE, Criterion, Policy, Profile

FACT_ORDER = {fact: n for n, fact in enumerate(Profile.model_fields)}


@dataclass(frozen=True)
class Verdict:
    holds: bool | None  # None: unknown
    reasons: tuple[str, ...] = ()
    unknown: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Result:
    policy: str
    outcome: str
    reasons: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()  # the facts that would settle a need_info
    monthly_yuan: int | None = field(default=None, compare=False)

    def as_json(self) -> dict:
        return {
            "policy": self.policy,
            "outcome": self.outcome,
            "reasons": list(self.reasons),
            "questions": list(self.questions),
        }


def birthday_in(born: dt.date, year: int) -> dt.date:
    """The birthday in `year`; someone born on 29 February has it on 1 March in common years."""
    try:
        return born.replace(year=year)
    except ValueError:
        return dt.date(year, 3, 1)


def age_on(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - (today < birthday_in(born, today.year))


def facts_of(profile: Profile, today: dt.date) -> dict:
    facts = profile.model_dump()
    born = profile.birth_date
    facts["age"] = age_on(born, today) if born else None
    return facts


def _compare(op: str, actual, expected) -> bool:
    match op:
        case "eq":
            return actual == expected
        case "ne":
            return actual != expected
        case "lt":
            return actual < expected
        case "le":
            return actual <= expected
        case "gt":
            return actual > expected
        case "ge":
            return actual >= expected
        case "in":
            return actual in expected
        case "includes":
            return expected in actual
        case "excludes":
            return expected not in actual
        case "starts_with":
            return str(actual).startswith(expected)
    raise ValueError(op)  # the schema admits no other op


def _leaf(node: Criterion, facts: dict) -> Verdict:
    actual = facts.get(node.fact)
    if actual is None:
        return Verdict(None, unknown=frozenset({FACT_SOURCE.get(node.fact, node.fact)}))
    if _compare(node.op, actual, node.value):
        return Verdict(True)
    reasons = (node.reason,) if node.reason else ()
    if node.dated_reason:
        met_on = birthday_in(facts["birth_date"], facts["birth_date"].year + node.value)
        reasons += (f"{node.dated_reason}:{met_on.isoformat()}",)
    return Verdict(False, reasons)


def _group(node: Criterion, facts: dict) -> Verdict:
    parts = [evaluate(child, facts) for child in node.children()]
    # One part with this value decides the group: true for any, false for all.
    decisive = node.any_of is not None
    if any(p.holds is decisive for p in parts):
        if decisive:
            return Verdict(True)
        failed = tuple(r for p in parts if p.holds is False for r in p.reasons)
        return Verdict(False, (node.reason,) if node.reason else failed)
    unknown = frozenset().union(*(p.unknown for p in parts if p.holds is None))
    if unknown:
        return Verdict(None, unknown=unknown)
    if decisive:  # any: nothing held
        failed = tuple(r for p in parts for r in p.reasons)
        return Verdict(False, (node.reason,) if node.reason else failed)
    return Verdict(True)


def evaluate(node: Criterion, facts: dict) -> Verdict:
    return _leaf(node, facts) if node.fact is not None else _group(node, facts)


def _monthly_yuan(policy: Policy, age: int | None) -> int | None:
    if age is None:
        return None
    for band in policy.amounts:
        if band.from_age <= age and (band.to_age is None or age <= band.to_age):
            return band.yuan_per_month
    return None


def screen_policy(policy: Policy, profile: Profile, facts: dict) -> Result:
    if policy.code in (profile.receiving or ()):
        return Result(policy.code, "receiving", ("already_receiving",))
    if policy.code in (profile.applied or ()):
        return Result(policy.code, "applied", ("application_open",))
    verdict = evaluate(policy.criteria, facts)
    if verdict.holds is False:
        return Result(policy.code, "unlikely", tuple(dict.fromkeys(verdict.reasons)))
    if verdict.holds is None:
        unknown = sorted(verdict.unknown, key=FACT_ORDER.__getitem__)
        return Result(
            policy.code, "need_info", tuple(f"unknown_{f}" for f in unknown), tuple(unknown)
        )
    return Result(policy.code, "likely", monthly_yuan=_monthly_yuan(policy, facts["age"]))


def screen(rules: Rules, profile: Profile, today: dt.date) -> list[Result]:
    """Every policy's outcome for this household on `today`, in the policies' order."""
    facts = facts_of(profile, today)
    return [screen_policy(p, profile, facts) for p in rules.policies]
