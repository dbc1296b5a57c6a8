"""The simulated kiosks of benchmarks/backend_load.py: one asyncio loop per client process,
each kiosk two coroutines with a keep-alive connection each, as a real terminal has (the
screens' API client and the fleet worker's signed channel).

The requests are the kiosk's own (kiosk/api/client.py, kiosk/fleet/channel.py: same paths,
headers and bodies), written as raw HTTP/1.1 so that a request costs the client ~0.1 ms of
CPU rather than the ~2 ms of a `requests` call: the client shares the two cores with the
server it measures. No retries: every failure is counted.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import random
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from backend.demo import DEMO_CITIZENS
from benchmarks.fleet import heartbeat, visit_events
from kiosk.fleet.channel import signature

HOT_SERVICES = 2  # kiosks share this many services so they compete for places
HOT_SLOTS = 3  # each booking picks one of this many earliest free slots (seniors choose times)
THINK_JITTER = (0.5, 1.5)  # a pause is think x uniform(*THINK_JITTER): same mean, no lockstep
KEEP_SHARE = 0.25  # a quarter of the bookings are kept, the rest cancelled
# A visit makes 7 calls with 6 pauses (end_session follows cancel_order at once).
CALLS_PER_PAUSE = 7 / 6
REPORT_EVERY_S = 30.0  # a terminal's heartbeat (and its queued usage events), kiosk/fleet/worker
TIMEOUT_S = 10.0


class Refused(Exception):
    """An answer other than the one the call expects (status, error code)."""

    def __init__(self, status: int, code: str) -> None:
        super().__init__(f"{status} {code}")
        self.status, self.code = status, code


class Connection:
    """One keep-alive HTTP/1.1 connection to the backend."""

    def __init__(self, url: str, token: str) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.fixed = f"Host: {parts.netloc}\r\nAuthorization: Bearer {token}\r\n"
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(
        self, method: str, path: str, body: dict | bytes | None = None, **headers: str
    ) -> tuple[int, object]:
        """(status, decoded JSON or None); a broken connection raises OSError."""
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        payload = body if isinstance(body, bytes) else json.dumps(body).encode() if body else b""
        lines = "".join(f"{name.replace('_', '-')}: {value}\r\n" for name, value in headers.items())
        if payload:
            lines += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
        writer.write(f"{method} {path} HTTP/1.1\r\n{self.fixed}{lines}\r\n".encode() + payload)
        try:
            status, raw, keep = await asyncio.wait_for(self._response(reader), TIMEOUT_S)
        except BaseException:
            self.close()
            raise
        if not keep:
            self.close()
        return status, json.loads(raw) if raw else None

    @staticmethod
    async def _response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
        status_line = await reader.readuntil(b"\r\n")
        length, keep = 0, True
        while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                keep = False
        return int(status_line.split()[1]), await reader.readexactly(length), keep

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


@dataclass
class Tally:
    """One client process's figures (its loop is single-threaded: no lock)."""

    started: float  # perf_counter() at the start of the run
    warmup_s: float  # requests started before started + warmup_s are counted apart
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    warmup_ms: list[float] = field(default_factory=list)
    failures: Counter = field(default_factory=Counter)
    slot_full: int = 0
    booked: int = 0
    kept: int = 0
    cpu_s: float = 0.0  # this client process's CPU time for the run

    async def timed(self, name: str, expect: int, call) -> object:
        """Await call() -> (status, body); the body if status is `expect`, else Refused."""
        started = time.perf_counter()
        try:
            status, body = await call
        except (OSError, asyncio.IncompleteReadError, TimeoutError) as exc:
            self.failures[f"{name}: {type(exc).__name__}"] += 1
            raise Refused(0, type(exc).__name__) from None
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            if started - self.started < self.warmup_s:
                self.warmup_ms.append(elapsed)
            else:
                self.latencies_ms[name].append(elapsed)
        if status == expect:
            return body
        code = (body or {}).get("errors", [{}])[0].get("code", "") if isinstance(body, dict) else ""
        if code == "slot_full":  # a clean refusal under contention is the right answer
            self.slot_full += 1
        else:
            self.failures[f"{name}: {status} {code}"] += 1
        raise Refused(status, code)


class RunOver(Exception):
    """The run's time is up: the kiosk stops where it is (not in a rush through its visit)."""


async def nap(seconds: float, deadline: float) -> None:
    """Sleep, or raise RunOver at the end of the run."""
    if time.monotonic() + seconds >= deadline:
        await asyncio.sleep(max(0.0, deadline - time.monotonic()))
        raise RunOver
    await asyncio.sleep(seconds)


