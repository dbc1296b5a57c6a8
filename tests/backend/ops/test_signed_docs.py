"""The signed fleet routes read their body raw (to check its signature) and parse it
themselves: the OpenAPI document still states that body, in full, for each of them."""

from __future__ import annotations

import json

from fastapi.routing import APIRoute

from backend.ops.kiosk_routes import router
from backend.ops.signing import HEADER, signed_body
from tests.backend.conftest import make_api


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
