"""Usage events: batched, counted once, nothing personal; funnels, abandonment, help calls
and voice vs touch on /ops/usage match a scripted set of visits exactly."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from tests.backend.ops.conftest import event

AT = dt.datetime(2026, 11, 30, 9, 0)


def visit(key: str, screens: list[tuple[str, str]], extra: list[dict] = ()) -> list[dict]:
    at = AT
    out = []
    for screen, task in screens:
        at += dt.timedelta(seconds=5)
        out.append(event(key, "screen", at, screen=screen, task=task))
    return out + list(extra)


def scripted_visits() -> list[dict]:
    """Three bookings (one done, one left at the day, one at the summary), one progress check,
        one visit that gave up at identification; help pressed twice; 5 touch and 2 voice actions;
    three page turns on the day list, one on the services."""
    booking = [("home", ""), ("identify", "booking"), ("booking", "booking")]
    done = booking + [(s, "booking") for s in ("booking_day", "booking_time",
                                               "booking_address", "booking_summary",
                                               "booking_receipt")]  # fmt: skip
    actions = [event("aaaa0001", "action", AT, screen="home", action="home.book", modality=m)
               for m in ("touch", "touch", "touch", "voice")]  # fmt: skip
    actions += [event("aaaa0002", "action", AT, screen="booking", action="pick", modality=m)
                for m in ("touch", "touch", "voice")]  # fmt: skip
    return (
        visit("aaaa0001", done, actions)
        + visit(
            "aaaa0002",
            booking + [("booking_day", "booking")],
            [
                event("aaaa0002", "help", AT, screen="booking_day"),
                *(
                    event("aaaa0002", "page_turn", AT, screen=s, task="booking")
                    for s in ("booking", "booking_day", "booking_day", "booking_day")
                ),
                event("aaaa0002", "idle_wipe", AT, screen="booking_day"),
            ],
        )  # fmt: skip
        + visit("aaaa0003", done[:-1])
        + visit("aaaa0004", [("home", ""), ("identify", "progress"), ("progress", "progress")])
        + visit(
            "aaaa0005",
            [("home", ""), ("identify", "booking")],
            [event("aaaa0005", "help", AT, screen="identify")],
        )  # fmt: skip
    )


def numbers(page: str, table_id: str) -> list[tuple[str, str]]:
    body = page.split(f'id="{table_id}"')[1].split("</table>")[0]
    return re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td>", body)


def test_funnels_and_counts_match_the_scripted_visits(kiosk, operator):
    r = kiosk.post("/events", {"batch_id": uuid.uuid4().hex, "events": scripted_visits()})
    assert r.status_code == 200, r.text
    page = operator.client.get("/ops/usage").text
    assert '<b id="visits">5</b>' in page
    assert numbers(page, "funnel-booking-numbers") == [
        ("home", "4"), ("identify", "4"), ("booking", "3"), ("booking_day", "3"),
        ("booking_time", "2"), ("booking_summary", "2"), ("booking_receipt", "1"),
    ]  # fmt: skip
    assert numbers(page, "funnel-progress-numbers") == [
        ("home", "1"),
        ("identify", "1"),
        ("progress", "1"),
    ]
    assert sorted(numbers(page, "abandoned-numbers")) == [
        ("booking_day", "1"),
        ("booking_summary", "1"),
        ("identify", "1"),
    ]
    assert sorted(numbers(page, "help-numbers")) == [("booking_day", "1"), ("identify", "1")]
    assert numbers(page, "page-turns-numbers") == [("booking_day", "3"), ("booking", "1")]
    assert numbers(page, "modality-numbers") == [("触摸", "5"), ("语音", "2")]
    assert "触摸：71%" in page and "语音：29%" in page
    assert numbers(page, "days-numbers") == [("2026-11-30", "5")]


def test_a_batch_sent_again_is_not_counted_twice(kiosk, operator):
    batch = {"batch_id": uuid.uuid4().hex, "events": scripted_visits()}
    assert kiosk.post("/events", batch).json() == {"accepted": len(batch["events"]),
                                                  "duplicate": False}  # fmt: skip
    assert kiosk.post("/events", batch).json() == {"accepted": 0, "duplicate": True}
    assert '<b id="visits">5</b>' in operator.client.get("/ops/usage").text


def test_filters_by_terminal_and_day(kiosk, operator):
    kiosk.post("/events", {"batch_id": uuid.uuid4().hex, "events": scripted_visits()})
    other = operator.client.get("/ops/usage", params={"terminal": "T-0002"}).text
    assert '<b id="visits">0</b>' in other
    earlier = operator.client.get("/ops/usage", params={"from": "2026-11-01", "to": "2026-11-29"})
    assert '<b id="visits">0</b>' in earlier.text


def test_personal_data_in_an_event_refuses_the_whole_batch(kiosk, operator):
    events = scripted_visits() + [event("aaaa0009", "action", AT, action="n110105194912310021")]
    r = kiosk.post("/events", {"batch_id": uuid.uuid4().hex, "events": events})
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "personal_data_refused"
    assert '<b id="visits">0</b>' in operator.client.get("/ops/usage").text


def test_usage_page_needs_an_operator(api):
    from fastapi.testclient import TestClient

    r = TestClient(api.app, follow_redirects=False).get("/ops/usage")
    assert r.status_code == 303 and r.headers["location"] == "/ops"
