"""The rule files' schema refuses broken files by name; the CLI screens a file of households."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backend.benefits.rules import RULES_DIR, RulesError, default_rules, load_rules

REPO = Path(__file__).resolve().parents[3]


def test_the_demo_region_has_the_seven_policies_in_order():
    rules = default_rules()
    assert [p.code for p in rules.policies] == [
        "dibao", "tekun", "temp_relief", "longevity", "care_subsidy", "disability_living", "disability_care",
    ]  # fmt: skip
    longevity = rules.policy("longevity")
    assert [(a.from_age, a.yuan_per_month) for a in longevity.amounts] == [
        (80, 100),
        (90, 300),
        (100, 500),
    ]
    assert all(p.source and p.region == "演示市" for p in rules.policies)
    assert rules.region.max_questions == 5


def _broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    path = rules / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return rules


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("dibao.toml", "format_version = 1", "format_version = 2", "dibao.toml: .*format must be"),
        ("dibao.toml", '"income_below_line", op', '"income_per_person", op', "unknown fact"),
        (
            "dibao.toml",
            'reason = "has_major_assets"',
            'reason = "rich"',
            "reason 'rich' has no words",
        ),
        ("dibao.toml", 'op = "eq", value = true', 'op = "ge", value = true', "cannot compare"),
        ("dibao.toml", 'op = "eq", value = true', 'op = "eq", value = 1', "compares with bool"),
        ("dibao.toml", ', reason = "income_above_line"', "", "has no reason"),
        (
            "dibao.toml",
            'apply_at = "community_window"',
            'apply_at = "nowhere"',
            "apply_at 'nowhere'",
        ),
        (
            "longevity.toml",
            'value_of = "from_age"',
            'value_of = "start_age"',
            "value_of 'start_age'",
        ),
        ("longevity.toml", 'source = "', 'sauce = "', "longevity.toml: source: Field required"),
        (
            "tekun.toml",
            'op = "lt", value_of',
            'op = "lt", dated_reason = "x", value_of',
            "dated_reason",
        ),
        ("tekun.toml", "order = 2", "order = 1", "share a order"),
        ("region.toml", "[questions.has_supporter]", "[questions.disability_level]", "only yes/no"),
        ("region.toml", 'care_need = "', 'care_needs = "', "fact 'care_need' has no words"),
        ("region.toml", "max_questions = 5", "max_questions = [5", "cannot read"),
    ],
)
def test_a_broken_rule_file_is_refused_by_name(tmp_path, name, old, new, message):
    with pytest.raises(RulesError, match=message):
        load_rules(_broken(tmp_path, name, old, new))


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", "benefits", "screen", *args],
        cwd=REPO, input=stdin, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_cli_screens_a_file_of_profiles(tmp_path):
    households = [
        {"birth_date": "1944-03-01", "region": "990101", "household_size": 2,
         "income_below_line": True, "has_major_assets": False, "has_supporter": False,
         "disability_level": 0, "care_need": "none", "sudden_hardship": False,
         "receiving": ["dibao"], "applied": ["longevity"]},
        {"birth_date": "1946-12-03", "region": "990102"},
    ]  # fmt: skip
    path = tmp_path / "households.json"
    path.write_text(json.dumps(households), encoding="utf-8")
    done = _cli("--today", "2026-12-02", str(path))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert len(out) == 2
    for item in out:
        assert list(item) == ["results"]
        assert [r["policy"] for r in item["results"]] == [p.code for p in default_rules().policies]
        assert all(
            list(r) == ["policy", "outcome", "reasons", "questions"] for r in item["results"]
        )
    first = {r["policy"]: r for r in out[0]["results"]}
    assert first["dibao"] == {
        "policy": "dibao",
        "outcome": "receiving",
        "reasons": ["already_receiving"],
        "questions": [],
    }
    assert first["longevity"]["outcome"] == "applied"
    assert first["care_subsidy"]["outcome"] == "likely"
    second = {r["policy"]: r for r in out[1]["results"]}
    assert second["longevity"] == {
        "policy": "longevity", "outcome": "unlikely",
        "reasons": ["under_80", "turns_80_on:2026-12-03"], "questions": [],
    }  # fmt: skip
    assert second["dibao"]["questions"] == ["income_below_line", "has_major_assets", "receiving"]


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("not json", "Expecting value"),
        ('{"birth_date": "1944-03-01"}', "must hold a JSON list"),
        ('[{"birthday": "1944-03-01"}]', "profile 0: birthday"),
        ('[{}, {"disability_level": 7}]', "profile 1: disability_level"),
        ('[{"care_need": "some"}]', "profile 0: care_need"),
    ],
)
def test_cli_refuses_bad_input_with_one_line(stdin, message):
    done = _cli("--today", "2026-12-02", "-", stdin=stdin)
    assert done.returncode == 2
    assert message in done.stderr and done.stderr.count("\n") == 1 and done.stdout == ""


def test_cli_needs_a_real_date():
    done = _cli("--today", "2026-13-01", "-", stdin="[]")
    assert done.returncode == 2 and "not a date" in done.stderr
