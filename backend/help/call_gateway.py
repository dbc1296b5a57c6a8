"""Placing a call-back through the hotline's phone system (click-to-dial), so the worker who
calls a senior back never sees the senior's number: the backend hands the number to the
phone system, which rings the worker's seat and then the senior.

The phone system is a device boundary this reference backend does not have. `HttpCallGateway`
speaks the small click-to-dial contract of docs/operations.md (most PBXs offer one, or a few
lines of adapter do); `DemoCallGateway` stands in for it in the demo and in tests, and keeps
the numbers it was given in memory only, never in a log or a file.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Protocol

log = logging.getLogger("backend.help")
CALL_GATEWAY_TOKEN_ENV = "KIOSK_CALL_GATEWAY_TOKEN"
TIMEOUT_S = 5


class CallFailed(Exception):
    """The phone system did not take the call (down, refused, or timed out)."""


class CallGateway(Protocol):
    def dial(self, number: str, *, seat: str, reference: str) -> None:
        """Ring `seat` (the worker's username), then `number`; raise CallFailed if refused."""


@dataclass(frozen=True)
class Dialled:
    number: str
    seat: str
    reference: str


@dataclass
class DemoCallGateway:
    """Takes every call and remembers it (tests read `dialled`; the demo rings nobody)."""

    dialled: list[Dialled] = field(default_factory=list)

    def dial(self, number: str, *, seat: str, reference: str) -> None:
        self.dialled.append(Dialled(number, seat, reference))


@dataclass(frozen=True)
class HttpCallGateway:
    """POST {"to", "seat", "reference"} as JSON with a bearer token; any 2xx is taken."""

    url: str
    token: str

    def dial(self, number: str, *, seat: str, reference: str) -> None:
        body = json.dumps({"to": number, "seat": seat, "reference": reference}).encode()
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as answer:  # noqa: S310
                answer.read()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            # The reason only (status or errno): the URL and body would carry the number.
            reason = getattr(exc, "code", None) or type(exc).__name__
            log.warning("call gateway refused call %s: %s", reference, reason)
            raise CallFailed(str(reason)) from None


def gateway_for(url: str, token: str, *, demo: bool) -> CallGateway | None:
    """The configured phone system; the demo's stand-in in demo mode; else None (no calls)."""
    if url:
        return HttpCallGateway(url, token)
    return DemoCallGateway() if demo else None
