"""/ops sign-in (the /staff standards), remote settings and screenshots through the routes."""

from __future__ import annotations

import base64
import io

from fastapi.testclient import TestClient
from PIL import Image

from backend.help.demo import DEMO_STAFF
from tests.backend.ops.conftest import Operator


def test_sign_in_cookie_is_httponly_strict_and_scoped_to_ops(api):
    op = Operator(api.app)
    r = op.sign_in()
    assert r.status_code == 303
    cookie = r.headers["set-cookie"]
    assert "kiosk_ops=" in cookie and "HttpOnly" in cookie
    assert "SameSite=strict" in cookie and "Path=/ops" in cookie


def test_wrong_password_then_lockout(api):
    op = Operator(api.app)
    for _ in range(5):
        assert op.sign_in(password="wrong").status_code == 401
    r = op.sign_in()  # the right password, but locked for now
    assert r.status_code == 429 and "Retry-After" in r.headers


def test_a_hotline_account_cannot_sign_in_to_ops(api):
    op = Operator(api.app)
    assert op.sign_in(DEMO_STAFF.username, DEMO_STAFF.password).status_code == 401


def test_post_without_the_csrf_token_changes_nothing(api, kiosk, operator):
    operator.client.post("/ops/settings", data={"scope": "terminal", "target": "T-0001",
                         "key": "speech.volume_step", "value": "4"})  # fmt: skip
    assert kiosk.heartbeat().json()["setting"] is None


def test_a_setting_reaches_its_terminal_then_its_report_shows(kiosk, operator):
    r = operator.post("/ops/settings", scope="terminal", target="T-0001",
                      key="speech.volume_step", value="9")  # fmt: skip
    assert r.status_code == 303
    setting = kiosk.heartbeat().json()["setting"]
    assert setting["values"] == {"speech.volume_step": 9}
    report = {"status": "refused", "detail": "speech.volume_step: 9 is outside 0..5"}
    assert kiosk.post(f"/settings/{setting['change_id']}/report", report).status_code == 200
    assert kiosk.heartbeat().json()["setting"] is None
    page = operator.client.get("/ops/terminals/T-0001").text
    assert 'data-result="refused"' in page and "9 is outside 0..5" in page


def test_a_site_setting_reaches_every_terminal_of_the_site(api, kiosk, operator):
    from backend.demo import DEMO_OTHER_TERMINAL_TOKEN
    from tests.backend.ops.conftest import SigningKiosk

    operator.post("/ops/settings", scope="site", target="演示市幸福区示范社区服务中心",
                  key="recognition.enabled", value="false")  # fmt: skip
    assert kiosk.heartbeat().json()["setting"]["values"] == {"recognition.enabled": False}
    other = SigningKiosk(api.client, DEMO_OTHER_TERMINAL_TOKEN)
    assert other.heartbeat().json()["setting"] is None  # another site


def test_the_console_refuses_keys_and_types_it_does_not_allow(kiosk, operator):
    for key, value in (("backend.url", "http://evil"), ("speech.volume_step", "loud")):
        r = operator.post("/ops/settings", scope="terminal", target="T-0001", key=key, value=value)
        assert r.status_code == 422
    assert kiosk.heartbeat().json()["setting"] is None


def jpeg() -> str:
    out = io.BytesIO()
    Image.new("RGB", (54, 96), "blue").save(out, "JPEG")
    return base64.b64encode(out.getvalue()).decode()


def test_a_screenshot_is_asked_for_and_shown_masked(api, kiosk, operator):
    assert operator.post("/ops/terminals/T-0001/screenshot").status_code == 303
    shot = kiosk.heartbeat().json()["screenshot"]
    unmasked = {"jpeg_base64": jpeg(), "identified": True, "masked": False}
    r = kiosk.post(f"/screenshots/{shot['id']}", unmasked)
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "unmasked_refused"
    masked = {"jpeg_base64": jpeg(), "identified": True, "masked": True}
    assert kiosk.post(f"/screenshots/{shot['id']}", masked).status_code == 200
    page = operator.client.get("/ops/terminals/T-0001").text
    assert f'src="/ops/screenshots/{shot["id"]}.jpg"' in page
    image = operator.client.get(f"/ops/screenshots/{shot['id']}.jpg")
    assert image.headers["content-type"] == "image/jpeg"
    assert TestClient(api.app).get(f"/ops/screenshots/{shot['id']}.jpg").status_code == 401
    assert kiosk.heartbeat().json()["screenshot"] is None
