"""Signed kiosk reports: `X-Kiosk-Signature: t=<unix seconds>,v1=<hex>` where v1 is
HMAC-SHA256 keyed with the terminal's token over "<t>.<raw body>".

The bearer token says which terminal; the signature says the body is the one that terminal
wrote, at about that time: a report altered on the way, or replayed more than MAX_SKEW_S
later, is refused with 401 `bad_signature`. Wall-clock time, not the app clock (which the
demo may move on).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time

from fastapi import Request
from pydantic import BaseModel

from backend.errors import ApiError, validation

HEADER = "X-Kiosk-Signature"
MAX_SKEW_S = 300
MAX_BODY_BYTES = 256 * 1024
_FORMAT = re.compile(r"t=(\d{1,12}),v1=([0-9a-f]{64})")
_SIGNATURE_PARAMETER = {"name": HEADER, "in": "header", "required": True,
                        "schema": {"type": "string", "pattern": r"^t=\d{1,12},v1=[0-9a-f]{64}$"}}  # fmt: skip


def signed_route_docs(model: type[BaseModel]) -> dict:
    """`openapi_extra` of a signed route: the signature header and the JSON body, which the
    route parses itself after checking the signature over its raw bytes (so FastAPI cannot
    see the body to document it)."""
    body = {"required": True, "content": {"application/json": {"schema": _inlined(model)}}}
    return {"parameters": [_SIGNATURE_PARAMETER], "requestBody": body}


def _inlined(model: type[BaseModel]) -> dict:
    """The model's JSON Schema with its nested models written in place ($defs refs resolve
    against the document's root in OpenAPI, not against this schema)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def resolve(node):
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return resolve({**defs[ref.removeprefix("#/$defs/")], **{
                    k: v for k, v in node.items() if k != "$ref"}})  # fmt: skip
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(schema)


def expected(token: str, timestamp: str, body: bytes) -> str:
    key = token.encode("utf-8", "surrogatepass")
    return hmac.new(key, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def _bad() -> ApiError:
    return ApiError(401, "bad_signature", "上报的签名不对或已过期")


async def signed_body(request: Request) -> bytes:
    """The raw body, once its signature is checked (the bearer token is checked already)."""
    found = _FORMAT.fullmatch(request.headers.get(HEADER, ""))
    token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if found is None or not token:
        raise _bad()
    timestamp, signature = found.groups()
    if abs(time.time() - int(timestamp)) > MAX_SKEW_S:
        raise _bad()
    body = await request.body()
    if not hmac.compare_digest(expected(token, timestamp, body), signature):
        raise _bad()
    # The body is read raw, so the media type the document states is checked here.
    if request.headers.get("Content-Type", "").split(";")[0].strip().lower() != "application/json":
        raise validation(None, "请求内容应为 JSON（Content-Type: application/json）")
    return body
