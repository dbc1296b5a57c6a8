"""Whom an operator's order is for: one terminal (`scope` "terminal", target its id) or every
terminal of a site (`scope` "site", target the site's name). Remote settings and release
assignments are both aimed this way."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from backend.errors import validation
from backend.models import Terminal


def check(db: Session, scope: str, target: str) -> None:
    """Refuse an order for nobody: an unknown scope, terminal or site."""
    if scope not in ("terminal", "site"):
        raise validation("scope", "范围只能是终端或站点")
    if scope == "terminal" and db.get(Terminal, target) is None:
        raise validation("target", "没有这台终端")
    if scope == "site" and db.scalar(select(Terminal.id).where(Terminal.site == target)) is None:
        raise validation("target", "没有这个站点")


def aimed_at(model, terminal: Terminal):
    """The condition on `model` (with scope and target columns) for orders this terminal follows."""
    return or_(
        (model.scope == "terminal") & (model.target == terminal.id),
        (model.scope == "site") & (model.target == terminal.site),
    )
