"""The HTTP call gateway against a loopback phone system: the click-to-dial contract of
docs/operations.md (JSON to, seat, reference; the bearer token), and every way the phone
system can fail comes back as CallFailed with a log line that never carries the number."""

from __future__ import annotations

import logging
import socket

import pytest

from backend.help.call_gateway import CallFailed, DemoCallGateway, HttpCallGateway, gateway_for

NUMBER = "13912345678"


def test_a_call_is_posted_with_the_token(phone_system):
    HttpCallGateway(phone_system.url, "t0ken").dial(NUMBER, seat="hotline01", reference="request-7")
    assert phone_system.calls == [
        ("Bearer t0ken", {"to": NUMBER, "seat": "hotline01", "reference": "request-7"})
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("how", ["refused", "error status", "bad url"])
def test_every_failure_is_call_failed_and_logged_without_the_number(how, phone_system, caplog):
    phone_system.status = 500
    url = {
        "refused": f"http://127.0.0.1:{free_port()}/dial",
        "error status": phone_system.url,
        "bad url": "nothing://here",
    }[how]
    with caplog.at_level(logging.WARNING, "backend.help"), pytest.raises(CallFailed):
        HttpCallGateway(url, "t0ken").dial(NUMBER, seat="hotline01", reference="request-7")
    assert "request-7" in caplog.text and NUMBER not in caplog.text


def test_which_gateway():
    assert isinstance(gateway_for("http://pbx/dial", "t", demo=False), HttpCallGateway)
    assert isinstance(gateway_for("", "", demo=True), DemoCallGateway)
    assert gateway_for("", "", demo=False) is None, "no phone system: no call-backs"
