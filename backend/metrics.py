"""Prometheus metrics (served at GET /metrics by backend.routes.metrics), for operators only.

Labels are route templates, methods, status codes and outcome codes: never an ID number,
a phone, a name, a token or a path with values in it. With several workers (`serve
--workers N`) each process writes its samples to PROMETHEUS_MULTIPROC_DIR, which `serve`
sets before any worker starts, and whichever worker answers /metrics adds them all up.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
# Seconds; kiosk calls should stay far below 0.1 s, long-polls take up to 25 s.
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REQUEST_SECONDS = Histogram(
    "kiosk_http_request_duration_seconds",
    "Time from a request reaching the app to its response leaving it, per route template",
    ("method", "route"),
    buckets=_BUCKETS,
    registry=None,
)
REQUESTS = Counter(
    "kiosk_http_requests_total", "Answered requests", ("method", "route", "status"), registry=None
)
BOOKINGS = Counter(
    "kiosk_bookings_total",
    "Care-order changes by outcome: booked, slot_full, cancelled, rescheduled, rated",
    ("outcome",),
    registry=None,
)
IDENTIFICATION_FAILURES = Counter(
    "kiosk_identification_failures_total",
    "Identifications refused: by id_number or card, and why (not_matched, locked, rate_limited)",
    ("method", "reason"),
    registry=None,
)
DATABASE_ERRORS = Counter(
    "kiosk_database_errors_total",
    "Database errors that reached a route (answered 500)",
    registry=None,
)
REDIS_ERRORS = Counter(
    "kiosk_redis_errors_total", "Failed Redis commands of the help store", registry=None
)
OWN_METRICS = (
    REQUEST_SECONDS,
    REQUESTS,
    BOOKINGS,
    IDENTIFICATION_FAILURES,
    DATABASE_ERRORS,
    REDIS_ERRORS,
)

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """route is a template or "unmatched", so a client cannot invent label values."""
    method = method if method in _METHODS else "other"
    REQUEST_SECONDS.labels(method, route).observe(seconds)
    REQUESTS.labels(method, route, str(status)).inc()
