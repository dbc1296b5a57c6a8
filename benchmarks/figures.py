"""Figures shared by the backend benchmarks: percentiles, the server's own request times,
and the verdict printed beside a target."""

from __future__ import annotations

import json
import statistics


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
