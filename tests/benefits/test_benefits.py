"""我能享受哪些补贴？ through QML against the real backend: questions only while they matter,
不知道 gives need_info, results spoken, the slip printed to PDF with a QR code zbar reads,
home's gentle line once per visit, the audit at both scales, nothing personal leaks."""

from __future__ import annotations

import logging
import re
import subprocess
import unicodedata

import pytest
import requests
from PIL import Image
from pyzbar.pyzbar import decode

from civic_core import idnumber
from kiosk.tour import wait_until
from tests.fixtures.audit import audit
from tests.fixtures.kiosk import demo_citizens, make_config
from tests.fixtures.qml_tools import Tapper, answered, find, scene_rect, visible_texts

PERSONA = 0  # 低保 on record, 80 on the demo day: only 临时救助's question still matters
ASKING = 4  # nothing on record but an open 低保 application: income, assets, … are asked
VOICE = 26  # nothing on record, 78; identified by no other test


def _start(kiosk, citizen, tapper: Tapper | None = None) -> Tapper:
    tapper = tapper or Tapper(kiosk)
    tapper.tap("tileBenefits")
    tapper.keys(citizen.id_number + citizen.phone_last4)
    answered(kiosk)
    tapper.tap("identifyYes")
    answered(kiosk)
    return tapper


def _answer_all(kiosk, tapper, first: str, then: str) -> list[str]:
    """Answer every question (first, then the rest); the questions' texts in order."""
    asked = []
    while kiosk.benefits.asking:
        assert kiosk.navigator.current == "benefits"
        asked.append(str(find(kiosk, "benefitsQuestion").property("text")))
        assert asked[-1] in kiosk.speech.said[-1], "each question is spoken"
        tapper.tap(f"benefitsAnswer_{first if len(asked) == 1 else then}")
        answered(kiosk)
    return asked


def _in_view(kiosk, name: str) -> bool:
    item = find(kiosk, name)
    centre = scene_rect(item).center()
    return scene_rect(find(kiosk, "pagedFlick")).contains(centre)


def _only_possibly(texts: list[str]) -> None:
    """Nothing is decided at the kiosk: every 符合 on screen is 可能符合 (or a 不符合)."""
    for text in texts:
        for match in re.finditer("符合", text):
            assert (
                text[max(0, match.start() - 2) : match.start()] in ("可能", "暂不")
                or text[match.start() - 1] == "不"
            ), text


