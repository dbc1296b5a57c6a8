"""Offline, what can wait (issue 15): the network is cut in the middle of a visit (the loopback
proxy stops carrying anything), the senior leaves a callback request from 网络暂时不通 and a
reschedule request from 我的预约; each receipt says — on screen and on the printed slip
(the PDF printer boundary, read back with pdftotext) — that it is sent by itself and void
after 24 h. The outbox file holds none of the senior's identifiers. When the network is back
the first replay's answer is lost on the way, yet the server holds exactly one of each.
Screens audited and photographed at 标准 and 特大, portrait and landscape."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from backend.models import IdempotencyRecord
from backend.ops.models import DeferredRequest
from kiosk.booking import wording
from kiosk.fleet.agent import OUTBOX_FILE, FleetAgent
from kiosk.fleet.service import FleetService
from kiosk.fleet.waiting import WORD_JOINER
from kiosk.tour import settle
from tests.api.drop_proxy import DropProxy
from tests.booking.test_booking import _identify
from tests.fixtures.audit import audit
from tests.fixtures.kiosk import demo_citizens, make_config
from tests.fixtures.qml_tools import Tapper, answered, find, wait_until

pytestmark = pytest.mark.slow
SHOTS = Path("tour")  # screenshots to look at (not committed)
ME = 0  # has a booking 待派单 that may be moved


def server_side(database_url: str) -> tuple[dict[str, int], dict[str, int]]:
    """Requests stored per kind; idempotency records per key."""
    engine = create_engine(database_url)
    with Session(engine) as db:
        kinds = dict(db.execute(select(DeferredRequest.kind, func.count())
                                .group_by(DeferredRequest.kind)).all())  # fmt: skip
        keys = dict(db.execute(select(IdempotencyRecord.key, func.count())
                               .group_by(IdempotencyRecord.key)).all())  # fmt: skip
    engine.dispose()
    return kinds, keys


def look_at(kiosk, name: str) -> list[str]:
    """Audit and photograph the screen shown at 标准 and 特大, portrait and landscape."""
    problems = []
    for orientation in ("portrait", "landscape"):
        kiosk.set_orientation(orientation)
        for large in (False, True):
            kiosk.preferences.setLargeText(large)
            settle(40)
            problems += [f"{name} {orientation} {large}: {p}" for p in audit(kiosk)]
            kiosk.window.grabWindow().save(str(SHOTS / f"{name}-{orientation}-{large}.png"))
    kiosk.set_orientation("portrait")
    kiosk.preferences.setLargeText(False)
    settle(40)
    return problems


def printed_text(kiosk, tapper, pdf_dir: Path) -> str:
    before = set(pdf_dir.glob("*.pdf")) if pdf_dir.exists() else set()
    tapper.tap("waitingPrint")
    assert wait_until(lambda: kiosk.waiting.printText.startswith("凭条已打印"), 30)
    (new,) = set(pdf_dir.glob("*.pdf")) - before
    text = subprocess.run(["pdftotext", str(new), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    return flat(text)


def flat(text: str) -> str:
    """The slip wraps lines anywhere, its font names some glyphs as Kangxi radicals (⽉), and
    the screen keeps a date on one line with word joiners."""
    return "".join(unicodedata.normalize("NFKC", text.replace(WORD_JOINER, "")).split())


def leave_reschedule_request(kiosk, tapper, number: str, pdf_dir: Path) -> list[str]:
    """改约 with the network cut: the free times cannot load, a reschedule request is offered."""
    tapper.tap("orderReschedule")
    answered(kiosk)
    assert kiosk.navigator.current == "offline_request", "offered, not 网络暂时不通 alone"
    shown = wording.order_number(number)
    assert shown in find(kiosk, "waitingOffer").property("text")
    problems = look_at(kiosk, "offline-request-reschedule")
    tapper.tap("waitingSave")
    assert kiosk.navigator.current == "offline_saved"
    assert find(kiosk, "waitingSaved").property("text") == f"预约 {shown} 的改约申请已保存，待提交"
    problems += look_at(kiosk, "offline-saved-reschedule")
    slip = printed_text(kiosk, tapper, pdf_dir)
    assert flat(shown) in slip and flat(find(kiosk, "waitingNext").property("text")) in slip
    tapper.tap("waitingFinish")
    return problems


def help_offers_a_callback(kiosk, tapper) -> list[str]:
    """呼叫帮助 offline: phone help, and the callback request (not screen sharing)."""
    kiosk.navigator.go("help")
    answered(kiosk)  # no help code: phone only
    assert not find(kiosk, "helpShareScreen", visible=False).isVisible()
    problems = look_at(kiosk, "help-offline")
    tapper.tap("helpCallback")
    assert kiosk.navigator.current == "offline_request"
    tapper.tap("waitingNo")
    assert kiosk.navigator.current == "help" and kiosk.waiting.state != kiosk.waiting.State.SAVED
    return problems


def test_cut_mid_visit_callback_and_reschedule_wait_then_replay_once(
    kiosk_factory, fresh_backend, tmp_path
):
    backend = fresh_backend
    proxy = DropProxy(backend.url, "POST /api/v1/ops/outbox/requests ")

    class Via:  # the backend as the kiosk sees it: through the proxy
        url, terminal_token = proxy.url, backend.terminal_token

    pdf_dir = tmp_path / "slips"
    kiosk = kiosk_factory(Via, config=make_config(devices={"printer": f"pdf:{pdf_dir}"}))
    agent = FleetAgent(kiosk.config, url=proxy.url, token=backend.terminal_token,
                       state_dir=tmp_path / "state", run=lambda _a: "",
                       key_file=tmp_path / "keys" / "outbox.key")  # fmt: skip
    fleet = FleetService(kiosk, tmp_path / "state", agent=agent)
    fleet.start(proxy.url, backend.terminal_token, background=False)
    channel = agent.channel()
    tapper, hotline = Tapper(kiosk), kiosk.config.help.hotline
    tapper.tap("tileOrders")
    _identify(kiosk, tapper, demo_citizens()[ME])
    answered(kiosk)  # identified: the visit's deferral grant arrived
    assert kiosk.navigator.current == "orders" and kiosk.waiting.canQueue
    moving = next(o for o in kiosk.orders.listed if "reschedule" in o.actions)
    kiosk.orders.open(moving.number)  # as tapping it in the list does
    answered(kiosk)

    proxy.cut()  # the network drops mid-visit
    problems = leave_reschedule_request(kiosk, tapper, moving.number, pdf_dir)
    agent.worker.run_once(channel)  # the heartbeat gets no answer: offline
    problems += help_offers_a_callback(kiosk, tapper)
    kiosk.navigator.home()
    settle(30)
    tapper.tap("offlineNotice")
    assert find(kiosk, "offlineCallback").property("text") == "请热线给我回电"
    problems += look_at(kiosk, "offline-identified")
    tapper.tap("offlineCallback")
    assert kiosk.navigator.current == "offline_request"
    assert "不保存您的电话和身份证号" in find(kiosk, "waitingOffer").property("text")
    problems += look_at(kiosk, "offline-request-callback")
    tapper.tap("waitingSave")
    assert kiosk.navigator.current == "offline_saved" and agent.outbox.depth() == 2
    next_text = find(kiosk, "waitingNext").property("text")
    assert next_text.startswith("网络恢复后自动提交；24 小时内") and hotline in next_text
    assert "24 小时" in kiosk.speech.said[-1], "the receipt is read out"
    problems += look_at(kiosk, "offline-saved-callback")
    slip = printed_text(kiosk, tapper, pdf_dir)
    assert flat(next_text) in slip and flat("回电申请已保存") in slip
    assert not problems, "\n".join(problems)

    kiosk.session.end()  # the senior has gone
    raw = (tmp_path / "state" / OUTBOX_FILE).read_bytes()
    plain = Fernet((tmp_path / "keys" / "outbox.key").read_bytes()).decrypt(raw).decode()
    citizen = demo_citizens()[ME]
    for secret in (citizen.id_number, citizen.phone, citizen.phone_last4, citizen.name):
        assert secret.encode() not in raw and secret not in plain
    moved, called = json.loads(plain)
    assert (moved["kind"], moved["body"]) == ("reschedule", {"order_number": moving.number})
    assert (called["kind"], called["body"]) == ("callback", {})
    assert server_side(backend.database_url)[0] == {}, "nothing reached the backend"
    assert proxy.refused >= 1

    proxy.restore()  # the network is back; the first replay's answer is lost on the way
    agent.worker.run_once(channel)
    assert proxy.dropped and agent.outbox.depth() == 2, "unanswered: still queued"
    agent.worker.run_once(channel)  # the same Idempotency-Key again: the stored answer
    agent.worker.run_once(channel)  # nothing left to send
    assert agent.outbox.depth() == 0
    kinds, keys = server_side(backend.database_url)
    assert kinds == {"callback": 1, "reschedule": 1}, "one of each"
    assert keys[moved["key"]] == keys[called["key"]] == 1
    channel.close()
    proxy.close()
