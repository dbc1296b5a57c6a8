"""Migrations: a database made by release 0.1.0 (tests/fixtures/previous_release, made by that
release's own `seed` and `serve`, before migrations existed) upgrades with `kiosk-backend
migrate` on SQLite and on PostgreSQL and keeps every row; `serve` refuses a schema that is
behind; the models and the migrations describe the same schema."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select, text

from backend import schema
from backend.db import Base, Database
from backend.demo import DEMO_CITIZENS, DEMO_TERMINAL_TOKEN
from tests.backend.conftest import TODAY, make_api

REPO_ROOT = Path(__file__).resolve().parents[2]
RELEASE_0_1_0 = REPO_ROOT / "tests" / "fixtures" / "previous_release" / "release-0.1.0.sqlite3"
# What 0002 does to the data: rating words become codes.
WORD_TO_CODE = {"准时": "on_time", "态度好": "kind", "等待时间长": "late"}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def release_tables() -> list:
    """The tables release 0.1.0 had, as today's models describe them."""
    schema.register_models()
    engine = create_engine(f"sqlite:///{RELEASE_0_1_0}")
    names = set(inspect(engine).get_table_names())
    engine.dispose()
    return [t for t in Base.metadata.sorted_tables if t.name in names]


def release_columns(table) -> list:
    """The columns release 0.1.0's table had (later revisions add more); all of a new table."""
    engine = create_engine(f"sqlite:///{RELEASE_0_1_0}")
    found = inspect(engine)
    names = (
        {c["name"] for c in found.get_columns(table.name)} if found.has_table(table.name) else None
    )
    engine.dispose()
    return [c for c in table.columns if names is None or c.name in names]


