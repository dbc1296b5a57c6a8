"""The declared formats: a household profile, a policy file and the region file.

Pydantic models are the schema; `backend/benefits/rules.py` adds the checks that span files
(a reason without words, an office that does not exist). A file that breaks any of them stops
the backend at start with the file's name and the place in it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

POLICY_FORMAT = ("civic-kiosk-policy", 1)
REGION_FORMAT = ("civic-kiosk-region", 1)

CareNeed = Literal["none", "mild", "moderate", "severe"]


class Profile(BaseModel):
    """What the rules read about a household. Every field may be missing (= unknown)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    birth_date: dt.date | None = None
    region: str | None = Field(None, pattern=r"^[0-9]{6}$")
    household_size: int | None = Field(None, ge=1, le=50)
    income_below_line: bool | None = None
    has_major_assets: bool | None = None
    has_supporter: bool | None = None
    disability_level: int | None = Field(None, ge=0, le=4)  # 0 = none
    care_need: CareNeed | None = None
    sudden_hardship: bool | None = None
    receiving: tuple[str, ...] | None = None
    applied: tuple[str, ...] | None = None


# The facts a criterion may name and their kind; `age` is derived (whole years on the
# screening day, from birth_date).
FACT_KINDS = {
    "age": "number",
    "birth_date": "date",
    "region": "text",
    "household_size": "number",
    "income_below_line": "bool",
    "has_major_assets": "bool",
    "has_supporter": "bool",
    "disability_level": "number",
    "care_need": "text",
    "sudden_hardship": "bool",
    "receiving": "list",
    "applied": "list",
}
# Which profile field an unknown fact is really about (what a question would settle).
FACT_SOURCE = {"age": "birth_date"}

Op = Literal["eq", "ne", "lt", "le", "gt", "ge", "in", "includes", "excludes", "starts_with"]
# The fact kinds each operator can compare.
OP_KINDS: dict[str, set[str]] = {
    "eq": {"number", "bool", "text"},
    "ne": {"number", "bool", "text"},
    "lt": {"number"},
    "le": {"number"},
    "gt": {"number"},
    "ge": {"number"},
    "in": {"number", "text"},
    "includes": {"list"},
    "excludes": {"list"},
    "starts_with": {"text"},
}


class Criterion(BaseModel):
    """A leaf (fact op value) or a group (all / any of criteria)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    fact: str | None = None
    op: Op | None = None
    value: Any = None
    value_of: str | None = None  # a key of the policy's [values]: the region's number
    all_of: list[Criterion] | None = Field(None, alias="all")
    any_of: list[Criterion] | None = Field(None, alias="any")
    reason: str | None = None  # the reason code when this criterion is known to fail
    dated_reason: str | None = None  # age leaves with ge: "code:YYYY-MM-DD", the day it is met

    @model_validator(mode="after")
    def _one_shape(self) -> Criterion:
        shapes = [self.fact is not None, self.all_of is not None, self.any_of is not None]
        if sum(shapes) != 1:
            raise ValueError(
                "a criterion is exactly one of: fact + op + value, all = [...], any = [...]"
            )
        if self.fact is not None:
            self._check_leaf()
        elif not (self.all_of or self.any_of):
            raise ValueError("an all/any group needs at least one criterion")
        return self

    def _check_leaf(self) -> None:
        if self.fact not in FACT_KINDS:
            raise ValueError(f"unknown fact {self.fact!r}; known: {', '.join(FACT_KINDS)}")
        if self.op is None:
            raise ValueError("a fact criterion needs op")
        if (self.value is None) == (self.value_of is None):
            raise ValueError("a fact criterion needs exactly one of value, value_of")
        kind = FACT_KINDS[self.fact]
        if kind not in OP_KINDS[self.op]:
            raise ValueError(f"op {self.op!r} cannot compare {self.fact!r} ({kind})")
        if self.dated_reason and not (self.fact == "age" and self.op == "ge"):
            raise ValueError("dated_reason is only for age ge N")

    def children(self) -> list[Criterion]:
        return self.all_of or self.any_of or []


class AmountBand(BaseModel):
    model_config = ConfigDict(extra="forbid")

    from_age: int = Field(ge=0)
    to_age: int | None = None
    yuan_per_month: int = Field(ge=0)


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: str
    format_version: int
    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,30}$")
    name: str
    short_name: str
    order: int
    version: str
    effective_from: dt.date
    region: str
    region_prefix: str = Field(pattern=r"^[0-9]{2,6}$")
    source: str = Field(min_length=10)
    who: str = Field(min_length=4)  # plain words: who qualifies (the reason shown for likely)
    application_types: list[str]
    one_off: bool = False  # a decided application is not "receiving" (e.g. 临时救助)
    apply_at: str
    bring: list[str] = Field(min_length=1)
    amount_note: str | None = None
    values: dict[str, Any] = {}
    amounts: list[AmountBand] = []
    criteria: Criterion
    reasons: dict[str, str]

    @model_validator(mode="after")
    def _declared_format(self) -> Policy:
        if (self.format, self.format_version) != POLICY_FORMAT:
            raise ValueError(f"format must be {POLICY_FORMAT[0]!r} version {POLICY_FORMAT[1]}")
        return self


class Office(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    address: str
    hours: str
    phone: str | None = None


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=4)
    yes: bool  # the fact's value when the answer is 是
    order: int


class Region(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: str
    format_version: int
    region: str
    region_prefix: str
    version: str
    max_questions: int = Field(ge=0, le=10)
    offices: dict[str, Office] = Field(min_length=1)
    questions: dict[str, Question]
    unknown: dict[str, str]
    record_reasons: dict[str, str]

    @model_validator(mode="after")
    def _declared_format(self) -> Region:
        if (self.format, self.format_version) != REGION_FORMAT:
            raise ValueError(f"format must be {REGION_FORMAT[0]!r} version {REGION_FORMAT[1]}")
        for fact in self.questions:
            if FACT_KINDS.get(fact) != "bool":
                raise ValueError(f"questions.{fact}: only yes/no facts can be asked")
        return self
