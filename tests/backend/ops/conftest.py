"""Fleet-operations route tests: the in-process backend over a seeded database copy, a
kiosk that signs its reports as kiosk.fleet.channel does, and an operator browser."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from fastapi.testclient import TestClient

from backend.demo import DEMO_TERMINAL_TOKEN
from backend.ops.demo import DEMO_OPERATOR
from kiosk.fleet.channel import signature
from tests.backend.conftest import (  # noqa: F401  (fixtures re-used here: SQLite and PostgreSQL)
    api,
    database_url,
    postgres_template,
    seeded_template,
)

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
OK = {"state": "ok"}


def beat(**changes) -> dict:
    """A healthy heartbeat; keyword arguments replace its fields."""
    document = {
        "version": "0.1.0",
        "config_hash": "a" * 64,
        "uptime_s": 3600,
        "peripherals": dict.fromkeys(
            ("printer", "card_reader", "microphone", "voice_model", "speech_engine"), OK
        ),
        "disk_free_mb": 20_000,
        "outbox_depth": 0,
        "error_codes": [],
    }
    return document | changes


def event(visit: str, kind: str, at: dt.datetime, **fields) -> dict:
    return {"at": at.isoformat() + "+08:00", "visit": visit, "kind": kind, **fields}


class SigningKiosk:
    def __init__(self, client: TestClient, token: str = DEMO_TERMINAL_TOKEN) -> None:
        self.client, self.token = client, token

    def post(self, path: str, document, *, sign_with: str | None = None, stamp=None):
        body = json.dumps(document).encode() if not isinstance(document, bytes) else document
        headers = {
            "Authorization": f"Bearer {self.token}",
            "Content-Type": "application/json",
            "X-Kiosk-Signature": signature(sign_with or self.token, body, stamp),
        }
        return self.client.post(f"/api/v1/ops{path}", content=body, headers=headers)

    def heartbeat(self, **changes):
        return self.post("/heartbeat", beat(**changes))


class Operator:
    """One browser: its own cookie jar."""

    def __init__(self, app) -> None:
        self.client = TestClient(app, follow_redirects=False)
        self.csrf = ""

    def sign_in(self, username: str = DEMO_OPERATOR.username, password: str | None = None):
        token = _CSRF.search(self.client.get("/ops").text).group(1)
        r = self.client.post(
            "/ops/sign-in",
            data={"csrf_token": token, "username": username,
                  "password": password or DEMO_OPERATOR.password},
        )  # fmt: skip
        if r.status_code == 303:
            self.csrf = _CSRF.search(self.client.get("/ops").text).group(1)
        return r

    def post(self, path: str, **data):
        return self.client.post(path, data={"csrf_token": self.csrf, **data})


@pytest.fixture
def kiosk(api) -> SigningKiosk:  # noqa: F811  (the re-used fixture is a parameter)
    return SigningKiosk(api.client)


@pytest.fixture
def operator(api) -> Operator:  # noqa: F811
    op = Operator(api.app)
    assert op.sign_in().status_code == 303
    return op
