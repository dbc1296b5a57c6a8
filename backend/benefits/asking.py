"""Which yes/no questions the kiosk still asks, and what an answer means for the profile.

A question is asked only while it matters: its fact is unknown in some need_info result and
it has not been answered (不知道 counts as answered: it is never asked twice). The ones that
settle the most policies come first; at most the region's `max_questions` in a visit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

from backend.benefits.engine import Result
from backend.benefits.rules import Rules

Answer = Literal["yes", "no", "dont_know"]


def facts_from_answers(rules: Rules, answers: dict[str, Answer]) -> dict[str, bool | None]:
    """{question: yes|no|dont_know} -> {fact: value | None}; unknown questions are refused
    by the caller (`unknown_questions`)."""
    facts: dict[str, bool | None] = {}
    for code, answer in answers.items():
        question = rules.region.questions[code]
        facts[code] = None if answer == "dont_know" else question.yes == (answer == "yes")
    return facts


def unknown_questions(rules: Rules, answers: dict[str, Answer]) -> list[str]:
    return [code for code in answers if code not in rules.region.questions]


def to_ask(rules: Rules, results: Sequence[Result], answered: Sequence[str]) -> list[str]:
    budget = rules.region.max_questions - len(answered)
    if budget <= 0:
        return []
    matters = Counter(
        q
        for r in results
        if r.outcome == "need_info"
        for q in r.questions
        if q in rules.region.questions and q not in answered
    )
    order = rules.region.questions
    return sorted(matters, key=lambda q: (-matters[q], order[q].order))[:budget]