def all_rows(url: str, tables: list | None = None) -> dict[str, list[tuple]]:
    """Every row of every table of release 0.1.0 (or of `tables`), in primary-key order, with
    the columns release 0.1.0 had."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = {
            t.name: [
                tuple(r)
                for r in conn.execute(select(*release_columns(t)).order_by(*t.primary_key.columns))
            ]
            for t in (release_tables() if tables is None else tables)
        }
    engine.dispose()
    return rows


def expected_after_upgrade(before: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    orders_table = Base.metadata.tables["orders"]
    tags_at = [c.name for c in release_columns(orders_table)].index("rating_tags")
    orders = []
    for row in before["orders"]:
        tags = row[tags_at]
        if tags:
            row = (*row[:tags_at], [WORD_TO_CODE.get(t, t) for t in tags], *row[tags_at + 1 :])
        orders.append(row)
    return {**before, "orders": orders}


def test_release_0_1_0_fixture_holds_rows_of_every_kind():
    rows = all_rows(f"sqlite:///{RELEASE_0_1_0}")
    empty = {name for name, found in rows.items() if not found}
    # No staff ever signed in to make the fixture, nor a volunteer.
    assert empty == {"staff_sessions", "volunteer_sessions"}
    assert any(tags for *_, tags in _rated(rows)), "rated orders with words, for 0002"


def _rated(rows):
    at = [c.name for c in release_columns(Base.metadata.tables["orders"])].index("rating_tags")
    return [(r[0], r[at]) for r in rows["orders"] if r[at]]


def _check_upgraded(url: str, before: dict[str, list[tuple]]) -> None:
    assert all_rows(url) == expected_after_upgrade(before)
    added = [t for t in Base.metadata.sorted_tables if t.name not in before]
    assert added and all(rows == [] for rows in all_rows(url, added).values())
    assert schema.behind(Database(url)) is None
    api = make_api(url)  # the upgraded database serves: identify and read the rated orders
    headers = api.identify(0)
    listed = api.get("/api/v1/orders", headers=headers).json()["items"]
    tags = [o["rating"]["tags"] for o in listed if o["rating"]]
    assert [{"code": "on_time", "label": "准时"}, {"code": "kind", "label": "态度好"}] in tags
    api.app.state.ctx.db.engine.dispose()


def test_migrate_upgrades_release_0_1_0_on_sqlite(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(RELEASE_0_1_0, path)
    url = f"sqlite:///{path}"
    before = all_rows(url)
    done = cli("migrate", "--database-url", url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"schema: 0001 -> {schema.head()}"
    _check_upgraded(url, before)
    again = cli("migrate", "--database-url", url)
    assert again.stdout.strip() == f"schema: at {schema.head()}", "a second run changes nothing"


def _load_release_0_1_0(url: str) -> None:
    """Release 0.1.0's schema (revision 0001) on PostgreSQL, holding the fixture's rows."""
    source, target = create_engine(f"sqlite:///{RELEASE_0_1_0}"), create_engine(url)
    with target.begin() as conn:
        config = schema._config(conn)
        command.upgrade(config, schema.BASELINE)
        conn.execute(text("DROP TABLE alembic_version"))  # 0.1.0 had none
        with source.connect() as old:
            for table in release_tables():
                rows = [dict(r._mapping) for r in old.execute(select(*release_columns(table)))]
                if rows:
                    conn.execute(table.insert(), rows)
        for table in release_tables():
            for column in table.primary_key.columns:
                if column.autoincrement is True or (
                    column.autoincrement == "auto" and column.type.python_type is int
                ):
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', "
                            f"'{column.name}'), COALESCE(MAX({column.name}), 1)) FROM {table.name}"
                        )
                    )
    source.dispose()
    target.dispose()


def test_migrate_upgrades_release_0_1_0_on_postgresql(postgres_server):
    url = postgres_server.database("release_0_1_0")
    try:
        _load_release_0_1_0(url)
        before = all_rows(url)
        assert before == all_rows(f"sqlite:///{RELEASE_0_1_0}")
        done = cli("migrate", "--database-url", url)
        assert done.returncode == 0, done.stderr
        _check_upgraded(url, before)
    finally:
        postgres_server.drop("release_0_1_0")


def test_serve_refuses_a_schema_that_is_behind(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(RELEASE_0_1_0, path)
    refused = cli("serve", "--port", "0", "--database-url", f"sqlite:///{path}")
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        f"kiosk-backend: database schema is at revision 0001, the code needs {schema.head()}: "
        "run `kiosk-backend migrate`"
    ]
    empty = cli("serve", "--port", "0", "--database-url", f"sqlite:///{tmp_path / 'new.db'}")
    assert empty.returncode == 2 and "schema is empty" in empty.stderr


def test_the_embedded_demo_migrates_its_own_database(tmp_path):
    from tests.fixtures.backend_server import start_backend

    path = tmp_path / "demo.sqlite3"
    shutil.copy(RELEASE_0_1_0, path)
    backend = start_backend(tmp_path, database_url=f"sqlite:///{path}", today=TODAY)
    try:
        assert schema.behind(Database(f"sqlite:///{path}")) is None
        import requests

        c = DEMO_CITIZENS[0]
        r = requests.post(
            f"{backend.url}/api/v1/identity/lookup",
            headers={"Authorization": f"Bearer {DEMO_TERMINAL_TOKEN}"},
            json={"id_number": c.id_number, "phone_last4": c.phone_last4},
            timeout=30,
        )
        assert r.status_code == 201
    finally:
        backend.stop()


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_models_and_migrations_agree(engine, tmp_path, request):
    """A model changed without a migration fails here: run every migration from nothing, then
    compare with the models (add a revision under backend/migrations/versions)."""
    if engine == "sqlite":
        url = f"sqlite:///{tmp_path / 'm.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_server").database("migrations_only")
    db = Database(url)
    with db.engine.begin() as conn:
        command.upgrade(schema._config(conn), "head")
    with db.engine.connect() as conn:
        schema.register_models()
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    db.engine.dispose()
    assert diff == []
