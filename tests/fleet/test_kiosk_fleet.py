"""The real kiosk (QML, view models, offscreen window) reporting to the real backend: a visit
tapped through becomes exactly the funnel /ops shows; a remote setting that arrives during
the visit waits for it to end and then changes the running kiosk; a screenshot request is
answered with the mirror's masked render. The fleet worker's rounds are run by the test
(no 30 s waits); only the printer's CUPS report is faked."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from kiosk.fleet.agent import FleetAgent
from kiosk.fleet.service import FleetService
from tests.fixtures.kiosk import demo_citizens
from tests.fixtures.qml_tools import Tapper, answered
from tests.fleet.conftest import OperatorBrowser

pytestmark = pytest.mark.slow


def no_cups(_args: list[str]) -> str:
    return ""


@pytest.fixture
def fleet_kiosk(kiosk_factory, fresh_backend, tmp_path):
    kiosk = kiosk_factory(fresh_backend)
    agent = FleetAgent(kiosk.config, url=fresh_backend.url, token=fresh_backend.terminal_token,
                       state_dir=tmp_path, run=no_cups)  # fmt: skip
    service = FleetService(kiosk, tmp_path, agent=agent)
    service.start(fresh_backend.url, fresh_backend.terminal_token, background=False)
    channel = agent.channel()
    kiosk.fleet_round = lambda: agent.worker.run_once(channel)
    kiosk.fleet = service
    yield kiosk
    channel.close()


def identify_for_booking(kiosk, tapper: Tapper, index: int = 3) -> None:
    citizen = demo_citizens()[index]
    tapper.tap("tileBook")
    tapper.keys(citizen.id_number + citizen.phone_last4)
    answered(kiosk)
    tapper.tap("identifyYes")
    answered(kiosk)
    assert kiosk.navigator.current == "booking"


def test_a_visit_is_the_funnel_and_a_setting_waits_for_its_end(fleet_kiosk, fresh_backend):
    kiosk, ops = fleet_kiosk, OperatorBrowser(fresh_backend.url)
    tapper = Tapper(kiosk)
    identify_for_booking(kiosk, tapper)
    ops.post("/ops/settings", scope="terminal", target="T-0001",
             key="speech.volume_step", value="5")  # fmt: skip
    kiosk.fleet_round()  # the setting arrives during the visit
    kiosk.fleet.idle_moment()
    assert kiosk.preferences.volumeStep == 3, "never applied during a visit"
    assert "等待终端空闲" in ops.get("/ops/terminals/T-0001")

    kiosk.idle.advance(kiosk.config.idle.warning_after_s)
    kiosk.idle.advance(kiosk.config.idle.countdown_s)
    answered(kiosk)  # the idle wipe ends the visit
    assert not kiosk.session.identified
    kiosk.fleet.idle_moment()
    assert kiosk.preferences.volumeStep == 5 and kiosk.speech.volume_step == 5
    kiosk.fleet_round()  # report + the visit's events
    assert 'data-result="applied"' in ops.get("/ops/terminals/T-0001")

    assert ops.numbers("funnel-booking-numbers") == [
        ("home", "1"), ("identify", "1"), ("booking", "1"), ("booking_day", "0"),
        ("booking_time", "0"), ("booking_summary", "0"), ("booking_receipt", "0"),
    ]  # fmt: skip
    assert ops.numbers("abandoned-numbers") == [("booking", "1")]
    taps = 1 + 18 + 4 + 1  # 预约上门服务, the ID and phone digits, 是我
    assert ops.numbers("modality-numbers") == [("触摸", str(taps))]


def test_voice_off_waits_for_the_visit_to_end_then_the_kiosk_is_silent(fleet_kiosk, fresh_backend):
    """speech.enabled (voice on/off) set remotely: parsed by the kiosk's config parser, applied
    only once the visit is over, then nothing is spoken; the report reaches /ops."""
    kiosk, ops, speech = fleet_kiosk, OperatorBrowser(fresh_backend.url), fleet_kiosk.speech
    tapper = Tapper(kiosk)
    identify_for_booking(kiosk, tapper)
    ops.post("/ops/settings", scope="terminal", target="T-0001",
             key="speech.enabled", value="false")  # fmt: skip
    kiosk.fleet_round()
    kiosk.fleet.idle_moment()
    assert speech.enabled and kiosk.config.speech.enabled, "never during a visit"
    spoken = len(speech.said)
    kiosk.navigator.back()
    assert len(speech.said) > spoken, "the visit still hears its prompts"

    kiosk.session.end()
    kiosk.fleet.idle_moment()
    assert not speech.enabled and not kiosk.config.speech.enabled
    kiosk.fleet_round()
    assert 'data-result="applied"' in ops.get("/ops/terminals/T-0001")
    spoken = len(speech.said)
    tapper.tap("tileBook")  # the next senior: the screens, no voice
    assert kiosk.navigator.current == "identify" and len(speech.said) == spoken


def test_a_screenshot_is_the_masked_render(fleet_kiosk, fresh_backend):
    kiosk, ops = fleet_kiosk, OperatorBrowser(fresh_backend.url)
    identify_for_booking(kiosk, Tapper(kiosk))
    ops.post("/ops/terminals/T-0001/screenshot")
    masked = []
    original = kiosk.mirror.grab_masked
    kiosk.mirror.grab_masked = lambda: masked.append(True) or original()
    kiosk.fleet_round()  # the request arrives; the GUI thread grabs, a thread sends
    from tests.fixtures.qml_tools import wait_until

    assert wait_until(lambda: "/ops/screenshots/" in ops.get("/ops/terminals/T-0001"), 10)
    assert masked == [True]
    shot_id = ops.get("/ops/terminals/T-0001").split("/ops/screenshots/")[1].split(".jpg")[0]
    image = Image.open(io.BytesIO(ops.http.get(f"{ops.url}/ops/screenshots/{shot_id}.jpg").content))
    assert image.format == "JPEG" and image.size[1] > image.size[0]  # the portrait window
