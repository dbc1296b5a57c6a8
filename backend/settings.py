"""Backend settings: one frozen dataclass, filled by the CLI (or by tests)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///kiosk-backend.sqlite3"
    # Demo mode: /health says so and the demo order-progression route is enabled.
    demo: bool = False
    # Pretend today is this date (demo data and due dates are relative to it); None = real date.
    today: dt.date | None = None
    # Base of public status-page links; empty = taken from the request (http://host:port).
    public_base_url: str = ""
    session_idle_minutes: int = 15
    id_failure_limit: int = 5
    id_failure_window_minutes: int = 15
    terminal_failure_limit: int = 20
    terminal_failure_window_minutes: int = 15
    max_body_bytes: int = 64 * 1024
    # Live help-session state shared by workers and hosts; empty = this process's memory.
    redis_url: str = ""
    # Bearer token for GET /metrics; empty = metrics off (404).
    metrics_token: str = ""
