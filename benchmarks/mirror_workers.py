"""Mirror frame latency across workers: a kiosk publishing to one worker of `serve --workers 2
--redis-url` and a staff browser long-polling another, against one worker with the
in-process store, in the same run (alternating frames between the two servers).

    .venv/bin/python -m benchmarks.mirror_workers [--frames 40]

Each frame is timed from the kiosk starting its POST to the staff's waiting long-poll (on
the other worker) answering with the new frame_seq, plus the frame's GET: what a browser
waits for. The kiosk side and the staff side are plain HTTP clients (the browser's own
drawing is benchmarks/mirror.py's). Target (issue 14): the two-worker median within 50 ms of
the single-worker median.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import io
import statistics
import sys
import tempfile
import threading
import time

from PIL import Image

from backend.demo import DEMO_TERMINAL_TOKEN
from tests.backend.help.live_staff import LiveStaff
from tests.fixtures.backend_server import connected_to_worker, start_backend
from tests.fixtures.servers import RedisServer

TARGET_GAP_MS = 50.0
TIMEOUT = 10


def frame_bytes(n: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (540, 960), (n * 37 % 256, 90, 160)).save(out, "JPEG", quality=70)
    return out.getvalue()


class Mirror:
    """One help session on one server, kiosk and staff each on a chosen connection."""

    def __init__(self, url: str, pinned: bool) -> None:
        if pinned:
            self.kiosk, worker = connected_to_worker(url)
            staff_http, _ = connected_to_worker(url, avoid=worker)
        else:
            import requests

            self.kiosk, staff_http = requests.Session(), requests.Session()
        self.url = url
        self.kiosk.headers["Authorization"] = f"Bearer {DEMO_TERMINAL_TOKEN}"
        self.staff = LiveStaff(url, http=staff_http)
        opened = self.kiosk.post(f"{url}/api/v1/help/sessions", timeout=TIMEOUT).json()
        self.sid, self.seq = opened["id"], 0
        self.kiosk.post(f"{url}/api/v1/help/sessions/{self.sid}/consent", timeout=TIMEOUT)
        self.staff.join(opened["code"])

    def one_frame(self, jpeg: bytes) -> float:
        """Milliseconds from the kiosk's POST to the staff holding the new frame."""
        seen: dict = {}
        after = self.seq

        def wait() -> None:
            state = self.staff.state(self.sid, after=after, wait=8)
            self.staff.frame(self.sid, state["frame_seq"])
            seen["at"] = time.perf_counter()

        waiter = threading.Thread(target=wait)
        waiter.start()
        time.sleep(0.15)  # the long-poll is waiting, as the browser's always is
        started = time.perf_counter()
        body = {"screen_id": "home", "jpeg_base64": base64.b64encode(jpeg).decode()}
        self.seq = self.kiosk.post(
            f"{self.url}/api/v1/help/frames/{self.sid}", json=body, timeout=TIMEOUT
        ).json()["seq"]
        waiter.join(TIMEOUT)
        return (seen["at"] - started) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frames", type=int, default=40)
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="mirror-workers-"))
        redis = RedisServer().start()
        stack.callback(redis.stop)
        one = start_backend(f"{tmp}/one")
        stack.callback(one.stop)
        two = start_backend(f"{tmp}/two", extra_args=("--workers", "2", "--redis-url", redis.url()))
        stack.callback(two.stop)
        mirrors = {"1 worker": Mirror(one.url, False), "2 workers": Mirror(two.url, True)}
        times: dict[str, list[float]] = {name: [] for name in mirrors}
        for n in range(args.frames):
            for name, mirror in mirrors.items():  # alternate: both meet the same machine load
                times[name].append(mirror.one_frame(frame_bytes(n)))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"mirror frames across workers: {args.frames} frames each, kiosk POST -> staff has it")
    for name, values in times.items():
        p95 = statistics.quantiles(values, n=20)[-1]
        print(f"  {name:<10} median {medians[name]:7.1f} ms   p95 {p95:7.1f} ms")
    gap = medians["2 workers"] - medians["1 worker"]
    verdict = "OK" if gap <= TARGET_GAP_MS else "MISSED"
    print(f"  difference {gap:+7.1f} ms   target <= +{TARGET_GAP_MS:g} ms   {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
