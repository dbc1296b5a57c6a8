"""The signed fleet routes read their body raw (to check its signature) and parse it
themselves: the OpenAPI document still states that body, in full, for each of them."""

from __future__ import annotations

import json

from fastapi.routing import APIRoute

from backend.ops.kiosk_routes import router
from backend.ops.signing import HEADER, signed_body
from tests.backend.conftest import make_api, sqlite_copy


def _signed(route: APIRoute) -> bool:
    return any(d.call is signed_body for d in route.dependant.dependencies)


def test_every_signed_route_documents_its_body_and_signature(tmp_path):
    document = make_api(f"sqlite:///{tmp_path}/d.sqlite3").client.app.openapi()
    signed = [r for r in router.routes if isinstance(r, APIRoute) and _signed(r)]
    assert len(signed) >= 4  # heartbeat, events, setting reports, screenshots
    for route in signed:
        operation = document["paths"][route.path]["post"]
        assert [p["name"] for p in operation["parameters"] if p["in"] == "header"] == [HEADER]
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        assert operation["requestBody"]["required"] and schema["type"] == "object"
        assert schema["properties"] and schema["additionalProperties"] is False, route.path
        assert "$ref" not in json.dumps(schema), route.path  # nested models written in place


def test_a_signed_body_of_another_media_type_is_refused(seeded_template, tmp_path):
    """As documented (application/json only): a correctly signed body sent as text/plain, or
    without a Content-Type, is the documented 422, not accepted."""
    from backend.demo import DEMO_TERMINAL_TOKEN
    from kiosk.fleet.channel import signature
    from tests.backend.ops.conftest import beat

    api = make_api(sqlite_copy(seeded_template, tmp_path))
    body = json.dumps(beat()).encode()
    for media_type in ("text/plain", None, "application/json; charset=utf-8"):
        headers = {"Authorization": f"Bearer {DEMO_TERMINAL_TOKEN}",
                   "X-Kiosk-Signature": signature(DEMO_TERMINAL_TOKEN, body)}  # fmt: skip
        if media_type:
            headers["Content-Type"] = media_type
        answer = api.client.post("/api/v1/ops/heartbeat", content=body, headers=headers)
        if media_type and media_type.startswith("application/json"):
            assert answer.status_code == 200, answer.text
        else:
            assert answer.status_code == 422, (media_type, answer.text)
            assert answer.json()["errors"][0]["code"] == "validation_error"
