"""Backend settings: one frozen dataclass, filled by the CLI (or by tests)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass


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
    # Worker processes of `serve` (more than one needs redis_url); each answers with its pid in
    # X-Backend-Worker then, so tests and operators can tell them apart.
    workers: int = 1
    # The hotline phone system's click-to-dial endpoint (backend/help/call_gateway.py) and its
    # bearer token; no URL = the demo's stand-in in demo mode, else no call-backs.
    call_gateway_url: str = ""
    call_gateway_token: str = ""

    def to_json(self) -> str:
        """For the workers of `serve --workers N`, which read it from their environment."""
        fields = asdict(self)
        fields["today"] = self.today.isoformat() if self.today else None
        return json.dumps(fields)

    @classmethod
    def from_json(cls, text: str) -> Settings:
        fields = json.loads(text)
        fields["today"] = dt.date.fromisoformat(fields["today"]) if fields["today"] else None
        return cls(**fields)
