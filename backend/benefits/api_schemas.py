"""Request and response bodies of the kiosk's benefits routes (they make up the OpenAPI)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Outcome = Literal["receiving", "applied", "unlikely", "need_info", "likely"]


class ScreeningIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, Literal["yes", "no", "dont_know"]] = Field(
        default_factory=dict,
        max_length=10,
        description="question code -> the citizen's answer (是 = yes, 不是 = no, 不知道 = dont_know)",
    )
    final: bool = Field(
        False, description="the results are shown now: keep them and issue the slip's page"
    )


class Reason(BaseModel):
    code: str
    text: str


class Office(BaseModel):
    name: str
    address: str
    hours: str
    phone: str | None


class PolicyResult(BaseModel):
    policy: str
    name: str
    short_name: str
    outcome: Outcome
    who: str = Field(description="plain words: who qualifies (the reason shown for likely)")
    reasons: list[Reason]
    questions: list[str]
    monthly_yuan: int | None
    amount_note: str | None
    bring: list[str]
    office: Office


class Question(BaseModel):
    code: str
    text: str = Field(description="plain words, read aloud; answered 是 / 不是 / 不知道")


class Slip(BaseModel):
    token: str
    public_url: str


class ScreeningOut(BaseModel):
    screened_on: dt.date
    display_name: str
    next_question: Question | None = Field(
        description="the next question that still matters, or null: show the results"
    )
    questions_left: int = Field(description="how many more may be asked in this visit")
    results: list[PolicyResult]
    slip: Slip | None = Field(description="only when final: the masked public page for the QR")


class Hint(BaseModel):
    policy: str | None = Field(description="a policy likely from the record alone and not applied")
    name: str | None
    short_name: str | None
