"""Backend load: N simulated kiosks against the real backend under uvicorn on loopback.

Each kiosk is a thread with its own ApiClient and its own demo citizen (beyond the 32
demo citizens two kiosks share one, in separate sessions), looping the booking path:
identify -> applications -> services -> slots -> book -> cancel -> end.

Think time: a kiosk pauses a random 0.5-1.5 x `--think` (default 1 s) between calls. A
senior reads, listens and taps for many seconds per screen, so 1 s per call per kiosk is
already about 5 times denser than real use; 50 kiosks then offer ~50 requests/s.
`--think 0.2` is a stress mode (it saturates this 2-core machine), not the target case.
Real kiosks are independent: each starts at a random moment within the first think
interval (no thundering herd of 50 identifications at t=0), and requests started in the
first `--warmup` seconds (connections opening, kiosks still arriving) are left out of the
figures and counted separately.
All kiosks book one of the earliest free slots of the same two services, so they contend
for the same places; every fourth booking is kept, so slots really fill up and the
overbooking guard is exercised, then checked against the database afterwards.

    .venv/bin/python -m benchmarks.backend_load --kiosks 50 --seconds 20
    .venv/bin/python -m benchmarks.backend_load --kiosks 500 --workers 4 --database postgresql --redis

Targets (issue 2): p99 <= 100 ms at 50 concurrent kiosks, 0 errors, 0 overbooked slots.
Issue 14: the same at 500 kiosks on `serve --workers 4` with PostgreSQL and Redis (started by
the benchmark in temporary directories, tests/fixtures/servers.py), and the same load on one
worker in the same run, so that the two print as a ratio. Kiosk threads are spread over
`--client-processes` processes (one Python process cannot drive 500 clients alone).
Clients run with retries=0, so every failure is counted, not hidden by a retry.

Client-side latency is what a kiosk waits for; here it also includes the benchmark's own 50
client threads competing with the server for the same cores. Server-side latency (the
`ms` of the backend's `request` log lines: from the request reaching the app to the
response leaving it) is printed beside it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import and_, create_engine, func, select

from backend.demo import DEMO_CITIZENS
from backend.models import Order, Slot
from kiosk.api import ApiClient, errors
from tests.fixtures.backend_server import start_backend
from tests.fixtures.servers import PostgresServer, RedisServer

TARGET_P99_MS = 100.0
HOT_SERVICES = 2  # kiosks share this many services so they compete for places
HOT_SLOTS = 3  # each booking picks one of this many earliest free slots (seniors choose times)
THINK_JITTER = (0.5, 1.5)  # a pause is think x uniform(*THINK_JITTER): same mean, no lockstep
KEEP_EVERY = 4  # keep every 4th booking instead of cancelling it
RELEASED = ("cancelled", "no_show")  # statuses that give their place back (backend rule)
T = TypeVar("T")


@dataclass
class Tally:
    """Shared by all kiosk threads; one lock, touched once per request."""

    started: float  # perf_counter() at the start of the run
    warmup_s: float  # requests started before started + warmup_s are counted apart
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    warmup_ms: list[float] = field(default_factory=list)
    failures: Counter = field(default_factory=Counter)
    slot_full: int = 0
    booked: int = 0
    kept: int = 0

    def timed(self, call: Callable[..., T], *args, **kwargs) -> T:
        started = time.perf_counter()
        try:
            return call(*args, **kwargs)
        except errors.ApiError as exc:
            with self.lock:
                # A clean "slot_full" under contention is the correct answer, not an error.
                if exc.code == "slot_full":
                    self.slot_full += 1
                else:
                    self.failures[f"{type(exc).__name__}:{exc.code}"] += 1
            raise
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            with self.lock:
                if started - self.started < self.warmup_s:
                    self.warmup_ms.append(elapsed)
                else:
                    self.latencies_ms[call.__name__].append(elapsed)


def kiosk(index: int, url: str, token: str, deadline: float, think: float, tally: Tally) -> None:
    citizen = DEMO_CITIZENS[index % len(DEMO_CITIZENS)]
    rng = random.Random(index)  # deterministic per kiosk, independent between kiosks

    def pause() -> None:
        time.sleep(think * rng.uniform(*THINK_JITTER))

    time.sleep(think * rng.random())  # kiosks come in one by one, not all at t=0
    client = ApiClient(url, token, retries=0)
    round_no = 0
    while time.monotonic() < deadline:
        round_no += 1
        try:
            tally.timed(client.identify, citizen.id_number, citizen.phone[-4:])
            pause()
            tally.timed(client.applications)
            pause()
            services = tally.timed(client.services)
            service = services[index % min(HOT_SERVICES, len(services))]
            pause()
            slots = tally.timed(client.slots, service.code, dt.date.today(), 14)
            now = dt.datetime.now(dt.UTC)
            free = [s for s in slots if s.available > 0 and s.start > now]
            pause()
            if free:
                slot = rng.choice(free[:HOT_SLOTS])
                order = tally.timed(
                    client.create_order, slot.id, idempotency_key=client.new_idempotency_key()
                )
                with tally.lock:
                    tally.booked += 1
                pause()
                if round_no % KEEP_EVERY:
                    tally.timed(
                        client.cancel_order,
                        order.number,
                        idempotency_key=client.new_idempotency_key(),
                    )
                else:
                    with tally.lock:
                        tally.kept += 1
        except errors.ApiError:
            pass  # already counted; the next round starts with a fresh identification
        if client.has_session:
            tally.timed(client.end_session)  # never raises; its failures are only logged
        pause()
    client.close()


def overbooked_slots(database_url: str) -> tuple[int, int]:
    """(slots holding more places than capacity, slots whose counter disagrees with orders)."""
    engine = create_engine(database_url)
    holding = and_(Order.slot_id == Slot.id, Order.status_code.not_in(RELEASED))
    query = (
        select(Slot.capacity, Slot.booked, func.count(Order.id))
        .outerjoin(Order, holding)
        .group_by(Slot.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    engine.dispose()
    over = sum(1 for capacity, booked, held in rows if max(booked, held) > capacity)
    drift = sum(1 for _, booked, held in rows if booked != held)
    return over, drift


def percentiles(values: list[float]) -> tuple[float, float]:
    """(p50, p99); NaN when there is nothing to measure."""
    if len(values) < 2:
        return (values[0], values[0]) if values else (float("nan"), float("nan"))
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[98]


def server_latencies(log_text: str, skip: int, route: str | None = None) -> list[float]:
    """`ms` of the backend's request log lines (of one route template if given), less the
    first `skip` (the warm-up's; the log is in completion order, so the cut is approximate
    by a few requests)."""
    values = []
    for line in log_text.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if not (isinstance(entry, dict) and entry.get("event") == "request" and "ms" in entry):
            continue
        if route is None or entry.get("route") == route:
            values.append(float(entry["ms"]))
    return values[skip:]


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


@dataclass
class Run:
    """One load run against one server configuration."""

    workers: int
    tally: Tally
    wall_s: float
    over: int
    drift: int
    server_ms: list[float]
    load: float

    @property
    def latencies(self) -> list[float]:
        return [ms for per_call in self.tally.latencies_ms.values() for ms in per_call]

    def throughput(self, warmup: float) -> float:
        return len(self.latencies) / max(self.wall_s - warmup, 1e-9)


def client_process(indices: list[int], url: str, token: str, deadline: float, args) -> Tally:
    """One client process: a thread per kiosk, the tally sent back (without its lock)."""
    tally = Tally(started=args.started, warmup_s=args.warmup_s)
    threads = [
        threading.Thread(target=kiosk, args=(i, url, token, deadline, args.think, tally))
        for i in indices
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tally.lock = None
    return tally


def merge(tallies: list[Tally], started: float, warmup_s: float) -> Tally:
    total = Tally(started=started, warmup_s=warmup_s)
    for t in tallies:
        for name, values in t.latencies_ms.items():
            total.latencies_ms[name].extend(values)
        total.warmup_ms += t.warmup_ms
        total.failures.update(t.failures)
        total.slot_full += t.slot_full
        total.booked += t.booked
        total.kept += t.kept
    return total


def drive(url: str, token: str, args) -> tuple[Tally, float]:
    """All kiosks against url; (merged tally, wall seconds)."""
    args.started, args.warmup_s = time.perf_counter(), args.warmup_used
    deadline = time.monotonic() + args.seconds
    groups = [
        list(range(args.kiosks))[p :: args.client_processes] for p in range(args.client_processes)
    ]
    began = time.monotonic()
    with multiprocessing.get_context("fork").Pool(len(groups)) as pool:  # forked before threads
        tallies = pool.starmap(client_process, [(g, url, token, deadline, args) for g in groups])
    return merge(tallies, args.started, args.warmup_used), time.monotonic() - began


@contextlib.contextmanager
def backing_services(args):
    """(a function making a fresh database URL for a run, the Redis URL or "")."""
    with contextlib.ExitStack() as stack:
        redis_url = ""
        if args.redis:
            redis = RedisServer().start()
            stack.callback(redis.stop)
            redis_url = redis.url()
        if args.database == "postgresql":
            pg = PostgresServer().start()
            stack.callback(pg.stop)
            yield (lambda name, _tmp: pg.database(name)), redis_url
        else:
            yield (lambda name, tmp: f"sqlite:///{tmp}/{name}.sqlite3"), redis_url


def run_once(args, workers: int, new_database, redis_url: str) -> Run:
    extra = ["--workers", str(workers)] + (["--redis-url", redis_url] if redis_url else [])
    with tempfile.TemporaryDirectory(prefix="backend-load-") as tmp:
        database_url = new_database(f"load_{workers}_workers", tmp)
        backend = start_backend(tmp, database_url=database_url, extra_args=tuple(extra))
        try:
            tally, wall = drive(backend.url, backend.terminal_token, args)
            over, drift = overbooked_slots(backend.database_url)
        finally:
            backend.stop()
        server = server_latencies(backend.log_text(), skip=len(tally.warmup_ms))
    return Run(workers, tally, wall, over, drift, server, os.getloadavg()[0])


def report(run: Run, args, url_note: str) -> None:
    tally, lat = run.tally, run.latencies
    p50, p99 = percentiles(lat)
    s50, s99 = percentiles(run.server_ms)
    _, w99 = percentiles(tally.warmup_ms)
    n_errors = sum(tally.failures.values())
    print(f"-- {run.workers} worker(s), {url_note}")
    print(
        f"  warm-up        {len(tally.warmup_ms):8d} requests in the first {args.warmup_used:g} s, "
        f"left out (their p99 {w99:.1f} ms)"
    )
    print(
        f"  requests       {len(lat):8d}   {run.throughput(args.warmup_used):8.1f} req/s (steady state)"
    )
    print(f"  latency p50    {p50:8.1f} ms   (client side; server side {s50:.1f} ms)")
    print(
        f"  latency p99    {p99:8.1f} ms   target <= {TARGET_P99_MS:g} ms   "
        f"{verdict(p99 <= TARGET_P99_MS)}   (server side {s99:.1f} ms)"
    )
    print(f"  errors         {n_errors:8d}      target 0           {verdict(n_errors == 0)}")
    for name, per_call in sorted(tally.latencies_ms.items()):
        c50, c99 = percentiles(per_call)
        print(f"    {name:<17} n={len(per_call):<6} p50 {c50:7.1f} ms  p99 {c99:7.1f} ms")
    for name, count in tally.failures.most_common():
        print(f"    {name}: {count}")
    print(f"  overbooked     {run.over:8d} slots target 0           {verdict(run.over == 0)}")
    print(f"  counter drift  {run.drift:8d} slots target 0           {verdict(run.drift == 0)}")
    print(
        f"  bookings       {tally.booked:8d}   kept {tally.kept}, "
        f"clean slot_full conflicts {tally.slot_full}"
    )
    # Latency on a shared 2-core machine depends on everyone else's work: say how busy it was.
    print(f"  machine load   {run.load:8.2f}   (1-min average, {os.cpu_count()} cores)")


def compare(one: Run, many: Run, warmup: float) -> None:
    _, p99_one = percentiles(one.latencies)
    _, p99_many = percentiles(many.latencies)
    rate = many.throughput(warmup) / max(one.throughput(warmup), 1e-9)
    print(
        f"-- {many.workers} workers vs 1 at the same offered load: throughput x{rate:.2f}, "
        f"p99 {p99_one:.1f} -> {p99_many:.1f} ms (x{p99_one / max(p99_many, 1e-9):.2f} faster); "
        f"{os.cpu_count()} cores cap any gain near x{os.cpu_count()}"
    )


def _arguments(argv: list[str] | None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kiosks", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean pause between a kiosk's calls in seconds (a senior takes far longer per screen)",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=None,
        help="leave out requests started in the first this many seconds "
        "(default: 3 s, at most a quarter of --seconds)",
    )
    parser.add_argument("--workers", type=int, default=1, help="serve --workers N")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--redis", action="store_true", help="start Redis, serve --redis-url")
    parser.add_argument(
        "--client-processes",
        type=int,
        default=None,
        help="processes driving the kiosk threads (default: one per 150 kiosks)",
    )
    parser.add_argument("--no-compare", action="store_true", help="skip the 1-worker run")
    args = parser.parse_args(argv)
    args.warmup_used = args.warmup if args.warmup is not None else min(3.0, args.seconds / 4)
    args.client_processes = args.client_processes or max(1, -(-args.kiosks // 150))
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    lo, hi = (args.think * j for j in THINK_JITTER)
    print(
        f"backend load: {args.kiosks} kiosks x {args.seconds:g} s on loopback, "
        f"{args.database}{' + Redis' if args.redis else ''}, "
        f"{args.client_processes} client process(es)\n"
        f"  think time {args.think:g} s per call per kiosk (uniform {lo:g}-{hi:g} s; a senior "
        f"takes ~5 s or more per screen), starts staggered over the first {args.think:g} s"
    )
    if args.workers > 1 and not args.redis:
        print("  several workers need --redis (serve refuses them without Redis)")
        return 2
    note = f"{args.database}{' + Redis' if args.redis else ''}"
    with backing_services(args) as (new_database, redis_url):
        runs = []
        if args.workers > 1 and not args.no_compare:
            runs.append(run_once(args, 1, new_database, redis_url))
        runs.append(run_once(args, args.workers, new_database, redis_url))
    for run in runs:
        report(run, args, note)
    if len(runs) == 2:
        compare(runs[0], runs[1], args.warmup_used)
    return 0


if __name__ == "__main__":
    sys.exit(main())
