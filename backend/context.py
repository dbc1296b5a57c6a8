"""Per-app state shared by routes and services: settings, database, clock (app.state.ctx).

No HTTP types here: services receive this and plain values; backend.deps adapts requests.

Database sessions are opened and closed inside a single function (a route body or one
dependency), never held across them: FastAPI runs each dependency and the route in separate
worker-thread hops, and a connection or write lock held from one hop to the next deadlocks
once every worker thread is waiting for the pool or the lock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from backend.clock import Clock
from backend.db import Database
from backend.settings import Settings


@dataclass
class AppContext:
    settings: Settings
    db: Database
    clock: Clock
    # token hash -> (monotonic time cached, terminal): every request authenticates its
    # terminal, and terminals change rarely; a removed terminal is refused within TERMINAL_TTL_S.
    terminal_cache: dict = field(default_factory=dict)
    # When housekeeping last pruned (app clock); see services.housekeeping.prune_if_due.
    last_prune: dt.datetime | None = None
