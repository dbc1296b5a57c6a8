"""What a citizen pays for a care service: the best subsidy among their eligibility tags."""

from __future__ import annotations

from dataclasses import dataclass

from backend.codes import CITIZEN_TAGS, code_label
from backend.models import Service

# Share of the price paid by the government, per eligibility tag (in percent).
SUBSIDY_PERCENT = {"tekun": 100, "dibao": 60, "disabled_moderate": 50, "aged_80": 20}


@dataclass(frozen=True)
class Price:
    price_fen: int
    subsidy_fen: int
    subsidy_reason: str | None

    @property
    def you_pay_fen(self) -> int:
        return self.price_fen - self.subsidy_fen

    def as_fields(self) -> dict:
        return {
            "price_fen": self.price_fen,
            "subsidy_fen": self.subsidy_fen,
            "you_pay_fen": self.you_pay_fen,
            "subsidy_reason": code_label(CITIZEN_TAGS, self.subsidy_reason)
            if self.subsidy_reason
            else None,
        }


def price_for(service: Service, tags: list[str] | None) -> Price:
    """tags None = no citizen identified: full price, no subsidy."""
    if not service.subsidised or not tags:
        return Price(service.price_fen, 0, None)
    eligible = [(SUBSIDY_PERCENT[t], t) for t in tags if t in SUBSIDY_PERCENT]
    if not eligible:
        return Price(service.price_fen, 0, None)
    percent, tag = max(eligible)
    # Round the subsidy to whole yuan so the senior hears a simple amount ("您付 6 元").
    subsidy = min(service.price_fen, round(service.price_fen * percent / 100 / 100) * 100)
    return Price(service.price_fen, subsidy, tag)
