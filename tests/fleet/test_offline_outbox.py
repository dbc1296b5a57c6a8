"""Offline: the network is cut in the middle of 提交评价 (the existing drop proxy loses the
answer after the backend committed it), the rating goes to the encrypted outbox, a callback
and a reschedule request join it; when the network is back each is replayed with its own
Idempotency-Key and the server holds exactly one of each. The outbox file is scanned for
the citizen's identifiers."""

from __future__ import annotations

import json

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from backend.models import IdempotencyRecord, Order
from backend.ops.models import DeferredRequest
from kiosk.fleet.agent import OUTBOX_FILE, FleetAgent
from kiosk.fleet.service import FleetService
from tests.api.drop_proxy import DropProxy
from tests.fixtures.kiosk import demo_citizens
from tests.fixtures.qml_tools import answered, find, page_to
from tests.orders.test_orders import ME, _open_orders

pytestmark = pytest.mark.slow


def server_counts(database_url: str, number: str, key: str) -> tuple[int, int, bool, dict]:
    engine = create_engine(database_url)
    with Session(engine) as db:
        records = db.scalar(select(func.count()).where(IdempotencyRecord.key == key))
        requests = db.scalar(select(func.count()).select_from(DeferredRequest))
        order = db.scalar(select(Order).where(Order.number == number))
        kinds = dict(db.execute(select(DeferredRequest.kind, func.count())
                                .group_by(DeferredRequest.kind)).all())  # fmt: skip
        rated = order.rating_score is not None
    engine.dispose()
    return records, requests, rated, kinds


def test_cut_mid_rating_queue_restore_one_replay_each(kiosk_factory, fresh_backend, tmp_path):
    client = fresh_backend  # the real server; the kiosk reaches it through the proxy
    probe = _open_orders(kiosk_factory, client)[0]
    order = next(o for o in probe.network.source.get().orders()
                 if o.status.code == "completed" and o.rating is None)  # fmt: skip
    movable = next(o for o in probe.network.source.get().orders() if "reschedule" in o.actions)
    probe.session.end()
    proxy = DropProxy(client.url, f"POST /api/v1/orders/{order.number}/rating ")

    class Via:  # the backend as the kiosk sees it: through the proxy
        url, terminal_token = proxy.url, client.terminal_token

    kiosk, tapper = _open_orders(kiosk_factory, Via)
    key_file = tmp_path / "keys" / "outbox.key"
    agent = FleetAgent(kiosk.config, url=proxy.url, token=client.terminal_token,
                       state_dir=tmp_path / "state", run=lambda _a: "", key_file=key_file)  # fmt: skip
    fleet = FleetService(kiosk, tmp_path / "state", agent=agent)
    fleet.start(proxy.url, client.terminal_token, background=False)
    fleet._session_changed()  # identified before the service was attached: ask for the grant
    answered(kiosk)

    page_to(kiosk, tapper, f"order_{order.number}")  # the screen pages the list
    tapper.tap(f"order_{order.number}")
    answered(kiosk)
    tapper.tap("orderRate")
    tapper.tap("face_5")
    tapper.tap("rateSubmit")
    answered(kiosk)  # the backend rated it, the answer was lost on the way
    assert proxy.dropped, "the network was cut mid-request"
    assert kiosk.navigator.current == "offline_saved", "the receipt: kept, void after 24 h"
    assert "评价已保存，待提交" in find(kiosk, "waitingSaved").property("text")
    assert "24 小时内" in find(kiosk, "waitingNext").property("text")
    fleet.queue_offline("callback", {}, "callback-key-0001")
    fleet.queue_offline("reschedule", {"order_number": movable.number}, "reschedule-key-0001")
    assert agent.outbox.depth() == 3
    entries = json.loads(Fernet(key_file.read_bytes()).decrypt(
        (tmp_path / "state" / OUTBOX_FILE).read_bytes()))  # fmt: skip
    rating_key = entries[0]["key"]
    assert entries[0]["kind"] == "rating" and entries[0]["body"]["score"] == 5
    assert server_counts(client.database_url, order.number, rating_key)[:2] == (1, 0)

    citizen = demo_citizens()[ME]
    raw = (tmp_path / "state" / OUTBOX_FILE).read_bytes()
    plain = Fernet(key_file.read_bytes()).decrypt(raw).decode()
    for secret in (citizen.id_number, citizen.phone, citizen.phone_last4, citizen.name):
        assert secret.encode() not in raw and secret not in plain
    assert order.number.encode() not in raw, "encrypted: not even the order number shows"
    assert not str(key_file).startswith(str(tmp_path / "state")), "the key lives elsewhere"

    kiosk.session.end()  # the senior has gone; the network comes back
    channel = agent.channel()
    for _ in range(2):  # the second round finds nothing left to send
        agent.worker.run_once(channel)
    channel.close()
    assert agent.outbox.depth() == 0
    records, requests, rated, kinds = server_counts(client.database_url, order.number, rating_key)
    assert records == 1 and rated, "the replay got the stored answer: rated once"
    assert kinds == {"callback": 1, "reschedule": 1} and requests == 2
    proxy.close()
