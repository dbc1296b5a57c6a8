"""Engine and sessions. SQLite gets WAL, a busy timeout and explicit BEGIN modes so that
concurrent requests queue for the write lock instead of failing with "database is locked"."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import StaticPool

SQLITE_BUSY_TIMEOUT_S = 30


class Base(DeclarativeBase):
    pass


def make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    connect_args = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S}
    if url in ("sqlite://", "sqlite:///:memory:"):
        # One shared connection, or every connection would see its own empty database.
        engine = create_engine(url, connect_args=connect_args, poolclass=StaticPool)
    else:
        engine = create_engine(
            url, connect_args=connect_args, pool_size=10, max_overflow=60, pool_timeout=60
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take transaction control away from pysqlite so the "begin" hook below decides.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Writers take the write lock up front (BEGIN IMMEDIATE): a deferred transaction that
        # reads and then writes can fail at once with SQLITE_BUSY instead of waiting.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


class Database:
    """Sessions for readers and for writers (writers lock early on SQLite)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.read_session = sessionmaker(self.engine, expire_on_commit=False)
        is_sqlite = url.startswith("sqlite")
        writer_bind = (
            self.engine.execution_options(sqlite_begin="IMMEDIATE") if is_sqlite else self.engine
        )
        self.write_session = sessionmaker(writer_bind, expire_on_commit=False)
        self._write_lock: AbstractContextManager = threading.RLock() if is_sqlite else nullcontext()

    def session(self, *, write: bool) -> AbstractContextManager[Session]:
        """Use as `with db.session(write=...) as s:`; commit inside the block."""
        if not write:
            return self.read_session()
        return self._writing()

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        # On SQLite only one writer can proceed anyway; queueing writers on a lock in this
        # process wakes the next one the moment the last commits, where SQLite's busy
        # handler would poll with growing sleeps (seconds of p99 latency under load).
        with self._write_lock, self.write_session() as session:
            yield session
