"""Staff sign-in, cookies and CSRF on the /staff console."""

from __future__ import annotations

from sqlalchemy import select

from backend.help.demo import DEMO_ACCOUNTS, DEMO_STAFF
from backend.help.models import StaffAccount
from tests.backend.help.conftest import Staff


def test_sign_in_sets_a_strict_http_only_session_cookie(api):
    browser = Staff(api.app)
    r = browser.sign_in()
    assert r.status_code == 303 and r.headers["location"] == "/staff"
    cookie = next(c for c in r.headers.get_list("set-cookie") if c.startswith("kiosk_staff="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/staff" in cookie
    page = browser.client.get("/staff")
    assert DEMO_STAFF.display_name in page.text and 'name="code"' in page.text
    assert page.headers["X-Frame-Options"] == "DENY" and page.headers["Cache-Control"] == "no-store"


def test_wrong_password_and_unknown_user_look_alike_and_lock(api):
    browser = Staff(api.app)
    unknown = browser.sign_in(DEMO_STAFF.__class__("nobody", "x", "x"))
    assert unknown.status_code == 401 and "用户名或密码不对" in unknown.text
    for _ in range(5):
        assert browser.sign_in(password="wrong").status_code == 401
    locked = browser.sign_in()
    assert locked.status_code == 429 and "Retry-After" in locked.headers
    assert "kiosk_staff=" not in "".join(locked.headers.get_list("set-cookie"))
    api.clock.advance(minutes=15, seconds=1)
    assert browser.sign_in().status_code == 303


def test_sign_in_form_needs_its_csrf_token(api):
    browser = Staff(api.app)
    browser.client.get("/staff")
    r = browser.client.post(
        "/staff/sign-in", data={"username": DEMO_STAFF.username, "password": DEMO_STAFF.password}
    )
    assert r.status_code == 403
    assert (
        browser.client.post(
            "/staff/sign-in",
            data={
                "csrf_token": "forged",
                "username": DEMO_STAFF.username,
                "password": DEMO_STAFF.password,
            },
        ).status_code
        == 403
    )
    assert (
        browser.client.post(
            "/staff/sign-in",
            content=b"\xff\xfe",
            headers={"content-type": "application/x-www-form-urlencoded"},
        ).status_code
        == 403
    )


def test_sign_out_needs_csrf_and_ends_the_session(staff):
    assert staff.client.post("/staff/sign-out", data={}).status_code == 403
    assert staff.client.post("/staff/sign-out", data={"csrf_token": staff.csrf}).status_code == 303
    page = staff.client.get("/staff")
    assert 'action="/staff/sign-in"' in page.text


def test_old_session_cookie_is_useless_after_sign_out(api, staff, joined):
    cookie = staff.client.cookies.get("kiosk_staff")
    staff.client.post("/staff/sign-out", data={"csrf_token": staff.csrf})
    thief = Staff(api.app)
    thief.client.cookies.set("kiosk_staff", cookie, path="/staff")
    assert thief.state(joined).status_code == 401


def test_passwords_are_salted_slow_hashes(api):
    with api.app.state.ctx.db.session(write=False) as db:
        hashes = db.scalars(select(StaffAccount.password_hash)).all()
    assert len(hashes) == len(DEMO_ACCOUNTS) + 1 and all(  # and the community worker
        h.startswith("scrypt$") and DEMO_STAFF.password not in h for h in hashes
    )


def test_live_view_page_carries_session_csrf_and_hints(staff, joined):
    page = staff.client.get(f"/staff/sessions/{joined}")
    assert page.status_code == 200
    assert f'data-session="{joined}"' in page.text and f'data-csrf="{staff.csrf}"' in page.text
    assert "press_back" in page.text and "演示终端一号" in page.text
    assert staff.client.get("/staff/static/staff.js").status_code == 200
