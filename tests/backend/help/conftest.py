"""Help-session route tests: the backend's in-process TestClient over a seeded database copy,
plus helpers for a kiosk (terminal token) and staff browsers (cookie jars of their own)."""

from __future__ import annotations

import base64
import io
import re

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from backend.demo import DEMO_OTHER_TERMINAL_TOKEN, DEMO_TERMINAL_TOKEN
from backend.help.demo import DEMO_OTHER_STAFF, DEMO_STAFF
from tests.backend.conftest import make_api, seeded_template, sqlite_copy  # noqa: F401
from tests.fixtures.phone_system import phone_system  # noqa: F401  (the hotline's phone system)

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def jpeg(colour: str = "red", size: tuple[int, int] = (108, 192)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=80)
    return out.getvalue()


class Kiosk:
    def __init__(self, client: TestClient, token: str = DEMO_TERMINAL_TOKEN) -> None:
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"}

    def open(self) -> dict:
        r = self.client.post("/api/v1/help/sessions", headers=self.headers)
        assert r.status_code == 201, r.text
        return r.json()

    def consent(self, session_id: str):
        return self.client.post(f"/api/v1/help/sessions/{session_id}/consent", headers=self.headers)

    def publish(self, session_id: str, frame: bytes | None = None, screen_id: str = "home"):
        body = {"screen_id": screen_id, "jpeg_base64": base64.b64encode(frame or jpeg()).decode()}
        return self.client.post(
            f"/api/v1/help/frames/{session_id}", headers=self.headers, json=body
        )

    def events(self, session_id: str, after: int = 0):
        return self.client.get(
            f"/api/v1/help/sessions/{session_id}/events",
            params={"after": after},
            headers=self.headers,
        )

    def end(self, session_id: str, reason: str = "kiosk"):
        return self.client.post(
            f"/api/v1/help/sessions/{session_id}/end", headers=self.headers, json={"reason": reason}
        )


class Staff:
    """One browser: its own cookie jar."""

    def __init__(self, app) -> None:
        self.client = TestClient(app, follow_redirects=False)
        self.csrf = ""

    def sign_in(self, who=DEMO_STAFF, password: str | None = None):
        page = self.client.get("/staff")
        token = _CSRF.search(page.text).group(1)
        r = self.client.post(
            "/staff/sign-in",
            data={
                "csrf_token": token,
                "username": who.username,
                "password": password or who.password,
            },
        )
        if r.status_code == 303:
            self.csrf = _CSRF.search(self.client.get("/staff").text).group(1)
        return r

    def join(self, code: str, csrf: str | None = None):
        data = {"code": code} if csrf == "" else {"code": code, "csrf_token": csrf or self.csrf}
        return self.client.post("/staff/join", data=data)

    def session_id(self, join_response) -> str:
        assert join_response.status_code == 303, join_response.text
        return join_response.headers["location"].rsplit("/", 1)[1]

    def state(self, session_id: str, after: int = 0):
        return self.client.get(f"/staff/api/sessions/{session_id}/state", params={"after": after})

    def frame(self, session_id: str, seq: int = 1):
        return self.client.get(f"/staff/api/sessions/{session_id}/frames/{seq}")

    def send(self, session_id: str, event: dict, csrf: str | None = None):
        headers = {} if csrf == "" else {"X-CSRF-Token": csrf or self.csrf}
        return self.client.post(
            f"/staff/api/sessions/{session_id}/events", json=event, headers=headers
        )


@pytest.fixture(params=["one_worker", "two_workers_on_redis"])
def api(request, seeded_template, tmp_path):  # noqa: F811  (the re-used fixture is a parameter)
    """One app; or two apps on the same database and one real Redis, standing for two workers:
    `api.client` (the kiosks) talks to the first, `api.app` (staff browsers) is the second."""
    url = sqlite_copy(seeded_template, tmp_path)
    if request.param == "one_worker":
        yield make_api(url)
        return
    redis_url = request.getfixturevalue("redis_server").url(2)
    kiosks, browsers = make_api(url, redis_url=redis_url), make_api(url, redis_url=redis_url)
    browsers.clock = kiosks.clock
    browsers.app.state.ctx.clock = kiosks.clock  # one clock for both, moved by the tests
    kiosks.app = browsers.app
    yield kiosks
    for app in (kiosks.client.app, browsers.app):
        app.state.help_store.close()


@pytest.fixture
def kiosk(api) -> Kiosk:
    return Kiosk(api.client)


@pytest.fixture
def other_kiosk(api) -> Kiosk:
    return Kiosk(api.client, DEMO_OTHER_TERMINAL_TOKEN)


@pytest.fixture
def staff(api) -> Staff:
    s = Staff(api.app)
    assert s.sign_in().status_code == 303
    return s


@pytest.fixture
def other_staff(api) -> Staff:
    s = Staff(api.app)
    assert s.sign_in(DEMO_OTHER_STAFF).status_code == 303
    return s


@pytest.fixture
def joined(kiosk, staff) -> str:
    """A session the kiosk opened and consented to and `staff` joined; returns its id."""
    opened = kiosk.open()
    assert kiosk.consent(opened["id"]).status_code == 200
    return staff.session_id(staff.join(opened["code"]))
