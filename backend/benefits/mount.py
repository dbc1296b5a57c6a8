"""Wiring into the app factory: install(app) reads the rule files (a broken one stops the
start with its name) and mounts the kiosk, public and staff routes."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from backend.benefits import kiosk_routes, public, staff_routes
from backend.benefits.rules import Rules, default_rules


def install(app: FastAPI, rules: Rules | None = None) -> None:
    app.state.benefits_rules = rules or default_rules()
    for module in (kiosk_routes, public, staff_routes):
        app.include_router(module.router)
    static = Path(__file__).with_name("static")
    app.mount("/staff/benefits-static", StaticFiles(directory=static), name="benefits-static")
