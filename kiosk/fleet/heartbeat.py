"""The heartbeat document: version, config hash, uptime, peripherals, disk, outbox depth and
the last error codes. Never citizen data: codes and numbers only (the backend refuses
anything else)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import threading
import time
from collections import deque
from pathlib import Path

from kiosk.config import KioskConfig
from kiosk.fleet import probes
from kiosk.resources import VERSION

_CODE = re.compile(r"[a-z][a-z0-9_.-]{0,39}")


def config_hash(config: KioskConfig) -> str:
    """Which settings the terminal runs with (the token left out), comparable across terminals."""
    settings = dataclasses.asdict(config)
    settings["backend"].pop("terminal_token", None)
    canonical = json.dumps(settings, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(canonical).hexdigest()


class ErrorCodes:
    """The last error codes seen (thread-safe); anything not shaped like a code is dropped."""

    def __init__(self, keep: int = 20) -> None:
        self._codes: deque[str] = deque(maxlen=keep)
        self._lock = threading.Lock()

    def add(self, code: str) -> None:
        if _CODE.fullmatch(code or "") and not re.search(r"\d{6,}", code):
            with self._lock:
                if code in self._codes:
                    self._codes.remove(code)
                self._codes.append(code)

    def recent(self) -> list[str]:
        with self._lock:
            return list(self._codes)


def build(
    config: KioskConfig,
    *,
    started: float,
    outbox_depth: int,
    errors: ErrorCodes,
    in_visit: bool,
    state_dir: Path,
    run: probes.Runner = probes.run_command,
    release: dict | None = None,
) -> dict:
    beat = {
        "version": VERSION,
        "config_hash": config_hash(config),
        "uptime_s": int(time.monotonic() - started),
        "peripherals": probes.peripherals(config, run),
        "disk_free_mb": probes.disk_free_mb(state_dir),
        "outbox_depth": outbox_depth,
        "error_codes": errors.recent(),
        "in_visit": in_visit,
    }
    return beat | ({"release": release} if release else {})  # where it is with a new version