def test_dont_know_gives_need_info_and_is_not_asked_again(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    tapper = _start(kiosk, demo_citizens()[ASKING])
    assert kiosk.navigator.current == "benefits"
    assert "一千元" in find(kiosk, "benefitsQuestion").property("text")
    assert "第 1 个问题" in find(kiosk, "screenInstruction").property("text")
    asked = _answer_all(kiosk, tapper, "dont_know", "no")
    assert 2 <= len(asked) <= 5 and len(set(asked)) == len(asked)
    assert kiosk.navigator.current == "benefits_results"
    tekun = find(kiosk, "benefitsLine_tekun")
    assert tekun.isVisible()
    texts = visible_texts(kiosk)
    assert "还要问清楚：特困人员救助供养" in texts
    assert any("还不清楚家里每人每月的收入" in t for t in texts)
    assert "已申请，正在办理：低保" in texts
    _only_possibly(texts)
    assert "特困人员救助供养" in kiosk.speech.said[-1], "the results are spoken on entering"


def test_known_facts_are_not_asked_and_likely_comes_with_amount_and_where(
    kiosk_factory, live_backend
):
    kiosk = kiosk_factory(live_backend)
    tapper = _start(kiosk, demo_citizens()[PERSONA])
    asked = _answer_all(kiosk, tapper, "yes", "yes")
    assert asked == ["最近三个月，您家里有没有因为生病、意外或者受灾，突然遇到困难？"]
    texts = visible_texts(kiosk)
    for line in ("可能符合：高龄津贴", "可能符合：临时救助", "已在享受：低保", "显示金额"):
        assert line in texts, line
    assert any(t.startswith("已申请，正在办理：") and "养老服务补贴" in t for t in texts)
    assert any("演示市幸福区示范路1号" in t and "9:00" in t for t in texts), "where, from data"
    assert any(t.startswith("请带上：") and "本人银行卡" in t for t in texts)
    _only_possibly(texts)
    spoken = kiosk.speech.said[-1]
    assert "高龄津贴，可能符合" in spoken and "显示金额" in spoken
    # Amounts only after 显示金额: a bystander neither sees nor hears them before.
    assert not any("元" in t for t in texts) and "元" not in spoken
    tapper.tap("benefitsShowAmounts")
    texts = visible_texts(kiosk)
    assert "每月 100 元" in texts and "显示金额" not in texts
    assert "高龄津贴，可能符合" in kiosk.speech.said[-1] and "每月" in kiosk.speech.said[-1]


def test_slip_prints_to_pdf_and_its_qr_opens_the_masked_page(
    kiosk_factory, live_backend, tmp_path, caplog
):
    caplog.set_level(logging.DEBUG)
    config = make_config(devices={"printer": f"pdf:{tmp_path}"})
    kiosk = kiosk_factory(live_backend, config=config)
    citizen = demo_citizens()[PERSONA]
    tapper = _start(kiosk, citizen)
    _answer_all(kiosk, tapper, "no", "no")
    while not _in_view(kiosk, "benefitsPrint"):  # the results page by taps
        tapper.tap("pageDown")
    tapper.tap("benefitsPrint")
    assert wait_until(lambda: kiosk.benefits.printText == "打印好了，请在出纸口取走", 30)
    assert kiosk.speech.said[-1] == "打印好了，请在出纸口取走"
    pdf = next(tmp_path.glob("receipt-*.pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    text = unicodedata.normalize("NFKC", text)  # the PDF's glyphs map to radicals (⾼ → 高)
    assert "张*华" in text and "高龄津贴" in text and "可能符合" in text
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    codes = [
        c.data.decode() for p in sorted(tmp_path.glob("page*.png")) for c in decode(Image.open(p))
    ]
    assert len(codes) == 1 and re.search(r"/b/[A-Za-z0-9_-]{20,}$", codes[0]), codes
    page = requests.get(codes[0], timeout=10)
    assert page.status_code == 200 and "张*华" in page.text and "高龄津贴" in page.text
    secrets = (citizen.name, citizen.id_number, citizen.phone, citizen.id_number[-4:])
    for secret in secrets:
        assert secret not in text, "the slip names only the masked name"
        assert secret not in page.text, "the public page too"
    for log in (live_backend.log_text(), caplog.text):
        for secret in secrets[:3]:
            assert secret not in log, "no identifier in the backend's or the kiosk's log"


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_home_shows_the_gentle_line_once_per_visit(kiosk_factory, live_backend, orientation):
    kiosk = kiosk_factory(live_backend, orientation=orientation)
    tapper = Tapper(kiosk)
    citizen = demo_citizens()[PERSONA]
    tapper.tap("tileProgress")  # another task: the line is about a subsidy, not this task
    tapper.keys(citizen.id_number + citizen.phone_last4)
    answered(kiosk)
    tapper.tap("identifyYes")
    answered(kiosk)
    assert kiosk.navigator.current == "progress"
    tapper.tap("navHome")
    answered(kiosk)
    hint = find(kiosk, "benefitsHint")
    assert hint.property("text") == "您可能可以申请高龄津贴，按这里看看"
    assert not kiosk.network.busy and not kiosk.network.failed  # a line, not an overlay
    assert audit(kiosk) == []
    tapper.tap("tileOrders")
    answered(kiosk)
    tapper.tap("navHome")
    assert not find(kiosk, "benefitsHint", visible=False).isVisible(), "once per visit"
    kiosk.session.end()
    answered(kiosk)
    assert kiosk.benefits.hintLine == ""


def test_the_line_leads_to_the_questions(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    tapper = Tapper(kiosk)
    citizen = demo_citizens()[PERSONA]
    tapper.tap("tileOrders")
    tapper.keys(citizen.id_number + citizen.phone_last4)
    answered(kiosk)
    tapper.tap("identifyYes")
    answered(kiosk)
    tapper.tap("navHome")
    answered(kiosk)
    tapper.tap("benefitsHint")
    answered(kiosk)
    assert kiosk.navigator.current == "benefits" and kiosk.benefits.asking


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_the_screens_pass_the_audit_at_both_scales(kiosk_factory, live_backend, orientation):
    kiosk = kiosk_factory(live_backend, orientation=orientation)
    problems: dict[str, list[str]] = {}
    tapper = Tapper(kiosk)
    for large in (False, True):
        _start(kiosk, demo_citizens()[ASKING], tapper)
        kiosk.preferences.setLargeText(large)
        answered(kiosk)
        step = 0
        while kiosk.benefits.asking:
            step += 1
            problems[f"{large}-question-{step}"] = audit(kiosk)
            tapper.tap("benefitsAnswer_no")
            answered(kiosk)
        problems[f"{large}-results"] = audit(kiosk)
        kiosk.session.end()
        answered(kiosk)
    assert not any(problems.values()), problems


def test_the_english_pack_frames_the_backend_words(kiosk_factory, live_backend):
    kiosk = kiosk_factory(live_backend)
    tapper = _start(kiosk, demo_citizens()[PERSONA])
    kiosk.i18n.setLocale("en_US")
    answered(kiosk)
    assert find(kiosk, "benefitsAnswer_dont_know").property("text") == "Don't know"
    _answer_all(kiosk, tapper, "no", "no")
    assert "You may qualify: 高龄津贴" in visible_texts(kiosk)
    masked = idnumber.mask_name(demo_citizens()[PERSONA].name)
    assert masked not in " ".join(kiosk.speech.said)


def test_voice_offers_the_answer_buttons(qtbot, voice_kiosk, live_backend):
    """The voice input hears a screen's visible buttons: 是 / 不是 / 不知道 answer by voice."""
    rig = voice_kiosk(live_backend)
    kiosk = rig.kiosk
    citizen = demo_citizens()[VOICE]
    rig.tapper.tap("tileBenefits")
    rig.tapper.keys(citizen.id_number + citizen.phone_last4)
    answered(kiosk)
    rig.say(qtbot, "是")  # identification's 是
    answered(kiosk)
    assert kiosk.navigator.current == "benefits"
    first = kiosk.benefits.questionText
    grammar = rig.recognizer.grammars[-1]
    assert all(word in grammar for word in ("是", "不是", "不知道"))
    rig.say(qtbot, "不 知道")
    answered(kiosk)
    assert kiosk.benefits.asking and kiosk.benefits.questionText != first
