"""The outbox: actions that can wait (a rating, a callback request, a reschedule request),
kept while the backend cannot be reached and replayed once it answers again.

- **Encrypted at rest**: the whole file is one Fernet token (AES-128-CBC + HMAC-SHA256,
  `cryptography`); the key lives in a file of its own elsewhere (created 0600 on first use),
  so the outbox file alone reveals nothing.
- **Nothing identifying inside**, even decrypted: an order number, a score and tag codes, the
  kind of request, and the backend's deferral token for the citizen (a random string that
  stands for them on the backend for 24 h) — never an ID number, phone or name.
- **Exactly once**: each action keeps the Idempotency-Key it was given when the senior
  pressed the button; replaying it again, or after the first attempt did reach the backend,
  returns the backend's stored answer. An entry leaves the outbox only when the backend
  answered it (done, or refused for good).
- **24 h**: an entry older than that is purged unsent (the deferral token expires then too);
  the receipt told the senior so.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
import uuid
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from kiosk.api import errors

log = logging.getLogger("kiosk.fleet")
MAX_AGE = dt.timedelta(hours=24)
CST = dt.timezone(dt.timedelta(hours=8))
KINDS = ("rating", "callback", "reschedule")


def load_key(path: Path) -> bytes:
    """The outbox key, made on first use (owner read/write only)."""
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = Fernet.generate_key()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(key)
        return key


class Outbox:
    def __init__(self, path: Path, key: bytes, now=lambda: dt.datetime.now(CST)) -> None:
        self._path, self._fernet, self._now = path, Fernet(key), now
        self._lock = threading.Lock()
        self._entries: list[dict[str, Any]] = self._read()

    def _read(self) -> list[dict[str, Any]]:
        try:
            return json.loads(self._fernet.decrypt(self._path.read_bytes()))
        except FileNotFoundError:
            return []
        except (InvalidToken, ValueError):  # another key, or a damaged file: start empty
            log.warning("outbox unreadable; starting empty")
            return []

    def _write(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._path.with_suffix(".tmp")
        tmp.write_bytes(self._fernet.encrypt(json.dumps(self._entries).encode()))
        tmp.replace(self._path)

    def add(self, kind: str, deferral: str, body: dict[str, Any], key: str | None = None) -> str:
        """Queue an action; its Idempotency-Key (the one the first attempt used, if any)."""
        assert kind in KINDS
        entry = {"kind": kind, "deferral": deferral, "body": body,
                 "key": key or uuid.uuid4().hex, "queued_at": self._now().isoformat()}  # fmt: skip
        with self._lock:
            self._entries.append(entry)
            self._write()
        return entry["key"]

    def depth(self) -> int:
        with self._lock:
            return len(self._entries)

    def purge(self) -> int:
        """Drop entries older than 24 h; how many went."""
        cutoff = self._now() - MAX_AGE
        with self._lock:
            kept = [e for e in self._entries if dt.datetime.fromisoformat(e["queued_at"]) > cutoff]
            gone, self._entries = len(self._entries) - len(kept), kept
            if gone:
                self._write()
        return gone

    def replay(self, send) -> int:
        """send(entry) for each entry, oldest first, until the backend cannot be reached;
        how many were answered. Refusals (e.g. the order can no longer be rated) are final."""
        self.purge()
        answered = 0
        while True:
            with self._lock:
                if not self._entries:
                    return answered
                entry = self._entries[0]
            try:
                send(entry)
            except (errors.Offline, errors.Timeout, errors.ServerError):
                return answered
            except errors.ApiError as exc:
                log.info("outbox entry refused: %s", exc.code)
            with self._lock:
                self._entries.remove(entry)
                self._write()
            answered += 1
