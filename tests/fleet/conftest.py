"""Kiosk fleet tests: the kiosk UI fixtures (Qt warnings fail a test) and an operator's
browser session on the real backend's /ops (requests, signed in like a person)."""

from __future__ import annotations

import re

import requests

from backend.ops.demo import DEMO_OPERATOR

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class OperatorBrowser:
    def __init__(self, url: str) -> None:
        self.url, self.http = url, requests.Session()
        token = _CSRF.search(self.http.get(f"{url}/ops", timeout=10).text).group(1)
        self.http.post(f"{url}/ops/sign-in", timeout=10, data={"csrf_token": token,
                       "username": DEMO_OPERATOR.username, "password": DEMO_OPERATOR.password})  # fmt: skip
        self.csrf = _CSRF.search(self.http.get(f"{url}/ops", timeout=10).text).group(1)

    def get(self, path: str, **params) -> str:
        return self.http.get(self.url + path, params=params, timeout=10).text

    def post(self, path: str, **data) -> None:
        r = self.http.post(self.url + path, data={"csrf_token": self.csrf, **data}, timeout=10)
        assert r.status_code == 200, r.text[:300]  # after the redirect

    def numbers(self, table_id: str, **params) -> list[tuple[str, str]]:
        page = self.get("/ops/usage", **params)
        body = page.split(f'id="{table_id}"')[1].split("</table>")[0]
        return re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td>", body)
