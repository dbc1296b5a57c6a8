"""Releases on the backend: an operator publishes the kiosk's real wheel (built from this
checkout with another version), assigns it to a terminal or a site, the terminal finds it in
its heartbeat reply, downloads it with its token, and its reports show on /ops. Bad input —
a truncated or foreign file, a version with path characters, an unknown version or
terminal, a missing CSRF token — is refused with a clear message and nothing is lost."""

from __future__ import annotations

import hashlib

import pytest

from backend import cli as backend_cli
from backend.demo import DEMO_OTHER_TERMINAL_TOKEN
from backend.models import Terminal
from tests.backend.ops.conftest import SigningKiosk
from tests.fixtures.wheels import fake_wheel
from tests.terminal.conftest import build_wheel, shared_dir

NEW = "0.2.0"


@pytest.fixture(scope="module")
def wheel() -> bytes:
    """The project's own wheel, as version 0.2.0 (about 3 s to build)."""
    work = shared_dir("release-wheel-")
    return build_wheel(work, version=NEW).read_bytes()


def upload(operator, data: bytes, csrf: str | None = None):
    headers = {"Content-Type": "application/octet-stream", "X-CSRF-Token": csrf or operator.csrf}
    return operator.client.post("/ops/releases/upload", content=data, headers=headers)


def error_of(response) -> str:
    return response.json()["errors"][0]["message"]


def test_publish_assign_download_and_report(operator, kiosk, wheel):
    r = upload(operator, wheel)
    assert r.status_code == 200, r.text
    assert r.json() == {"version": NEW, "sha256": hashlib.sha256(wheel).hexdigest()}
    page = operator.client.get("/ops/releases").text
    assert f'data-version="{NEW}"' in page and hashlib.sha256(wheel).hexdigest() in page

    assert operator.post("/ops/releases/assign", scope="terminal", target="T-0001",
                         version=NEW).status_code == 303  # fmt: skip
    reply = kiosk.heartbeat().json()["release"]
    assert reply["version"] == NEW and reply["size"] == len(wheel)
    assert reply["sha256"] == hashlib.sha256(wheel).hexdigest()

    got = kiosk.client.get(f"/api/v1/ops/releases/{NEW}",
                           headers={"Authorization": f"Bearer {kiosk.token}"})  # fmt: skip
    assert got.status_code == 200 and got.content == wheel
    assert got.headers["X-Release-SHA256"] == reply["sha256"]
    assert kiosk.client.get(f"/api/v1/ops/releases/{NEW}").status_code == 401

    state = {"assignment_id": reply["assignment_id"], "version": NEW, "status": "installed"}
    assert kiosk.heartbeat(release=state).status_code == 200
    fleet = operator.client.get("/ops").text
    assert 'data-release="installed"' in fleet and "已装好，待空闲时切换" in fleet
    rolled = state | {"status": "rolled_back", "detail": "exited_before_start"}
    assert kiosk.heartbeat(release=rolled, version="0.1.0").status_code == 200
    terminal_page = operator.client.get("/ops/terminals/T-0001").text
    assert "新版本没能启动，已切回原版本（启动时退出：exited_before_start）" in terminal_page
    log = operator.client.get("/ops/releases").text
    assert 'data-terminal="T-0001" data-release="rolled_back"' in log
    assert "运维演示员" in log  # who assigned it (the audit log)


def test_a_site_assignment_reaches_every_terminal_there_and_the_newest_wins(
    operator, kiosk, wheel, api
):
    assert upload(operator, wheel).status_code == 200
    with api.app.state.ctx.db.session(write=False) as db:
        site_name = db.get(Terminal, "T-0002").site
    operator.post("/ops/releases/assign", scope="site", target=site_name, version=NEW)
    other_kiosk = SigningKiosk(kiosk.client, DEMO_OTHER_TERMINAL_TOKEN)
    first = other_kiosk.heartbeat().json()["release"]
    assert first["version"] == NEW
    operator.post("/ops/releases/assign", scope="terminal", target="T-0002", version=NEW)
    assert other_kiosk.heartbeat().json()["release"]["assignment_id"] > first["assignment_id"]
    # A report on the older assignment, or one for another terminal's, is not recorded.
    stale = {"assignment_id": first["assignment_id"], "version": NEW, "status": "switched"}
    assert kiosk.heartbeat(release=stale).status_code == 200  # same site: it was aimed at it
    wrong = {"assignment_id": 10_000, "version": NEW, "status": "switched"}
    assert kiosk.heartbeat(release=wrong).status_code == 200
    assert 'data-terminal="T-0002" data-release' not in operator.client.get("/ops/releases").text


