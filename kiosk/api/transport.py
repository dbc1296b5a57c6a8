"""The one HTTP transport to the backend: timeouts, retries, error mapping, safe logging.

Retries (exponential backoff) happen only where repeating cannot change anything
twice: GET/HEAD, and POSTs that carry an `Idempotency-Key` — the same key on every
attempt, so the backend replays its stored first answer. Logs carry the method, the
path *template* (never the filled-in path or a body), the status and the duration:
nothing that could identify a citizen.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any, BinaryIO
from urllib.parse import quote

import requests

from . import errors

log = logging.getLogger("kiosk.api")

API_PREFIX = "/api/v1"
MAX_IDEMPOTENCY_KEY = 64
_RETRY_STATUSES = frozenset({500, 502, 503, 504})
_SAFE_METHODS = frozenset({"GET", "HEAD"})


def is_header_safe(value: str) -> bool:
    """Header values must be printable ASCII: anything else breaks http.client, not the server."""
    return value.isascii() and value.isprintable()


def new_idempotency_key() -> str:
    """A fresh key for one user intent (e.g. one tap on 确认预约), reused on its retries."""
    return uuid.uuid4().hex


class Transport:
    def __init__(
        self,
        base_url: str,
        terminal_token: str,
        *,
        connect_timeout: float = 3.0,
        read_timeout: float = 10.0,
        retries: int = 2,
        backoff: float = 0.25,
    ):
        if not base_url.startswith(("http://", "https://")):
            raise ValueError("base_url must be an http(s) URL")
        if not is_header_safe(terminal_token):
            raise ValueError("the terminal token must be printable ASCII")
        self._root = base_url.rstrip("/") + API_PREFIX
        self._timeout = (connect_timeout, read_timeout)
        self._retries = max(0, retries)
        self._backoff = backoff
        self._session = requests.Session()
        self._session.headers.update(
            {
                "Authorization": f"Bearer {terminal_token}",
                "Accept": "application/json",
                "User-Agent": "civic-kiosk",
            }
        )

    def close(self) -> None:
        self._session.close()

    def request(
        self,
        method: str,
        template: str,
        *,
        path: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
        citizen_session: str | None = None,
        idempotency_key: str | None = None,
        headers: dict[str, str] | None = None,
        content: bytes | None = None,
    ) -> Any:
        """Send one call (with retries) and return the decoded JSON, or None for an empty 2xx.

        `template` is like "/orders/{number}"; `path` fills it, each value URL-quoted so
        user-typed input can never reach another route. `content` is a JSON body already
        encoded (a signed fleet report: the signature covers these exact bytes).
        """
        url = self._root + template.format(
            **{k: quote(str(v), safe="") for k, v in (path or {}).items()}
        )
        sent = _headers(method, headers, citizen_session, idempotency_key, encoded=content)
        # Every POST carries a key, so GET/HEAD/POST may all be repeated; DELETE is not.
        attempts = 1 + (self._retries if method in _SAFE_METHODS | {"POST"} else 0)
        request = {"params": params, "json": body, "data": content, "headers": sent}
        return self._send(method, url, template, request, attempts)

    def download(self, template: str, *, path: dict[str, Any], into: BinaryIO, limit: int) -> int:
        """GET a file into `into`, streamed, refusing more than `limit` bytes; the bytes
        received. One attempt: the caller checks what arrived (size, hash) and asks again
        later. A body cut short raises Offline, like a lost answer."""
        url = self._root + template.format(**{k: quote(str(v), safe="") for k, v in path.items()})
        started, received = time.monotonic(), 0
        try:
            with self._session.get(url, timeout=self._timeout, allow_redirects=False, stream=True,
                                   headers={"Accept": "application/octet-stream"}) as response:  # fmt: skip
                _log("GET", template, response.status_code, started, 1)
                if response.status_code != 200:
                    return _decode(response, response.content) or 0  # raises the API's error
                for chunk in response.iter_content(64 * 1024):
                    received += len(chunk)
                    if received > limit:
                        raise errors.BadResponse(message=f"more than the {limit} bytes announced")
                    into.write(chunk)
        except requests.RequestException as exc:
            raise _transport_error(exc) from exc
        return received

    def _send(self, method: str, url: str, template: str, request: dict, attempts: int) -> Any:
        for attempt in range(1, attempts + 1):
            started = time.monotonic()
            try:
                # No redirects: the API never sends one, and following could carry the token away.
                response = self._session.request(
                    method, url, timeout=self._timeout, allow_redirects=False, **request
                )
                received = response.content  # read fully here so a cut-off body is retried too
            except requests.RequestException as exc:
                error = _transport_error(exc)
                _log(method, template, type(error).__name__, started, attempt)
                if attempt < attempts and isinstance(error, errors.Offline | errors.Timeout):
                    self._sleep_before(attempt)
                    continue
                raise error from exc
            _log(method, template, response.status_code, started, attempt)
            if response.status_code in _RETRY_STATUSES and attempt < attempts:
                self._sleep_before(attempt)
                continue
            return _decode(response, received)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _sleep_before(self, attempt: int) -> None:
        time.sleep(self._backoff * 2 ** (attempt - 1))


def _headers(
    method: str,
    extra: dict[str, str] | None,
    citizen_session: str | None,
    idempotency_key: str | None,
    *,
    encoded: bytes | None,
) -> dict[str, str]:
    headers = dict(extra or {})  # e.g. X-Volunteer-Token
    if encoded is not None:
        headers["Content-Type"] = "application/json"
    if citizen_session:
        headers["X-Citizen-Session"] = citizen_session
    if method == "POST":
        key = idempotency_key or new_idempotency_key()
        if len(key) > MAX_IDEMPOTENCY_KEY or not is_header_safe(key):
            raise ValueError("Idempotency-Key must be printable ASCII, at most 64 characters")
        headers["Idempotency-Key"] = key
    return headers


def _log(method: str, template: str, outcome: object, started: float, attempt: int) -> None:
    log.info(
        "%s %s -> %s in %.0f ms (attempt %d)",
        method,
        template,
        outcome,
        (time.monotonic() - started) * 1000,
        attempt,
    )


def _transport_error(exc: requests.RequestException) -> errors.ApiError:
    """Map a requests failure; the original stays as __cause__ for debugging, not for callers."""
    # ConnectTimeout is both a ConnectionError and a Timeout: a server that cannot be
    # reached within the connect bound is, for the senior, simply not reachable.
    if isinstance(exc, requests.ConnectTimeout):
        return errors.Offline("offline", "could not connect in time")
    if isinstance(exc, requests.Timeout):
        return errors.Timeout("timeout", "no answer within the read timeout")
    if isinstance(exc, requests.ConnectionError | requests.exceptions.ChunkedEncodingError):
        return errors.Offline("offline", type(exc).__name__)
    # The rest (e.g. an invalid header) is a local fault: not worth a retry, still typed.
    return errors.ApiError("request_failed", type(exc).__name__)


def _decode(response: requests.Response, content: bytes) -> Any:
    status = response.status_code
    if 200 <= status < 300:
        if status == 204 or not content:
            return None
        try:
            return json.loads(content)
        except (ValueError, RecursionError):  # undecodable, or absurdly deep nesting
            raise errors.BadResponse(message=f"HTTP {status}: body is not JSON") from None
    code, message, field = _first_error(content)
    raise errors.for_status(status, code, message, field, _retry_after(response))


def _first_error(content: bytes) -> tuple[str | None, str, str | None]:
    """The first entry of `{"errors": [...]}`, tolerating any other body (HTML from a proxy)."""
    try:
        entry = json.loads(content)["errors"][0]
    except (ValueError, RecursionError, KeyError, IndexError, TypeError):
        return None, "", None
    if not isinstance(entry, dict):
        return None, "", None

    def text(key: str) -> str | None:
        value = entry.get(key)
        return value if isinstance(value, str) else None

    return text("code"), text("message") or "", text("field")


def _retry_after(response: requests.Response) -> float | None:
    try:
        value = float(response.headers.get("Retry-After", ""))
    except ValueError:  # absent, or an HTTP date we do not need to support
        return None
    return value if value >= 0 else None
