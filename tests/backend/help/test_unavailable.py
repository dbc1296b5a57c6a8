"""Redis out of reach: the routes that touch the live help state answer the documented 503
`help_unavailable` (never a bare 500), and the OpenAPI document says so for each of them."""

from __future__ import annotations

from fastapi.routing import APIRoute

from backend.help.kiosk_routes import get_store, router
from tests.backend.conftest import make_api, sqlite_copy
from tests.backend.help.conftest import Kiosk
from tests.fixtures.servers import RedisServer


def _uses_store(dependant) -> bool:
    return any(d.call is get_store or _uses_store(d) for d in dependant.dependencies)


def test_every_route_on_the_live_state_documents_503(seeded_template, tmp_path):
    document = make_api(sqlite_copy(seeded_template, tmp_path)).client.app.openapi()
    routes = [r for r in router.routes if isinstance(r, APIRoute) and r.include_in_schema]
    on_store = [r for r in routes if _uses_store(r.dependant)]
    assert len(on_store) >= 6  # open, heartbeat, consent, frames, events, end
    for route in on_store:
        for method in route.methods:
            responses = document["paths"][route.path][method.lower()]["responses"]
            assert "503" in responses, f"{method} {route.path}"
            assert responses["503"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorBody"
            }


def test_redis_gone_answers_help_unavailable(seeded_template, tmp_path):
    redis = RedisServer().start()
    api = make_api(sqlite_copy(seeded_template, tmp_path), redis_url=redis.url())
    kiosk = Kiosk(api.client)
    try:
        session_id = kiosk.open()["id"]
        redis.stop()
        answer = kiosk.consent(session_id)
        assert answer.status_code == 503, answer.text
        assert answer.json()["errors"][0]["code"] == "help_unavailable"
        assert kiosk.publish(session_id).status_code == 503
    finally:
        redis.stop()
        api.client.app.state.help_store.close()
