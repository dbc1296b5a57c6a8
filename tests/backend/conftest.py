"""In-process backend for route tests: a TestClient over a fresh copy of a seeded database,
once on SQLite and once on PostgreSQL (the `database_url` fixture is parametrized).

Seeding takes about a second, so it happens once per session and engine: each test copies
the SQLite file, or makes its PostgreSQL database from a seeded template database
(CREATE DATABASE … TEMPLATE, a file copy inside the one session-wide server).
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from backend.app import create_app
from backend.db import Database
from backend.demo import DEMO_CITIZENS, DEMO_TERMINAL_TOKEN, seed
from backend.settings import Settings

TODAY = dt.date(2026, 11, 30)  # a Monday; the week after holds no holiday


class ManualClock:
    """A clock tests move by hand (session expiry, lockout windows)."""

    def __init__(self, now: dt.datetime) -> None:
        self.current = now

    def now(self) -> dt.datetime:
        return self.current

    def today(self) -> dt.date:
        return self.current.date()

    def advance(self, **delta) -> None:
        self.current += dt.timedelta(**delta)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("seed") / "template.sqlite3"
    database = Database(f"sqlite:///{path}")
    seed(database, TODAY)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.engine.dispose()
    return path


class Api:
    """TestClient plus helpers to identify demo citizens."""

    def __init__(self, client: TestClient, clock: ManualClock) -> None:
        self.client, self.clock = client, clock
        self.app = client.app

    def terminal_headers(self, token: str = DEMO_TERMINAL_TOKEN) -> dict:
        return {"Authorization": f"Bearer {token}"}

    def identify(self, index: int = 0, token: str = DEMO_TERMINAL_TOKEN) -> dict:
        """Headers for a citizen session of DEMO_CITIZENS[index]."""
        c = DEMO_CITIZENS[index]
        r = self.client.post(
            "/api/v1/identity/lookup",
            headers=self.terminal_headers(token),
            json={"id_number": c.id_number, "phone_last4": c.phone_last4},
        )
        assert r.status_code == 201, r.text
        return {**self.terminal_headers(token), "X-Citizen-Session": r.json()["session_token"]}

    def get(self, path, **kw):
        return self.client.get(path, **kw)

    def post(self, path, **kw):
        return self.client.post(path, **kw)

    def delete(self, path, **kw):
        return self.client.delete(path, **kw)


PG_TEMPLATE = "kiosk_seeded"


@pytest.fixture(scope="session")
def postgres_template(postgres_server) -> str:
    database = Database(postgres_server.database(PG_TEMPLATE))
    seed(database, TODAY)
    database.engine.dispose()  # a template database must have no connections
    return PG_TEMPLATE


def sqlite_copy(template, tmp_path) -> str:
    path = tmp_path / "backend.sqlite3"
    shutil.copy(template, path)
    return f"sqlite:///{path}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, seeded_template, tmp_path):
    """A fresh seeded database of each engine."""
    if request.param == "sqlite":
        yield sqlite_copy(seeded_template, tmp_path)
        return
    server = request.getfixturevalue("postgres_server")
    name = f"test_{uuid.uuid4().hex[:12]}"
    yield server.database(name, template=request.getfixturevalue("postgres_template"))
    server.drop(name)


def make_api(database_url: str, **settings) -> Api:
    base = Settings(database_url=database_url, demo=True, today=TODAY)
    app = create_app(replace(base, **settings))
    clock = ManualClock(dt.datetime.combine(TODAY, dt.time(8, 30)))
    app.state.ctx.clock = clock
    return Api(TestClient(app), clock)


@pytest.fixture
def api(database_url):
    api = make_api(database_url)
    yield api
    api.app.state.ctx.db.engine.dispose()


@pytest.fixture
def api_factory(database_url):
    """An Api with settings overridden, e.g. api_factory(demo=False)."""
    made = []
    yield lambda **settings: made.append(make_api(database_url, **settings)) or made[-1]
    for api in made:
        api.app.state.ctx.db.engine.dispose()