BAD_UPLOADS = [
    (b"", "文件是空的"),
    (b"PK\x03\x04 not really a zip", "不是完整的 zip 文件"),
    ("truncated", "不是完整的 zip 文件"),
    (fake_wheel("other-tool", "1.0"), "是 other-tool 的安装包，不是 civic-kiosk"),
    (fake_wheel("civic-kiosk", "../../etc"), "版本号不合规"),
    (fake_wheel("civic-kiosk", "1..2"), "版本号不合规"),
    (fake_wheel("civic-kiosk", "0.3.0", with_kiosk=False), "没有 kiosk 程序"),
]


@pytest.mark.parametrize(("data", "message"), BAD_UPLOADS)
def test_a_bad_upload_is_refused_and_publishes_nothing(operator, wheel, data, message):
    if data == "truncated":
        data = wheel[: len(wheel) // 2]
    r = upload(operator, data)
    assert r.status_code == 422 and message in error_of(r)
    assert "还没有发布过版本" in operator.client.get("/ops/releases").text


def test_a_version_is_published_once_and_never_replaced(operator, wheel):
    assert upload(operator, wheel).status_code == 200
    again = upload(operator, wheel[:-1] + b"\0")  # other bytes, same version
    assert again.status_code in (409, 422)
    r = upload(operator, wheel)
    assert r.status_code == 409 and "已经发布过" in error_of(r)
    assert hashlib.sha256(wheel).hexdigest() in operator.client.get("/ops/releases").text


def test_upload_needs_the_operator_and_the_csrf_token(operator, api, wheel):
    assert upload(operator, wheel, csrf="forged").status_code == 403
    anonymous = api.client.post("/ops/releases/upload", content=wheel)
    assert anonymous.status_code == 401
    assert "还没有发布过版本" in operator.client.get("/ops/releases").text


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"scope": "terminal", "target": "T-0001", "version": "9.9.9"}, "没有发布过这个版本"),
        ({"scope": "terminal", "target": "T-0001", "version": "../0.2.0"}, "没有发布过这个版本"),
        ({"scope": "terminal", "target": "T-9999", "version": NEW}, "没有这台终端"),
        ({"scope": "site", "target": "无此站点", "version": NEW}, "没有这个站点"),
        ({"scope": "city", "target": "T-0001", "version": NEW}, "范围只能是终端或站点"),
    ],
)
def test_a_bad_assignment_is_refused_with_a_clear_message(operator, kiosk, wheel, form, message):
    assert upload(operator, wheel).status_code == 200
    r = operator.post("/ops/releases/assign", **form)
    assert r.status_code == 422 and message in r.text
    assert kiosk.heartbeat().json()["release"] is None
    assert operator.post("/ops/releases/assign", **form | {"csrf_token": "x"}).status_code == 303


def test_download_refuses_unknown_and_path_like_versions(kiosk):
    auth = {"Authorization": f"Bearer {kiosk.token}"}
    for version in ("9.9.9", "..", "%2e%2e", "a..b", "-x"):
        r = kiosk.client.get(f"/api/v1/ops/releases/{version}", headers=auth)
        assert r.status_code == 404, (version, r.status_code)


def test_a_bad_release_report_is_refused(kiosk):
    for bad in (
        {"assignment_id": 1, "version": "../x", "status": "switched"},
        {"assignment_id": 1, "version": "0.2.0", "status": "exploded"},
        {"assignment_id": 0, "version": "0.2.0", "status": "switched"},
        {"assignment_id": 1, "version": "0.2.0", "status": "switched", "detail": "Traceback!"},
    ):
        r = kiosk.heartbeat(release=bad)
        assert r.status_code == 422 and r.json()["errors"][0]["code"] == "validation_error"


def test_publish_from_the_command_line(operator, wheel, database_url, tmp_path, capsys):
    """`kiosk-backend releases publish`: the same checks as the upload, one line each."""
    path = tmp_path / "civic_kiosk-0.2.0-py3-none-any.whl"
    path.write_bytes(wheel)
    publish = ["releases", "publish", "--database-url", database_url]
    assert backend_cli.main([*publish, str(path)]) == 0
    assert f"published {NEW} sha256={hashlib.sha256(wheel).hexdigest()}" in capsys.readouterr().out
    assert f'data-version="{NEW}"' in operator.client.get("/ops/releases").text
    assert backend_cli.main([*publish, str(path)]) == 2
    assert "not published: 版本 0.2.0 已经发布过" in capsys.readouterr().err
    path.write_bytes(wheel[:1000])
    assert backend_cli.main([*publish, str(path)]) == 2
    assert "不是完整的 zip 文件" in capsys.readouterr().err
    assert backend_cli.main([*publish, str(tmp_path / "missing.whl")]) == 2
    assert "cannot read" in capsys.readouterr().err
