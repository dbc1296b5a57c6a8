"""Backend load: N simulated kiosks against the real backend under uvicorn on loopback.

Each kiosk is its own terminal (its own token, registered for the run) with its own demo
citizen (beyond the 32 demo citizens two kiosks share one, in separate sessions), looping a
senior's visit: identify -> applications -> services -> slots -> book -> cancel -> end.
Beside it, as on a real terminal, its fleet worker sends a signed heartbeat and a batch of
usage events every 30 s (benchmarks/load_kiosk.py).

Think time: a kiosk pauses a random 0.5-1.5 x `--think` between calls; the default 5 s is a
senior at a screen (reading, listening, tapping: 5 s per screen is quick for a senior), so
500 kiosks offer ~100 visit calls/s plus ~33 fleet reports/s. `--think 1` (the default
before 2 Dec 2026, 5x denser than real) and `--think 0.2` are stress modes.
Kiosks start at random moments within the first think interval, and requests started in
the first `--warmup` seconds (connections opening, kiosks still arriving) are left out of
the figures and counted separately.
All kiosks book one of the earliest free slots of the same two services, so they contend
for the same places; every fourth booking is kept, so slots really fill up and the
overbooking guard is exercised, then checked against the database afterwards.

    .venv/bin/python -m benchmarks.backend_load --kiosks 50 --seconds 20
    .venv/bin/python -m benchmarks.backend_load --kiosks 500 --workers 4 --database postgresql --redis

Targets (issue 2): p99 <= 100 ms at 50 concurrent kiosks, 0 errors, 0 overbooked slots.
Issue 14: the same at 500 kiosks on `serve --workers 4` with PostgreSQL and Redis (started by
the benchmark in temporary directories, tests/fixtures/servers.py), and the same load on one
worker in the same run, so that the two print as a ratio. The kiosks run on asyncio in
`--client-processes` processes with raw HTTP/1.1 (no retries: every failure is counted),
cheap enough that the client takes little of the CPU it shares with the server; the CPU
used by client, backend, PostgreSQL + Redis and the rest of the machine is printed.

Client-side latency is what a kiosk waits for. Server-side latency (the `ms` of the
backend's `request` log lines: from the request reaching the app to the response leaving
it) is printed beside it.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, create_engine, func, select

from backend.models import Order, Slot
from benchmarks.city_backend import add_terminals, backing_services
from benchmarks.cpu_share import machine_busy, tree_cpu
from benchmarks.figures import percentiles, server_latencies, verdict
from benchmarks.load_kiosk import (
    CALLS_PER_PAUSE,
    REPORT_EVERY_S,
    THINK_JITTER,
    Tally,
    client_process,
)
from tests.fixtures.backend_server import start_backend

TARGET_P99_MS = 100.0
RELEASED = ("cancelled", "no_show")  # statuses that give their place back (backend rule)
VISIT_CALLS = ("identify", "applications", "services", "slots", "create_order",
               "cancel_order", "end_session")  # fmt: skip


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


@dataclass
class Cpu:
    """CPU seconds used during the measured run, by part."""

    wall_s: float
    client: float
    backend: float
    services: float  # PostgreSQL + Redis
    machine: float  # every process on the machine, ours included

    def line(self) -> str:
        cores = os.cpu_count() or 1
        share = {n: v / (self.wall_s * cores) * 100 for n, v in vars(self).items()}
        others = max(0.0, share["machine"] - share["client"] - share["backend"] - share["services"])
        return (
            f"client {share['client']:.0f} %, backend {share['backend']:.0f} %, "
            f"PostgreSQL+Redis {share['services']:.0f} %, everything else {others:.0f} % "
            f"of {cores} cores"
        )


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
    cpu: Cpu

    @property
    def latencies(self) -> list[float]:
        return [ms for per_call in self.tally.latencies_ms.values() for ms in per_call]

    def throughput(self, warmup: float) -> float:
        return len(self.latencies) / max(self.wall_s - warmup, 1e-9)


def merge(tallies: list[Tally], started: float, warmup_s: float) -> Tally:
    total = Tally(started=started, warmup_s=warmup_s)
    total.latencies_ms = defaultdict(list)
    for t in tallies:
        for name, values in t.latencies_ms.items():
            total.latencies_ms[name].extend(values)
        total.warmup_ms += t.warmup_ms
        total.failures.update(t.failures)
        total.slot_full += t.slot_full
        total.booked += t.booked
        total.kept += t.kept
        total.cpu_s += t.cpu_s
    return total


def drive(url: str, tokens: list[str], args) -> tuple[Tally, float]:
    """All kiosks against url; (merged tally, wall seconds)."""
    args.started = time.perf_counter()
    deadline = time.monotonic() + args.seconds
    groups = [
        list(range(args.kiosks))[p :: args.client_processes] for p in range(args.client_processes)
    ]
    began = time.monotonic()
    with multiprocessing.get_context("fork").Pool(len(groups)) as pool:
        tallies = pool.starmap(client_process, [(g, url, tokens, deadline, args) for g in groups])
    return merge(tallies, args.started, args.warmup_used), time.monotonic() - began


def _measured(backend, tokens, args, service_pids) -> tuple[Tally, float, Cpu]:
    parts = lambda: (tree_cpu([backend._proc.pid]), tree_cpu(service_pids), machine_busy())  # noqa: E731
    before = parts()
    tally, wall = drive(backend.url, tokens, args)
    after = parts()
    backend_s, services_s, machine_s = (b - a for a, b in zip(before, after, strict=True))
    return tally, wall, Cpu(wall, tally.cpu_s, backend_s, services_s, machine_s)


def run_once(args, workers: int, new_database, redis_url: str, service_pids) -> Run:
    extra = ["--workers", str(workers)] + (["--redis-url", redis_url] if redis_url else [])
    with tempfile.TemporaryDirectory(prefix="backend-load-") as tmp:
        database_url = new_database(f"load_{workers}_workers", tmp)
        backend = start_backend(tmp, database_url=database_url, extra_args=tuple(extra))
        try:
            tokens = add_terminals(backend.database_url, args.kiosks)
            tally, wall, cpu = _measured(backend, tokens, args, service_pids)
            over, drift = overbooked_slots(backend.database_url)
        finally:
            backend.stop()
        server = server_latencies(backend.log_text(), skip=len(tally.warmup_ms))
    return Run(workers, tally, wall, over, drift, server, os.getloadavg()[0], cpu)


def offered_rate(args) -> float:
    """Requests/s the kiosks would send if every answer came at once."""
    return args.kiosks * CALLS_PER_PAUSE / args.think + (
        2 * args.kiosks / REPORT_EVERY_S if args.reports else 0
    )


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
        f"  requests       {len(lat):8d}   {run.throughput(args.warmup_used):8.1f} req/s "
        f"achieved (steady state), {offered_rate(args):.1f} req/s offered"
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
    print(f"  CPU            {run.cpu.line()}")


def compare(one: Run, many: Run, warmup: float) -> None:
    _, p99_one = percentiles(one.latencies)
    _, p99_many = percentiles(many.latencies)
    rate = many.throughput(warmup) / max(one.throughput(warmup), 1e-9)
    print(
        f"-- {many.workers} workers vs 1 at the same offered load: throughput x{rate:.2f}, "
        f"p99 {p99_one:.1f} -> {p99_many:.1f} ms (x{p99_one / max(p99_many, 1e-9):.2f} faster); "
        f"{os.cpu_count()} cores cap any gain near x{os.cpu_count()}, and below saturation "
        "the throughput is the offered load on both"
    )


def _arguments(argv: list[str] | None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kiosks", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--think",
        type=float,
        default=5.0,
        help="mean pause between a kiosk's calls in seconds: 5 is a senior at a screen; "
        "1 and 0.2 are stress modes",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=None,
        help="leave out requests started in the first this many seconds "
        "(default: one think interval and at least 3 s, at most a quarter of --seconds)",
    )
    parser.add_argument("--workers", type=int, default=1, help="serve --workers N")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--redis", action="store_true", help="start Redis, serve --redis-url")
    parser.add_argument(
        "--no-reports",
        dest="reports",
        action="store_false",
        help="leave out the terminals' heartbeats and usage events (every 30 s)",
    )
    parser.add_argument(
        "--client-processes",
        type=int,
        default=None,
        help="processes driving the kiosks (default: one per 250 kiosks)",
    )
    parser.add_argument("--no-compare", action="store_true", help="skip the 1-worker run")
    args = parser.parse_args(argv)
    if args.warmup is None:
        args.warmup_used = min(max(3.0, args.think), args.seconds / 4)
    else:
        args.warmup_used = args.warmup
    args.client_processes = args.client_processes or max(1, -(-args.kiosks // 250))
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    lo, hi = (args.think * j for j in THINK_JITTER)
    reports = f"heartbeat + usage events every {REPORT_EVERY_S:g} s" if args.reports else "none"
    print(
        f"backend load: {args.kiosks} kiosks (one terminal each) x {args.seconds:g} s on "
        f"loopback, {args.database}{' + Redis' if args.redis else ''}, "
        f"{args.client_processes} asyncio client process(es)\n"
        f"  think time {args.think:g} s per call per kiosk (uniform {lo:g}-{hi:g} s; a senior "
        f"takes ~5 s or more per screen), starts staggered over the first {args.think:g} s; "
        f"fleet reports: {reports}\n"
        f"  offered load {offered_rate(args):.1f} req/s"
    )
    if args.workers > 1 and not args.redis:
        print("  several workers need --redis (serve refuses them without Redis)")
        return 2
    note = f"{args.database}{' + Redis' if args.redis else ''}"
    with backing_services(args) as (new_database, redis_url, pids):
        runs = []
        if args.workers > 1 and not args.no_compare:
            runs.append(run_once(args, 1, new_database, redis_url, pids))
        runs.append(run_once(args, args.workers, new_database, redis_url, pids))
    for run in runs:
        report(run, args, note)
    if len(runs) == 2:
        compare(runs[0], runs[1], args.warmup_used)
    return 0


if __name__ == "__main__":
    sys.exit(main())
