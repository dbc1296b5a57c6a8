"""/metrics: Prometheus text behind the metrics token, with per-route latency histograms and
the counters operators watch, and nothing about any citizen."""

from __future__ import annotations

import pytest
from prometheus_client.parser import text_string_to_metric_families

from backend.demo import DEMO_CITIZENS

TOKEN = "metrics-token-for-tests"


@pytest.fixture
def monitored(api_factory):
    return api_factory(metrics_token=TOKEN)


def scrape(api) -> dict[tuple, float]:
    r = api.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(r.text)
        for s in family.samples
    }


def test_metrics_are_off_without_a_token_and_refused_with_a_wrong_one(api, monitored):
    assert api.get("/metrics").status_code == 404
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": f"Basic {TOKEN}"}):
        r = monitored.get("/metrics", headers=headers)
        assert r.status_code == 401 and r.json()["errors"][0]["code"] == "unauthorized"


def test_latency_bookings_failures_and_live_help_sessions_are_counted(monitored):
    before = scrape(monitored)
    c = DEMO_CITIZENS[3]
    wrong = monitored.post(
        "/api/v1/identity/lookup",
        headers=monitored.terminal_headers(),
        json={"id_number": c.id_number, "phone_last4": "0000"},
    )
    assert wrong.status_code == 401
    headers = monitored.identify(3)
    slots = monitored.get("/api/v1/services/meal/slots", headers=headers).json()["items"]
    slot = next(s for s in slots if s["available"])
    assert monitored.post(
        "/api/v1/orders", headers=headers, json={"slot_id": slot["id"]}
    ).is_success
    assert monitored.post("/api/v1/help/sessions", headers=monitored.terminal_headers()).is_success
    after = scrape(monitored)

    def grew(name: str, **labels) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0) - before.get(key, 0)

    lookup = {"method": "POST", "route": "/api/v1/identity/lookup"}
    assert grew("kiosk_http_request_duration_seconds_count", **lookup) == 2
    assert grew("kiosk_http_request_duration_seconds_bucket", **lookup, le="+Inf") == 2
    assert grew("kiosk_http_requests_total", **lookup, status="401") == 1
    assert grew("kiosk_identification_failures_total", method="id_number", reason="not_matched")
    assert grew("kiosk_bookings_total", outcome="booked") == 1
    assert after[("kiosk_help_sessions_live", ())] == 1
    assert ("kiosk_database_errors_total", ()) in after and (
        "kiosk_redis_errors_total",
        (),
    ) in after


def test_nothing_personal_and_no_client_invented_labels(monitored):
    c = DEMO_CITIZENS[0]
    headers = monitored.identify(0)
    monitored.get(f"/api/v1/orders/{c.id_number}", headers=headers)  # a value in a path
    monitored.client.request("BREW", "/api/v1/health")  # an invented method
    text = monitored.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).text
    # Names and labels only: a sample's value (a latency sum such as 0.05678…) may hold any
    # digits, and the last four of a phone are just four digits.
    labels = "\n".join(line.rpartition(" ")[0] for line in text.splitlines())
    for secret in (c.id_number, c.phone, c.phone_last4, c.name, headers["X-Citizen-Session"]):
        assert secret not in labels
    assert c.id_number not in text and c.name not in text
    assert 'route="/api/v1/orders/{number}"' in text and "BREW" not in text
