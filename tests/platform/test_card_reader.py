"""The simulated card reader delivers payloads to its one listener, and builds from config."""

import subprocess
import sys

from kiosk.config import BackendConfig, DevicesConfig, KioskConfig
from kiosk.devices.card_reader import SimulatedCardReader, build_card_reader


def test_insert_reaches_the_listener_until_cleared_or_closed():
    reader = SimulatedCardReader(["card-a", "card-b"])
    seen: list[str] = []
    assert not reader.insert("early")  # nobody listening: the card is ignored
    reader.set_listener(seen.append)
    assert reader.insert("payload-1") and reader.insert_demo(1)
    assert not reader.insert_demo(2) and not reader.insert_demo(-1)
    reader.set_listener(None)
    assert not reader.insert("ignored")
    reader.set_listener(seen.append)
    reader.close()
    assert not reader.insert("after close")
    assert seen == ["payload-1", "card-b"]


def test_build_from_config():
    from backend.demo import DEMO_CITIZENS

    demo = build_card_reader(KioskConfig())
    assert isinstance(demo, SimulatedCardReader)
    assert tuple(demo.demo_payloads) == tuple(c.card_payload for c in DEMO_CITIZENS)
    seen: list[str] = []
    demo.set_listener(seen.append)
    assert demo.insert_demo(0) and seen == [DEMO_CITIZENS[0].card_payload]
    remote = KioskConfig(backend=BackendConfig(url="https://x.example", terminal_token="t"))
    assert not build_card_reader(remote).demo_payloads
    assert build_card_reader(KioskConfig(devices=DevicesConfig(card_reader="none"))) is None


CHECK_LAZY = """
import sys
from kiosk.config import KioskConfig
from kiosk.devices.card_reader import build_card_reader
reader = build_card_reader(KioskConfig())
assert reader.demo_payloads[0].startswith("DEMO-CARD-")
assert not any(name.split(".")[0] in ("backend", "fastapi", "sqlalchemy") for name in sys.modules)
"""


def test_building_the_demo_reader_does_not_import_the_backend():
    """The demo cards come from civic_core: the kiosk never imports the backend (whose web
    stack would also cost about a second of imports before the first frame)."""
    done = subprocess.run(
        [sys.executable, "-c", CHECK_LAZY], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
