"""Screening one identified citizen: record + answers -> results, next question, slip."""

from __future__ import annotations

import logging
import secrets

from sqlalchemy.orm import Session

from backend.benefits import asking
from backend.benefits.engine import Result, screen
from backend.benefits.models import BenefitScreening
from backend.benefits.record import profile_for
from backend.benefits.rules import Rules
from backend.benefits.wording import result_view
from backend.context import AppContext
from backend.errors import ApiError
from backend.models import Citizen
from civic_core.idnumber import mask_name

log = logging.getLogger("backend.benefits")


def check_answers(rules: Rules, answers: dict[str, str]) -> None:
    unknown = asking.unknown_questions(rules, answers)
    if unknown:
        raise ApiError(422, "unknown_question", "没有这个问题", f"answers.{unknown[0]}")


def results_for(
    db: Session, rules: Rules, ctx: AppContext, citizen: Citizen, facts: dict
) -> list[Result]:
    return screen(rules, profile_for(db, rules, citizen, facts), ctx.clock.today())


def screening(
    db: Session, ctx: AppContext, rules: Rules, public_base: str, who: tuple[Citizen, str], body
) -> dict:
    """`who`: the citizen and the terminal they stand at; `public_base` starts the slip's link."""
    citizen, terminal_id = who
    check_answers(rules, body.answers)
    facts = asking.facts_from_answers(rules, body.answers)
    results = results_for(db, rules, ctx, citizen, facts)
    views = [result_view(rules, r) for r in results]
    ask = [] if body.final else asking.to_ask(rules, results, list(body.answers))
    slip = _keep(db, ctx, public_base, who, facts, views) if body.final else None
    log.info(
        "benefits_screened",
        extra={
            "fields": {
                "citizen_ref": citizen.id,
                "answers": len(body.answers),
                "likely": sum(r.outcome == "likely" for r in results),
                "final": body.final,
            }
        },
    )
    return {
        "screened_on": ctx.clock.today(),
        "display_name": mask_name(citizen.name),
        "next_question": {"code": ask[0], "text": rules.region.questions[ask[0]].text}
        if ask
        else None,
        "questions_left": max(0, rules.region.max_questions - len(body.answers)),
        "results": views,
        "slip": slip,
    }


def _keep(db, ctx, public_base: str, who: tuple[Citizen, str], facts, views) -> dict:
    citizen, terminal_id = who
    token = secrets.token_urlsafe(16)
    db.add(
        BenefitScreening(
            public_token=token,
            citizen_id=citizen.id,
            terminal_id=terminal_id,
            screened_on=ctx.clock.today(),
            created_at=ctx.clock.now(),
            answers=facts,
            results=views,
        )
    )
    db.commit()
    return {"token": token, "public_url": f"{public_base}/b/{token}"}


def hint(db: Session, ctx: AppContext, rules: Rules, citizen: Citizen) -> dict:
    """The first policy likely from the record alone: for the home screen's gentle line."""
    for result in results_for(db, rules, ctx, citizen, {}):
        if result.outcome == "likely":
            policy = rules.policy(result.policy)
            return {"policy": policy.code, "name": policy.name, "short_name": policy.short_name}
    return {"policy": None, "name": None, "short_name": None}
