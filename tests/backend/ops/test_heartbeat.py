"""Heartbeats: signed, strict, nothing personal; online / degraded / offline on the console."""

from __future__ import annotations

import json
import time

import pytest

from tests.backend.ops.conftest import beat


def test_a_healthy_heartbeat_is_online_and_hands_over_no_work(kiosk):
    r = kiosk.heartbeat()
    assert r.status_code == 200, r.text
    assert r.json() == {
        "status": "online",
        "problems": [],
        "next_in_s": 30,
        "setting": None,
        "screenshot": None,
        "release": None,
    }


def test_paper_out_makes_the_terminal_degraded(kiosk, operator):
    peripherals = beat()["peripherals"] | {"printer": {"state": "paper_out", "code": "media-empty"}}
    r = kiosk.heartbeat(peripherals=peripherals)
    assert r.json()["status"] == "degraded"
    assert r.json()["problems"] == ["printer:paper_out"]
    page = operator.client.get("/ops/terminals/T-0001").text
    assert "打印机" in page and "缺纸 (media-empty)" in page
    assert 'data-terminal="T-0001" data-status="degraded"' in operator.client.get("/ops").text


@pytest.mark.parametrize(
    "sign_with, stamp",
    [("another-token", None), (None, time.time() - 1000)],
    ids=["wrong key", "stale"],
)
def test_a_bad_or_stale_signature_is_refused(kiosk, sign_with, stamp):
    r = kiosk.post("/heartbeat", beat(), sign_with=sign_with, stamp=stamp)
    assert r.status_code == 401
    assert r.json()["errors"][0]["code"] == "bad_signature"


def test_an_altered_body_fails_its_signature(kiosk):
    body = json.dumps(beat()).encode()
    signed = kiosk.post("/heartbeat", body)
    assert signed.status_code == 200
    headers = {
        "Authorization": f"Bearer {kiosk.token}",
        "Content-Type": "application/json",
        "X-Kiosk-Signature": signed.request.headers["X-Kiosk-Signature"],
    }
    altered = body.replace(b'"uptime_s": 3600', b'"uptime_s": 3601')
    r = kiosk.client.post("/api/v1/ops/heartbeat", content=altered, headers=headers)
    assert r.status_code == 401


@pytest.mark.parametrize(
    "changes",
    [
        {"error_codes": ["id110105194912310021"]},  # an ID number in an error code
        {"error_codes": ["call_13800138000"]},  # a phone number
        {"version": "张演华"},  # a name
        {"peripherals": beat()["peripherals"] | {"printer": {"state": "ok", "code": "王"}}},
    ],
    ids=["id number", "phone", "name", "name in a device code"],
)
def test_anything_that_looks_personal_is_refused_and_not_stored(kiosk, operator, changes):
    r = kiosk.heartbeat(**changes)
    assert r.status_code == 422
    assert r.json()["errors"][0]["code"] == "personal_data_refused"
    assert "从未" in operator.client.get("/ops").text  # nothing recorded for the terminal


@pytest.mark.parametrize(
    "changes",
    [
        {"uptime_s": "3600"},  # a string is not a number
        {"outbox_depth": True},  # a boolean is not a number
        {"disk_free_mb": 10**12},
        {"citizen": "x"},  # an unknown field
        {"peripherals": {"printer": {"state": "ok"}}},  # a device missing
        {"peripherals": beat()["peripherals"] | {"printer": {"state": "on fire"}}},
    ],
)
def test_strict_validation(kiosk, changes):
    r = kiosk.heartbeat(**changes)
    assert r.status_code == 422
    assert r.json()["errors"][0]["code"] == "validation_error"


def test_offline_after_three_missed_heartbeats(api, kiosk, operator):
    kiosk.heartbeat()
    api.clock.advance(seconds=89)
    assert 'data-status="online"' in operator.client.get("/ops").text
    api.clock.advance(seconds=2)  # 91 s: the third beat is overdue
    assert 'data-terminal="T-0001" data-status="offline"' in operator.client.get("/ops").text
    kiosk.heartbeat()
    assert 'data-terminal="T-0001" data-status="online"' in operator.client.get("/ops").text


def test_version_drift_and_site_filter(api, kiosk, operator):
    from backend.demo import DEMO_OTHER_TERMINAL_TOKEN
    from tests.backend.ops.conftest import SigningKiosk

    kiosk.heartbeat(version="0.2.0")
    SigningKiosk(api.client, DEMO_OTHER_TERMINAL_TOKEN).heartbeat(version="0.2.0")
    page = operator.client.get("/ops").text
    assert "版本不同" not in page
    kiosk.heartbeat(version="0.1.9")
    page = operator.client.get("/ops").text
    assert page.count("（版本不同）") == 1  # a tie: the first seen is the usual one
    only = operator.client.get("/ops", params={"site": "演示市幸福区样例街道服务站"}).text
    assert 'data-terminal="T-0002"' in only and 'data-terminal="T-0001"' not in only


def test_history_keeps_changes_not_every_beat(kiosk, operator):
    for _ in range(3):
        kiosk.heartbeat()
    kiosk.heartbeat(error_codes=["network_timeout"])
    kiosk.heartbeat()
    page = operator.client.get("/ops/terminals/T-0001").text
    history = page.split('id="history"')[1]
    assert history.count("<tr>") == 1 + 3  # header + first, the error, back to none
