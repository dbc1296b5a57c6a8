"""Reading the rule files: backend/benefits/rules/region.toml and one TOML file per policy.

    load_rules(directory) -> Rules      every file checked; RulesError names the file and place

Read once when the backend starts (`default_rules()` caches it); a policy change is a file
change, tried on example households with `kiosk-backend benefits screen` before publishing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from backend.benefits.schema import FACT_KINDS, FACT_SOURCE, Criterion, Policy, Region

RULES_DIR = Path(__file__).with_name("rules")
REGION_FILE = "region.toml"


class RulesError(ValueError):
    """A rule file is missing, unreadable or breaks the format."""


@dataclass(frozen=True)
class Rules:
    region: Region
    policies: tuple[Policy, ...]  # in their declared order

    def policy(self, code: str) -> Policy | None:
        return next((p for p in self.policies if p.code == code), None)


def _read(path: Path, model):
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"{path.name}: cannot read: {exc}") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(p) for p in first["loc"]) or "(file)"
        raise RulesError(f"{path.name}: {place}: {first['msg']}") from exc


def _leaves(node: Criterion):
    if node.fact is not None:
        yield node
    for child in node.children():
        yield from _leaves(child)


def _check_reasons(node: Criterion, policy: Policy, covered: bool, where: str) -> None:
    """Every criterion that can fail yields a reason code with words in [reasons]."""
    for code in (node.reason, node.dated_reason):
        if code and code not in policy.reasons:
            raise RulesError(f"{where}: reason {code!r} has no words in [reasons]")
    if node.dated_reason and "{date}" not in policy.reasons.get(node.dated_reason, ""):
        raise RulesError(f"{where}: the words of {node.dated_reason!r} need a {{date}}")
    covered = covered or node.reason is not None
    if node.fact is not None and not covered:
        raise RulesError(f"{where}: criterion on {node.fact!r} has no reason (nor has its group)")
    for child in node.children():
        _check_reasons(child, policy, covered, where)


def _resolve_values(node: Criterion, policy: Policy, where: str) -> Criterion:
    """value_of -> the policy's [values] entry, so the region's numbers live in one place."""
    if node.fact is not None:
        if node.value_of is None:
            return node
        if node.value_of not in policy.values:
            raise RulesError(f"{where}: value_of {node.value_of!r} is not in [values]")
        return node.model_copy(update={"value": policy.values[node.value_of]})
    children = [_resolve_values(c, policy, where) for c in node.children()]
    key = "all_of" if node.all_of is not None else "any_of"
    return node.model_copy(update={key: children})


def _check_value_type(leaf: Criterion, where: str) -> None:
    kind, value = FACT_KINDS[leaf.fact], leaf.value
    expected = {"number": int, "bool": bool, "text": str, "list": str, "date": str}[kind]
    values = value if leaf.op == "in" else [value]
    if leaf.op == "in" and not isinstance(value, list):
        raise RulesError(f"{where}: op 'in' needs a list for {leaf.fact!r}")
    for v in values:
        is_bool = isinstance(v, bool)
        if not isinstance(v, expected) or (is_bool and expected is not bool):
            raise RulesError(f"{where}: {leaf.fact!r} compares with {kind}, not {v!r}")


def _check_policy(policy: Policy, region: Region, where: str) -> Policy:
    if policy.region_prefix != region.region_prefix:
        raise RulesError(f"{where}: region_prefix differs from {REGION_FILE}")
    if policy.apply_at not in region.offices:
        raise RulesError(f"{where}: apply_at {policy.apply_at!r} is not an office in {REGION_FILE}")
    criteria = _resolve_values(policy.criteria, policy, where)
    _check_reasons(criteria, policy, False, where)
    for leaf in _leaves(criteria):
        _check_value_type(leaf, where)
        fact = FACT_SOURCE.get(leaf.fact, leaf.fact)
        if fact not in region.unknown:
            raise RulesError(f"{where}: fact {fact!r} has no words in {REGION_FILE} [unknown]")
    return policy.model_copy(update={"criteria": criteria})


def load_rules(directory: Path = RULES_DIR) -> Rules:
    region = _read(directory / REGION_FILE, Region)
    policies = []
    for path in sorted(directory.glob("*.toml")):
        if path.name == REGION_FILE:
            continue
        policy = _check_policy(_read(path, Policy), region, path.name)
        if policy.code != path.stem:
            raise RulesError(f"{path.name}: code {policy.code!r} differs from the file name")
        policies.append(policy)
    if not policies:
        raise RulesError(f"{directory}: no policy files")
    for attr in ("code", "order"):
        seen = [getattr(p, attr) for p in policies]
        if len(set(seen)) != len(seen):
            raise RulesError(f"{directory}: two policies share a {attr}")
    return Rules(region, tuple(sorted(policies, key=lambda p: p.order)))


@cache
def default_rules() -> Rules:
    return load_rules()
