"""What the load benchmarks run against: the backing servers of the city backend (issue 14:
real PostgreSQL and Redis, started here in temporary directories) or the embedded SQLite,
and benchmark terminals added straight to the database."""

from __future__ import annotations

import contextlib
import uuid

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from backend.auth import token_hash
from backend.models import Terminal
from benchmarks.cpu_share import postmaster_pid
from tests.fixtures.servers import PostgresServer, RedisServer

SITES = 25


def add_terminals(database_url: str, count: int) -> list[str]:
    tokens = [f"bench-terminal-{i:04d}-{uuid.uuid4().hex}" for i in range(count)]
    engine = create_engine(database_url)
    with Session(engine) as db:
        db.add_all(
            Terminal(
                id=f"B-{i:04d}",
                name=f"压测终端 {i}",
                site=f"压测站点 {i % SITES}",
                token_hash=token_hash(token),
            )  # fmt: skip
            for i, token in enumerate(tokens)
        )
        db.commit()
    engine.dispose()
    return tokens


@contextlib.contextmanager
def backing_services(args):
    """(a function making a fresh database URL for a run, the Redis URL, their root pids)."""
    with contextlib.ExitStack() as stack:
        redis_url, pids = "", []
        if args.redis:
            redis = RedisServer().start()
            stack.callback(redis.stop)
            redis_url, pids = redis.url(), [redis._proc.pid]
        if args.database == "postgresql":
            pg = PostgresServer().start()
            stack.callback(pg.stop)
            pids.append(postmaster_pid(pg.data))
            yield (lambda name, _tmp: pg.database(name)), redis_url, pids
        else:
            yield (lambda name, tmp: f"sqlite:///{tmp}/{name}.sqlite3"), redis_url, pids
