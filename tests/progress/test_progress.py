"""Application progress through QML against the real backend: every stage of every type,
an unknown stage code, another citizen's number, no applications, the QR code and 打印."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import requests
from PIL import Image
from pyzbar.pyzbar import decode

from backend.stage_rules import load_rules
from civic_core import idnumber
from kiosk.api import ApiClient
from kiosk.progress.tour import identify_for_progress, walk_progress
from kiosk.progress.view_model import Progress
from kiosk.tour import settle, wait_until
from tests.fixtures.audit import audit
from tests.fixtures.kiosk import demo_citizens, make_config
from tests.fixtures.qml_tools import Tapper, answered, find, visible_texts


def _db(backend) -> sqlite3.Connection:
    return sqlite3.connect(backend.database_url.removeprefix("sqlite:///"))


def _citizen_id(db: sqlite3.Connection, citizen) -> int:
    return db.execute(
        "SELECT id FROM citizens WHERE id_number = ?", (citizen.id_number,)
    ).fetchone()[0]


def test_every_stage_of_every_type_renders_and_passes_the_audit(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    seen: set[tuple[str, str]] = set()
    problems: dict[str, list[str]] = {}

    def check(state: str) -> None:
        found = audit(kiosk)
        if found:
            problems[state] = found
        if kiosk.navigator.current != "progress_detail":
            return
        detail, texts = kiosk.progress.detail, visible_texts(kiosk)
        seen.add((detail.type.code, detail.stage.code))
        assert find(kiosk, "progressTitle").property("text") == detail.type.label
        assert detail.stage.label in texts, "the current stage shows the backend's label"
        instruction = find(kiosk, "screenInstruction").property("text")
        assert instruction == kiosk.progress.nowText
        assert f"progress.now.{detail.stage.code}" in kiosk.i18n.pack.templates, (
            "every demo stage has its sentence"
        )
        assert kiosk.speech.said[-1] == kiosk.navigator.prompt, "the sentence is spoken on entering"

    walk_progress(
        kiosk,
        check,
        lambda: answered(kiosk),
        large=False,
        citizens=demo_citizens(),
        every_stage=True,
    )
    rules = load_rules()
    assert seen == {(t, s) for t in rules.data["paths"] for s in rules.applicable_stages(t)}
    assert not problems, "\n".join(
        f"{state}:\n  " + "\n  ".join(p) for state, p in problems.items()
    )


def test_list_then_detail_by_touch_with_dates_spoken_as_words(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    tapper = Tapper(kiosk)
    tapper.tap("tileProgress")
    citizen = demo_citizens()[0]
    tapper.keys(citizen.id_number + citizen.phone_last4)
    answered(kiosk)
    tapper.tap("identifyYes")
    answered(kiosk)
    assert kiosk.navigator.current == "progress"
    publicity = next(r for r in kiosk.progress.rows if "公示" in r["hint"])
    index = kiosk.progress.rows.index(publicity)
    assert "预计" in publicity["hint"] and "月" in publicity["hint"]
    tapper.tap(f"application_{index}")
    answered(kiosk)
    assert kiosk.navigator.current == "progress_detail"
    detail = kiosk.progress.detail
    end = detail.expected_by
    shown = find(kiosk, "screenInstruction").property("text")
    assert f"{end.month}月{end.day}日" in shown and "7 天" in shown
    spoken = kiosk.speech.said[-1]
    assert "十二月" in spoken or "十一月" in spoken or "一月" in spoken
    assert f"{end.month}月{end.day}日" not in spoken, "dates are spoken as words"
    rows = kiosk.progress.timeline
    stage = Progress.Stage
    assert [r["state"] for r in rows].count(stage.CURRENT) == 1
    assert rows[0]["state"] == stage.DONE and rows[-1]["state"] == stage.LATER
    tapper.tap("navRepeat")
    assert kiosk.speech.said[-1] == spoken, "重听 repeats the sentence"
    tapper.tap("navBack")
    answered(kiosk)
    assert kiosk.navigator.current == "progress"


def test_materials_and_money_screens(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    identify_for_progress(kiosk, demo_citizens()[0], lambda: answered(kiosk))
    tapper = Tapper(kiosk)
    rows = kiosk.progress.rows
    tapper.tap(f"application_{next(i for i, r in enumerate(rows) if '待补正' in r['hint'])}")
    answered(kiosk)
    tapper.tap("progressMaterials")
    materials = kiosk.progress.detail.missing_materials
    texts = visible_texts(kiosk)
    for m in materials:
        assert m.item in texts
        assert any(m.reason in t for t in texts) and any(m.where in t for t in texts)
        assert any(f"{m.due_date.month}月{m.due_date.day}日" in t for t in texts)
    tapper.tap("navBack")
    tapper.tap("navBack")
    answered(kiosk)
    tapper.tap(
        f"application_{next(i for i, r in enumerate(kiosk.progress.rows) if '已发放' in r['hint'])}"
    )
    answered(kiosk)
    tapper.tap("progressMoney")
    detail = kiosk.progress.detail
    assert find(kiosk, "progressDecision").property("text") == detail.decision.label
    payments = kiosk.progress.payments
    assert 1 <= len(payments) <= 3
    assert all(p["status"] in ("已发放", "待发放") for p in payments)
    # Amounts only after 显示金额 (someone may stand behind the senior): not shown, not said.
    assert not kiosk.progress.amountsShown
    assert "元" not in kiosk.navigator.instruction and "元" not in kiosk.speech.said[-1]
    assert not any("元" in t for t in visible_texts(kiosk))
    tapper.tap("progressShowAmounts")
    assert kiosk.progress.amountsShown and any("元" in t for t in visible_texts(kiosk))
    assert "元" in kiosk.navigator.instruction or not detail.monthly_amount_fen
    assert "元" in kiosk.speech.said[-1] or not detail.monthly_amount_fen
    tapper.tap("navBack")
    tapper.tap("progressMoney")
    assert not kiosk.progress.amountsShown, "hidden again each time"


def test_a_stage_the_kiosk_has_never_seen_shows_the_backends_label(kiosk_factory, fresh_backend):
    citizen = demo_citizens()[0]
    with closing(_db(fresh_backend)) as db, db:
        app_id, number = db.execute(
            "SELECT id, number FROM applications WHERE citizen_id = ? AND stage_code = 'publicity'",
            (_citizen_id(db, citizen),),
        ).fetchone()
        db.execute("UPDATE applications SET stage_code = 'hearing' WHERE id = ?", (app_id,))
        db.execute(
            "UPDATE stage_events SET stage_code = 'hearing' WHERE application_id = ? AND seq = "
            "(SELECT MAX(seq) FROM stage_events WHERE application_id = ?)",
            (app_id, app_id),
        )
    kiosk = kiosk_factory(fresh_backend)
    identify_for_progress(kiosk, citizen, lambda: answered(kiosk))
    assert any("hearing" in r["hint"] for r in kiosk.progress.rows)
    kiosk.progress.choose(number)
    answered(kiosk)
    assert kiosk.navigator.current == "progress_detail"
    assert kiosk.progress.detail.stage.code == "hearing"
    assert "hearing" in visible_texts(kiosk)
    generic = kiosk.i18n.pack.templates["progress.now.generic_no_date"].format(stage="hearing")
    assert kiosk.navigator.instruction == generic


def test_another_citizens_application_is_refused_plainly(kiosk_factory, live_backend):
    other = demo_citizens()[1]
    client = ApiClient(live_backend.url, live_backend.terminal_token)
    try:
        client.identify(other.id_number, other.phone_last4)
        theirs = client.applications()[0].number
        client.end_session()
    finally:
        client.close()
    kiosk = kiosk_factory(live_backend)
    identify_for_progress(kiosk, demo_citizens()[0], lambda: answered(kiosk))
    kiosk.progress.choose(theirs)
    answered(kiosk)
    assert kiosk.navigator.current == "progress"
    assert not kiosk.network.failed
    problem = find(kiosk, "progressProblem").property("text")
    assert problem == kiosk.i18n.pack.ui["progress.not_found"]
    assert kiosk.speech.said[-1] == problem
    assert kiosk.progress.detail is None


def test_no_applications_says_so_and_leads_home(kiosk_factory, fresh_backend):
    citizen = demo_citizens()[4]
    with closing(_db(fresh_backend)) as db, db:
        ids = [
            r[0]
            for r in db.execute(
                "SELECT id FROM applications WHERE citizen_id = ?", (_citizen_id(db, citizen),)
            )
        ]
        for table in ("stage_events", "missing_materials", "payments"):
            db.executemany(f"DELETE FROM {table} WHERE application_id = ?", [(i,) for i in ids])
        db.executemany("DELETE FROM applications WHERE id = ?", [(i,) for i in ids])
    kiosk = kiosk_factory(fresh_backend)
    identify_for_progress(kiosk, citizen, lambda: answered(kiosk))
    assert find(kiosk, "progressEmpty").property("text") == kiosk.i18n.pack.ui["progress.empty"]
    assert kiosk.navigator.instruction == kiosk.i18n.pack.templates["progress.list.none"]
    assert not audit(kiosk)
    Tapper(kiosk).tap("progressHome")
    assert kiosk.navigator.current == "home"


def test_qr_code_on_the_rendered_screen_opens_the_masked_public_page(
    kiosk_factory, live_backend, tmp_path
):
    citizen = demo_citizens()[0]
    kiosk = kiosk_factory(live_backend)
    identify_for_progress(kiosk, citizen, lambda: answered(kiosk))
    tapper = Tapper(kiosk)
    tapper.tap("application_0")
    answered(kiosk)
    tapper.tap("progressQr")
    image = find(kiosk, "progressQrImage")
    assert wait_until(
        lambda: image.property("progress") == 1.0 and image.property("paintedWidth") > 0, 10
    )
    settle(30)
    assert not audit(kiosk)
    shot = tmp_path / "qr.png"
    kiosk.window.grabWindow().save(str(shot))
    codes = decode(Image.open(shot))
    assert len(codes) == 1
    url = codes[0].data.decode()
    detail = kiosk.progress.detail
    assert url == detail.public_url and url.startswith(live_backend.url + "/s/")
    page = requests.get(url, timeout=10)
    assert page.status_code == 200
    assert detail.number in page.text and detail.type.label in page.text
    assert idnumber.mask_name(citizen.name) in page.text
    assert citizen.name not in page.text and citizen.id_number not in page.text


def test_print_writes_the_slip_with_its_qr_code(kiosk_factory, live_backend, tmp_path):
    config = make_config(devices={"printer": f"pdf:{tmp_path}"})
    kiosk = kiosk_factory(live_backend, config=config)
    identify_for_progress(kiosk, demo_citizens()[0], lambda: answered(kiosk))
    tapper = Tapper(kiosk)
    tapper.tap("application_0")
    answered(kiosk)
    tapper.tap("progressQr")
    tapper.tap("progressPrint")
    assert kiosk.progress.wait_printing()
    assert wait_until(
        lambda: kiosk.progress.printText == kiosk.i18n.pack.ui["progress.print.printed"], 10
    )
    assert find(kiosk, "progressPrintStatus").property("text") == kiosk.progress.printText
    number = kiosk.progress.detail.number
    assert (tmp_path / f"receipt-{number}.pdf").stat().st_size > 1000


def test_session_end_wipes_the_applications(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    identify_for_progress(kiosk, demo_citizens()[0], lambda: answered(kiosk))
    kiosk.progress.choose(kiosk.progress.rows[0]["number"])
    answered(kiosk)
    kiosk.session.end()
    assert kiosk.progress.rows == [] and kiosk.progress.detail is None
    assert kiosk.progress.timeline == [] and kiosk.progress.qrImage == ""
