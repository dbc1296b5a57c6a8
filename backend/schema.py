"""The database schema's version, with Alembic (scripts in backend/migrations/versions).

    upgrade(database)     bring any earlier schema to head (`kiosk-backend migrate`)
    behind(database)      why `serve` must not start yet, or None when at head
    recreate(database)    drop everything and create head (demo seeding)

A database made before migrations existed (release 0.1.0 made its tables with create_all
and has no alembic_version table) is recognised by its tables and taken as revision 0001.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from backend.db import Base, Database

BASELINE = "0001"  # the schema of release 0.1.0, the last one without migrations
_DIR = Path(__file__).with_name("migrations")


def register_models() -> None:
    """Import every module that defines tables, so Base.metadata holds all of them."""
    from backend import models  # noqa: F401
    from backend.benefits import models as benefits_models  # noqa: F401
    from backend.help import models as help_models  # noqa: F401
    from backend.ops import models as ops_models  # noqa: F401


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_DIR))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    return ScriptDirectory(str(_DIR)).get_current_head()


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _unversioned_release(connection: Connection) -> bool:
    tables = set(inspect(connection).get_table_names())
    return "alembic_version" not in tables and "terminals" in tables


def upgrade(database: Database) -> tuple[str | None, str]:
    """(revision before, revision after). Safe to repeat; one transaction per migration run."""
    with database.engine.begin() as connection:
        if _unversioned_release(connection):
            command.stamp(_config(connection), BASELINE)
        before = _current(connection)
        if before is None and not inspect(connection).get_table_names():
            register_models()
            Base.metadata.create_all(connection)  # an empty database: head at once
            command.stamp(_config(connection), "head")
        else:
            command.upgrade(_config(connection), "head")
        return before, _current(connection)


def behind(database: Database) -> str | None:
    """One line for the operator when the schema is not at head (None when it is)."""
    with database.engine.connect() as connection:
        current = BASELINE if _unversioned_release(connection) else _current(connection)
    target = head()
    if current == target:
        return None
    where = f"at revision {current}" if current else "empty"
    return f"database schema is {where}, the code needs {target}: run `kiosk-backend migrate`"


def recreate(database: Database) -> None:
    register_models()
    with database.engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade(database)
