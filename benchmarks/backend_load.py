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

Targets (issue 2): p99 <= 100 ms at 50 concurrent kiosks, 0 errors, 0 overbooked slots.
Clients run with retries=0, so every failure is counted, not hidden by a retry.

Client-side latency is what a kiosk waits for; here it also includes the benchmark's own 50
client threads competing with the server for the same cores. Server-side latency (the
`ms` of the backend's `request` log lines: from the request reaching the app to the
response leaving it) is printed beside it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
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


def main(argv: list[str] | None = None) -> int:
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
    args = parser.parse_args(argv)
    warmup = args.warmup if args.warmup is not None else min(3.0, args.seconds / 4)

    with tempfile.TemporaryDirectory(prefix="backend-load-") as tmp:
        backend = start_backend(tmp)
        try:
            tally = Tally(started=time.perf_counter(), warmup_s=warmup)
            deadline = time.monotonic() + args.seconds
            threads = [
                threading.Thread(
                    target=kiosk,
                    args=(i, backend.url, backend.terminal_token, deadline, args.think, tally),
                )
                for i in range(args.kiosks)
            ]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.monotonic() - started
            over, drift = overbooked_slots(backend.database_url)
        finally:
            backend.stop()
        server = server_latencies(backend.log_text(), skip=len(tally.warmup_ms))

    lat = [ms for per_call in tally.latencies_ms.values() for ms in per_call]
    p50, p99 = percentiles(lat)
    s50, s99 = percentiles(server)
    _, w99 = percentiles(tally.warmup_ms)
    n_errors = sum(tally.failures.values())
    lo, hi = (args.think * j for j in THINK_JITTER)
    print(
        f"backend load: {args.kiosks} kiosks x {args.seconds:g} s, uvicorn on {backend.url}\n"
        f"  think time {args.think:g} s per call per kiosk (uniform {lo:g}-{hi:g} s; a senior "
        f"takes ~5 s or more per screen), starts staggered over the first {args.think:g} s"
    )
    print(
        f"  warm-up        {len(tally.warmup_ms):8d} requests in the first {warmup:g} s, "
        f"left out (their p99 {w99:.1f} ms)"
    )
    steady = max(wall - warmup, 1e-9)
    print(f"  requests       {len(lat):8d}   {len(lat) / steady:8.1f} req/s (steady state)")
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
    print(f"  overbooked     {over:8d} slots target 0           {verdict(over == 0)}")
    print(f"  counter drift  {drift:8d} slots (slot.booked vs orders holding a place)")
    print(
        f"  bookings       {tally.booked:8d}   kept {tally.kept}, "
        f"clean slot_full conflicts {tally.slot_full}"
    )
    # Latency on a shared 2-core machine depends on everyone else's work: say how busy it was.
    print(f"  machine load   {os.getloadavg()[0]:8.2f}   (1-min average, {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
