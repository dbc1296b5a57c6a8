"""The committed OpenAPI document matches what the server serves."""

from __future__ import annotations

import json
from pathlib import Path

from backend.cli import openapi_json

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
FIX = "regenerate it: .venv/bin/python -m backend.cli openapi > docs/openapi.json"


def test_committed_openapi_matches_the_code():
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == json.loads(openapi_json()), FIX


def test_served_openapi_is_the_same_document(api):
    served = api.get("/openapi.json").json()
    assert served == json.loads(COMMITTED.read_text(encoding="utf-8")), FIX


def test_contract_routes_are_documented():
    paths = json.loads(COMMITTED.read_text(encoding="utf-8"))["paths"]
    expected = {
        ("get", "/api/v1/health"),
        ("get", "/api/v1/terminal"),
        ("post", "/api/v1/identity/lookup"),
        ("post", "/api/v1/identity/card"),
        ("delete", "/api/v1/session"),
        ("get", "/api/v1/me"),
        ("get", "/api/v1/applications"),
        ("get", "/api/v1/applications/{number}"),
        ("get", "/api/v1/services"),
        ("get", "/api/v1/services/{code}/slots"),
        ("post", "/api/v1/orders"),
        ("get", "/api/v1/orders"),
        ("get", "/api/v1/orders/{number}"),
        ("get", "/api/v1/orders/{number}/history"),
        ("post", "/api/v1/orders/{number}/cancel"),
        ("post", "/api/v1/orders/{number}/reschedule"),
        ("post", "/api/v1/orders/{number}/rating"),
        ("post", "/api/v1/demo/orders/{number}/advance"),
        ("post", "/api/v1/benefits/screening"),
        ("get", "/api/v1/benefits/hint"),
    }
    documented = {(method, path) for path, ops in paths.items() for method in ops}
    assert expected <= documented
    error = paths["/api/v1/orders"]["post"]["responses"]["409"]["content"]["application/json"][
        "schema"
    ]
    assert error == {"$ref": "#/components/schemas/ErrorBody"}