def _free_slots(slots: dict) -> list[dict]:
    now = dt.datetime.now(dt.UTC)
    return [
        s
        for s in slots["items"]
        if s["available"] > 0 and dt.datetime.fromisoformat(s["start"]) > now
    ]


async def _book_and_maybe_cancel(http, session, index, rng, pause, tally) -> None:
    """services -> slots -> book -> cancel (a KEEP_SHARE of the bookings are kept)."""
    services = await tally.timed(
        "services", 200, http.request("GET", "/api/v1/services", **session)
    )
    code = services["items"][index % min(HOT_SERVICES, len(services["items"]))]["code"]
    await pause()
    path = f"/api/v1/services/{code}/slots?from={dt.date.today().isoformat()}&days=14"
    free = _free_slots(await tally.timed("slots", 200, http.request("GET", path)))
    await pause()
    if not free:
        return
    body = {"slot_id": rng.choice(free[:HOT_SLOTS])["id"], "booked_by": "self",
            "volunteer_id": None, "channel": "kiosk"}  # fmt: skip
    key = {"Idempotency_Key": uuid.uuid4().hex}
    order = await tally.timed(
        "create_order", 201, http.request("POST", "/api/v1/orders", body, **session, **key)
    )
    tally.booked += 1
    await pause()
    if rng.random() < KEEP_SHARE:
        tally.kept += 1
        return
    path = f"/api/v1/orders/{order['number']}/cancel"
    key = {"Idempotency_Key": uuid.uuid4().hex}
    await tally.timed(
        "cancel_order", 200, http.request("POST", path, {"reason": None}, **session, **key)
    )


async def kiosk(index: int, url: str, token: str, deadline: float, think: float, tally: Tally):
    """A senior's visit after another: identify -> applications -> book -> end."""
    citizen = DEMO_CITIZENS[index % len(DEMO_CITIZENS)]
    rng = random.Random(index)  # deterministic per kiosk, independent between kiosks

    async def pause() -> None:
        await nap(think * rng.uniform(*THINK_JITTER), deadline)

    await nap(think * rng.random(), deadline)  # kiosks come in one by one, not all at t=0
    http = Connection(url, token)
    while True:  # until nap() says the run is over
        session = {}
        try:
            who = {"id_number": citizen.id_number, "phone_last4": citizen.phone[-4:]}
            opened = await tally.timed(
                "identify", 201, http.request("POST", "/api/v1/identity/lookup", who)
            )
            session = {"X_Citizen_Session": opened["session_token"]}
            await pause()
            await tally.timed(
                "applications", 200, http.request("GET", "/api/v1/applications", **session)
            )
            await pause()
            await _book_and_maybe_cancel(http, session, index, rng, pause, tally)
        except Refused:
            pass  # already counted; the next visit starts with a fresh identification
        if session:
            with contextlib.suppress(Refused):
                await tally.timed(
                    "end_session", 204, http.request("DELETE", "/api/v1/session", **session)
                )
        await pause()


async def terminal_reports(index: int, url: str, token: str, deadline: float, tally: Tally):
    """The terminal's fleet worker: a signed heartbeat, then its queued usage events."""
    rng, http, started = random.Random(-index - 1), Connection(url, token), time.time()
    await nap(REPORT_EVERY_S * rng.random(), deadline)
    while True:  # until nap() says the run is over
        for name, path, document in (
            ("heartbeat", "/api/v1/ops/heartbeat", heartbeat(rng, started)),
            ("events", "/api/v1/ops/events", {"batch_id": uuid.uuid4().hex, "events": visit_events(rng)}),
        ):  # fmt: skip
            body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
            with contextlib.suppress(Refused):
                await tally.timed(name, 200, http.request(
                    "POST", path, body, X_Kiosk_Signature=signature(token, body)))  # fmt: skip
        await nap(REPORT_EVERY_S, deadline)


async def _until_over(loop) -> None:
    with contextlib.suppress(RunOver):
        await loop


def client_process(indices: list[int], url: str, tokens: list[str], deadline: float, args):
    """One client process: all its kiosks on one event loop; the tally with its CPU time."""
    tally = Tally(started=args.started, warmup_s=args.warmup_used)
    cpu_before = os.times()

    async def everything() -> None:
        tasks = [kiosk(i, url, tokens[i], deadline, args.think, tally) for i in indices]
        if args.reports:
            tasks += [terminal_reports(i, url, tokens[i], deadline, tally) for i in indices]
        await asyncio.gather(*map(_until_over, tasks))

    asyncio.run(everything())
    cpu_after = os.times()
    tally.cpu_s = (cpu_after.user - cpu_before.user) + (cpu_after.system - cpu_before.system)
    return tally
