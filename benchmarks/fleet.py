"""Fleet load: N terminals' heartbeats and usage events on the real backend (uvicorn on
loopback, seeded SQLite; or the city backend: PostgreSQL, Redis and several workers, all
started by the benchmark), through the kiosk's own signed channel (kiosk.fleet.channel).

Each terminal sends a heartbeat and then a batch of usage events (one short visit, up to
21 events) every `--interval` seconds (30, as a terminal does), starting at a random moment
within the first interval: 500 terminals offer ~33 requests/s. `--interval 5` is a stress
mode (six times denser than real). Worker threads each serve a share of the terminals (one
requests session per terminal). The first round (every terminal's first contact: its token
looked up, its state row created) is left out of the figures and reported on its own.

    .venv/bin/python -m benchmarks.fleet --terminals 500 --seconds 90
    .venv/bin/python -m benchmarks.fleet --database postgresql --redis --workers 4

Target (issue 15): p99 <= 100 ms for heartbeats and event batches at 500 terminals, 0 errors.
Also timed: the /ops list of all terminals, as an operator opens it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict

import requests

from backend.ops.demo import DEMO_OPERATOR
from benchmarks.city_backend import add_terminals, backing_services
from benchmarks.figures import percentiles, server_latencies, verdict
from kiosk.api import errors
from kiosk.fleet.channel import FleetChannel
from tests.fixtures.backend_server import start_backend

TARGET_P99_MS = 100.0
CST = dt.timezone(dt.timedelta(hours=8))
OK = {"state": "ok"}
DEVICES = ("printer", "card_reader", "microphone", "voice_model", "speech_engine")


def heartbeat(rng: random.Random, started: float) -> dict:
    peripherals = dict.fromkeys(DEVICES, OK)
    if rng.random() < 0.05:
        peripherals["printer"] = {"state": "paper_out", "code": "media-empty"}
    return {"version": "0.1.0", "config_hash": "c" * 64, "uptime_s": int(time.time() - started),
            "peripherals": peripherals, "disk_free_mb": 20_000, "outbox_depth": 0,
            "error_codes": ["network_timeout"] if rng.random() < 0.1 else []}  # fmt: skip


def visit_events(rng: random.Random) -> list[dict]:
    visit = uuid.uuid4().hex[:16]
    steps = ["home", "identify", "booking", "booking_day", "booking_time", "booking_summary",
             "booking_receipt"][: rng.randint(1, 7)]  # fmt: skip
    now = dt.datetime.now(CST)
    out = []
    for screen in steps:
        task = "" if screen == "home" else "booking"
        base = {"at": now.isoformat(), "visit": visit, "screen": screen, "task": task}
        out += [base | {"kind": "screen"},
                base | {"kind": "action", "action": "next", "modality": rng.choice(["touch", "voice"])},
                base | {"kind": "dwell", "dwell_ms": rng.randint(500, 30_000)}]  # fmt: skip
    return out


class Tally:
    def __init__(self, warmup_until: float) -> None:
        self.warmup_until = warmup_until
        self.ms: dict[str, list[float]] = defaultdict(list)
        self.warmup: list[float] = []
        self.warmup_count: Counter[str] = Counter()  # per call, to cut the server log alike
        self.failures: Counter[str] = Counter()
        self.lock = threading.Lock()

    def timed(self, name: str, call, *args) -> None:
        started = time.perf_counter()
        try:
            call(*args)
        except errors.ApiError as exc:
            with self.lock:
                self.failures[f"{name}: {type(exc).__name__} {exc.code}"] += 1
            return
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            if time.monotonic() < self.warmup_until:
                self.warmup.append(elapsed)
                self.warmup_count[name] += 1
            else:
                self.ms[name].append(elapsed)


def serve(url: str, tokens: list[str], interval: float, deadline: float, tally: Tally) -> None:
    rng = random.Random(tokens[0])
    channels = [FleetChannel(url, token) for token in tokens]
    due = [time.monotonic() + rng.uniform(0, interval) for _ in tokens]
    started = time.time()
    try:
        while True:
            i = min(range(len(due)), key=due.__getitem__)
            if due[i] >= deadline:
                return
            time.sleep(max(0.0, due[i] - time.monotonic()))
            channel = channels[i]
            tally.timed("heartbeat", channel.heartbeat, heartbeat(rng, started))
            tally.timed("events", channel.send_events, uuid.uuid4().hex, visit_events(rng))
            due[i] += interval
    finally:
        for channel in channels:
            channel.close()


def console_ms(url: str) -> float:
    """The /ops list of every terminal, as an operator opens it (after signing in)."""
    browser = requests.Session()
    token = re.search(r'name="csrf_token" value="([^"]+)"', browser.get(f"{url}/ops").text)
    browser.post(f"{url}/ops/sign-in", data={"csrf_token": token.group(1),
                 "username": DEMO_OPERATOR.username, "password": DEMO_OPERATOR.password})  # fmt: skip
    started = time.perf_counter()
    page = browser.get(f"{url}/ops")
    elapsed = (time.perf_counter() - started) * 1000
    assert page.status_code == 200 and "B-0000" in page.text
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terminals", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=90.0)
    parser.add_argument(
        "--interval", type=float, default=30.0, help="seconds between rounds (a terminal: 30)"
    )
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--warmup", type=float, default=None, help="default: one interval")
    # The city backend of issue 14: e.g. --database postgresql --redis --workers 4.
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--redis", action="store_true", help="start Redis, serve --redis-url")
    parser.add_argument("--workers", type=int, default=1, help="serve --workers N (needs --redis)")
    args = parser.parse_args(argv)
    args.warmup = args.interval if args.warmup is None else args.warmup
    if args.workers > 1 and not args.redis:
        parser.error("several workers need --redis (serve refuses them without Redis)")
    extra = ("--workers", str(args.workers)) if args.workers > 1 else ()
    with backing_services(args) as (new_database, redis_url, _pids), \
            tempfile.TemporaryDirectory(prefix="fleet-load-") as tmp:  # fmt: skip
        backend = start_backend(tmp, database_url=new_database("fleet_load", tmp),
                                extra_args=extra + (("--redis-url", redis_url) if redis_url else ()))  # fmt: skip
        try:
            tokens = add_terminals(backend.database_url, args.terminals)
            tally = Tally(time.monotonic() + args.warmup)
            deadline = time.monotonic() + args.seconds
            shares = [tokens[i :: args.threads] for i in range(args.threads)]
            threads = [threading.Thread(target=serve, args=(backend.url, share, args.interval,
                                                            deadline, tally))
                       for share in shares if share]  # fmt: skip
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            list_ms = console_ms(backend.url)
        finally:
            backend.stop()
        log = backend.log_text()
    report(args, tally, log, list_ms)
    return 0


def report(args, tally: Tally, log: str, list_ms: float) -> None:
    steady = max(args.seconds - args.warmup, 1e-9)
    total = sum(len(v) for v in tally.ms.values())
    print(f"fleet load: {args.terminals} terminals x {args.seconds:g} s, a heartbeat and an "
          f"event batch every {args.interval:g} s each (real terminals: 30 s); {args.database}"
          f"{' + Redis' if args.redis else ''}, {args.workers} worker(s)")  # fmt: skip
    print(f"  requests       {total:8d}   {total / steady:8.1f} req/s (steady state)")
    print(f"  first round    {len(tally.warmup):8d}   in the first {args.warmup:g} s, left out "
          f"(p99 {percentiles(tally.warmup)[1]:.1f} ms)")  # fmt: skip
    for name, route in (("heartbeat", "/api/v1/ops/heartbeat"), ("events", "/api/v1/ops/events")):
        p50, p99 = percentiles(tally.ms[name])
        _s50, s99 = percentiles(server_latencies(log, tally.warmup_count[name], route))
        print(f"  {name:<10} n={len(tally.ms[name]):<6} p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  "
              f"target <= {TARGET_P99_MS:g} ms  {verdict(p99 <= TARGET_P99_MS)}  "
              f"(server side p99 {s99:.1f} ms)")  # fmt: skip
    failures = sum(tally.failures.values())
    print(f"  errors         {failures:8d}      target 0           {verdict(failures == 0)}")
    for name, count in tally.failures.most_common():
        print(f"    {name}: {count}")
    print(f"  /ops list      {list_ms:8.1f} ms for {args.terminals + 2} terminals (one request)")
    print(f"  machine load   {os.getloadavg()[0]:8.2f}   (1-min average, {os.cpu_count()} cores)")


if __name__ == "__main__":
    sys.exit(main())
