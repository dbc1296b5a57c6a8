"""Results of the benefits routes (docs/api.md "Benefits finder")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .fields import Obj

OUTCOMES = ("receiving", "applied", "unlikely", "need_info", "likely")


@dataclass(frozen=True)
class Office:
    name: str
    address: str
    hours: str

    @classmethod
    def parse(cls, r: Obj) -> Office:
        return cls(r.text("name"), r.text("address"), r.text("hours"))


@dataclass(frozen=True)
class PolicyResult:
    policy: str
    name: str
    short_name: str
    outcome: str  # one of OUTCOMES; anything else is shown as need_info
    who: str  # plain words: who qualifies
    reasons: tuple[str, ...]  # plain words from the backend's rule files
    monthly_yuan: int | None
    amount_note: str | None
    bring: tuple[str, ...]
    office: Office

    @classmethod
    def parse(cls, r: Obj) -> PolicyResult:
        outcome = r.text("outcome")
        return cls(
            policy=r.text("policy"),
            name=r.text("name"),
            short_name=r.text("short_name"),
            outcome=outcome if outcome in OUTCOMES else "need_info",
            who=r.text("who"),
            reasons=tuple(reason.text("text") for reason in r.objs("reasons")),
            monthly_yuan=r.opt_integer("monthly_yuan"),
            amount_note=r.opt_text("amount_note"),
            bring=r.texts("bring"),
            office=Office.parse(r.obj("office")),
        )


@dataclass(frozen=True)
class Question:
    code: str
    text: str

    @classmethod
    def parse(cls, r: Obj) -> Question:
        return cls(r.text("code"), r.text("text"))


@dataclass(frozen=True)
class Screening:
    screened_on: dt.date
    display_name: str  # masked
    next_question: Question | None
    questions_left: int
    results: tuple[PolicyResult, ...]
    public_url: str | None  # the slip's masked page, once final

    @classmethod
    def parse(cls, r: Obj) -> Screening:
        question, slip = r.opt_obj("next_question"), r.opt_obj("slip")
        return cls(
            screened_on=r.date("screened_on"),
            display_name=r.text("display_name"),
            next_question=Question.parse(question) if question else None,
            questions_left=r.integer("questions_left"),
            results=tuple(PolicyResult.parse(x) for x in r.objs("results")),
            public_url=slip.text("public_url") if slip else None,
        )


@dataclass(frozen=True)
class Hint:
    policy: str | None
    short_name: str | None

    @classmethod
    def parse(cls, r: Obj) -> Hint:
        return cls(r.opt_text("policy"), r.opt_text("short_name"))
