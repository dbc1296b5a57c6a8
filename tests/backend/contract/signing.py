"""schemathesis hooks for tests/backend/test_contract.py: the credentials a kiosk holds, put
into the generated requests that declare them, so the fuzzing reaches what lies behind the
credential checks (which random values would only ever meet):

- `X-Kiosk-Signature`: every request to a signed fleet route is signed as a kiosk signs it
  (kiosk.fleet.channel.signature over the exact bytes `requests` sends);
- `X-Deferral-Token`, `X-Volunteer-Token`: a real grant and a real volunteer sign-in, when
  the test passes them (KIOSK_CONTRACT_DEFERRAL, KIOSK_CONTRACT_VOLUNTEER).

Headers generated invalid on purpose (negative mode) or left out (the missing-header check)
stay as they are: the backend must refuse those. Loaded from SCHEMATHESIS_HOOKS; the
terminal token comes in KIOSK_CONTRACT_TOKEN.
"""

from __future__ import annotations

import json
import os

import schemathesis
from schemathesis.core import NotSet
from schemathesis.core.parameters import ParameterLocation

from kiosk.fleet.channel import signature

SIGNATURE = "X-Kiosk-Signature"
FROM_ENVIRONMENT = {
    "X-Deferral-Token": "KIOSK_CONTRACT_DEFERRAL",
    "X-Volunteer-Token": "KIOSK_CONTRACT_VOLUNTEER",
}


def _wire_body(body) -> bytes:
    """What `requests` sends for a JSON body (schemathesis passes it as `json=`)."""
    if isinstance(body, NotSet):
        return b""  # no body at all
    if isinstance(body, bytes):
        return body
    return json.dumps(body, allow_nan=False).encode("utf-8")


def _credential(name: str, case) -> str | None:
    if name == SIGNATURE:
        return signature(os.environ["KIOSK_CONTRACT_TOKEN"], _wire_body(case.body))
    return os.environ.get(FROM_ENVIRONMENT.get(name, ""))


@schemathesis.hook
def before_call(context, case, **kwargs) -> None:
    if case.meta is None or case.headers is None:
        return
    if case.meta.is_negative_at(ParameterLocation.HEADER):
        return
    for name in (p.name for p in case.operation.headers):
        value = _credential(name, case) if name in case.headers else None
        if value:
            case.headers[name] = value
