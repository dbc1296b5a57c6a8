"""The rules read at start, for routes (kept on app.state by mount.install)."""

from __future__ import annotations

from fastapi import Request

from backend.benefits.rules import Rules


def rules_of(request: Request) -> Rules:
    return request.app.state.benefits_rules
