"""A staff member's browser session against a real backend over HTTP (requests), for tests
and benchmarks that need staff on the other side of a help session without a browser."""

from __future__ import annotations

import re

import requests

from backend.help.demo import DEMO_STAFF

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
TIMEOUT = 10


class LiveStaff:
    def __init__(self, base_url: str, who=DEMO_STAFF, http: requests.Session | None = None) -> None:
        """http: a session already connected (e.g. to one chosen backend worker)."""
        self.base, self.http = base_url, http or requests.Session()
        page = self.http.get(f"{base_url}/staff", timeout=TIMEOUT)
        self.http.post(
            f"{base_url}/staff/sign-in",
            timeout=TIMEOUT,
            data={
                "csrf_token": _CSRF.search(page.text).group(1),
                "username": who.username,
                "password": who.password,
            },
        )
        self.csrf = _CSRF.search(self.http.get(f"{base_url}/staff", timeout=TIMEOUT).text).group(1)

    def join(self, code: str) -> str:
        r = self.http.post(
            f"{self.base}/staff/join",
            data={"code": code, "csrf_token": self.csrf},
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        assert r.status_code == 303, r.text
        return r.headers["location"].rsplit("/", 1)[1]

    def state(self, session_id: str, after: int = 0, wait: float = 0) -> dict:
        return self.http.get(
            f"{self.base}/staff/api/sessions/{session_id}/state",
            params={"after": after, "wait": wait},
            timeout=TIMEOUT + wait,
        ).json()

    def frame(self, session_id: str, seq: int) -> bytes:
        return self.http.get(
            f"{self.base}/staff/api/sessions/{session_id}/frames/{seq}", timeout=TIMEOUT
        ).content

    def send(self, session_id: str, event: dict) -> requests.Response:
        return self.http.post(
            f"{self.base}/staff/api/sessions/{session_id}/events",
            json=event,
            headers={"X-CSRF-Token": self.csrf},
            timeout=TIMEOUT,
        )
