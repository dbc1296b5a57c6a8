"""The error taxonomy of the backend client.

Callers (flows, view models) catch these and only these: every `requests`, socket
or JSON failure is translated here, so a screen can pick its plain-language,
spoken message from the class and `code` alone.
"""

from __future__ import annotations


class ApiError(Exception):
    """Base class. `code` is the backend's stable error code (or a client-side one)."""

    default_code = "api_error"

    def __init__(self, code: str | None = None, message: str = "", field: str | None = None):
        self.code = code or self.default_code
        self.message = message
        self.field = field
        super().__init__(f"{self.code}: {message}" if message else self.code)


class Offline(ApiError):
    """No connection to the backend (refused, reset, DNS, unreachable)."""

    default_code = "offline"


class Timeout(ApiError):
    """The backend accepted the connection but did not answer within the bound."""

    default_code = "timeout"


class Unauthorized(ApiError):
    """401: the terminal token is missing or wrong (a configuration problem)."""

    default_code = "unauthorized"


class IdentityNotMatched(Unauthorized):
    """401 `identity_not_matched`: unknown ID or wrong phone digits (deliberately one answer)."""

    default_code = "identity_not_matched"


class SessionExpired(ApiError):
    """401 `session_expired`: the citizen session is missing, expired or ended."""

    default_code = "session_expired"


class NotFound(ApiError):
    """404: absent, or belongs to another citizen (the backend does not say which)."""

    default_code = "not_found"


class Conflict(ApiError):
    """409: e.g. `slot_full` or `invalid_state`."""

    default_code = "conflict"


class Invalid(ApiError):
    """413/422 (and other 4xx): the request was refused; `field` names the bad input if known."""

    default_code = "validation_error"


class RateLimited(ApiError):
    """429 `identity_locked` / `rate_limited`; `retry_after` in seconds when the backend says."""

    default_code = "rate_limited"

    def __init__(
        self,
        code: str | None = None,
        message: str = "",
        field: str | None = None,
        retry_after: float | None = None,
    ):
        super().__init__(code, message, field)
        self.retry_after = retry_after


class ServerError(ApiError):
    """5xx: the backend failed (a bug or an overloaded proxy); safe calls were already retried."""

    default_code = "server_error"


class BadResponse(ApiError):
    """The answer was not what docs/api.md promises (HTML, garbage, wrong shape, odd status)."""

    default_code = "bad_response"


def for_status(
    status: int,
    code: str | None,
    message: str,
    field: str | None,
    retry_after: float | None,
) -> ApiError:
    """The error for a non-2xx answer: the status picks the class, the body's code refines it."""
    if status == 401:
        if code == "session_expired":
            return SessionExpired(code, message, field)
        if code == "identity_not_matched":
            return IdentityNotMatched(code, message, field)
        return Unauthorized(code, message, field)
    if status == 404:
        return NotFound(code, message, field)
    if status == 409:
        return Conflict(code, message, field)
    if status == 429:
        return RateLimited(code, message, field, retry_after=retry_after)
    if status >= 500:
        return ServerError(code, message, field)
    if 400 <= status < 500:
        return Invalid(code, message, field)
    return BadResponse("unexpected_status", f"HTTP {status}")
