"""Remote settings on the kiosk: an operator's change arrives in a heartbeat reply, is checked
by the kiosk's own config parser (kiosk.config.with_values), waits for the next idle moment
(never during a visit), is applied, and is rolled back if a selftest check that passed
before fails afterwards. Applied values persist in a small JSON file (device settings, no
citizen data) so a restart keeps them.

    remote = RemoteSettings(path, base_config)
    refusal = remote.offer(change_id, values)      # None, or the parser's message
    outcome = remote.apply_pending(apply, checks)  # at an idle moment, on the GUI thread
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk import selftest
from kiosk.config import ConfigError, KioskConfig, with_values

log = logging.getLogger("kiosk.fleet")

# What an operator may change remotely (the backend's backend/ops/remote.py lists the same).
REMOTE_KEYS = frozenset(
    {
        "speech.volume_step",
        "speech.rate",
        "speech.enabled",
        "recognition.enabled",
        "help.hotline",
        "help.place_name",
        "idle.warning_after_s",
        "idle.countdown_s",
        "operator.pin_hash",
    }
)
Checks = Callable[[KioskConfig], dict[str, bool]]  # check name -> passed


def device_checks(config: KioskConfig) -> dict[str, bool]:
    """The selftest checks a remote setting can break (voice output and input)."""
    found = (
        selftest.check_speech(config),
        selftest.check_microphone(config),
        selftest.check_recognition(config),
    )
    return {check.name: check.ok for check in found}


@dataclass(frozen=True)
class Pending:
    change_id: int
    values: dict[str, object]
    config: KioskConfig


@dataclass(frozen=True)
class Outcome:
    change_id: int
    status: str  # applied | rolled_back
    detail: str


class RemoteSettings:
    def __init__(self, path: Path, base: KioskConfig) -> None:
        self._path, self._base = path, base
        self._values = self._load()
        self.pending: Pending | None = None
        self.handled: set[int] = set()  # change ids refused or applied here (not offered again)

    def _load(self) -> dict[str, object]:
        try:
            values = json.loads(self._path.read_text(encoding="utf-8"))
            with_values(self._base, values)  # a file from an older config may no longer pass
        except (OSError, ValueError, ConfigError, AttributeError):
            return {}
        return values if isinstance(values, dict) else {}

    @property
    def config(self) -> KioskConfig:
        """The base config with the applied remote values."""
        return with_values(self._base, self._values)

    def offer(self, change_id: int, values: dict[str, object]) -> str | None:
        """Check a change now; None when it waits for the idle moment, else why it is refused."""
        if change_id in self.handled or (self.pending and self.pending.change_id == change_id):
            return None
        unknown = sorted(set(values) - REMOTE_KEYS)
        try:
            if unknown:
                raise ConfigError(f"{', '.join(unknown)}: not a remote setting")
            candidate = with_values(self.config, values)
        except ConfigError as exc:
            self.handled.add(change_id)
            return str(exc)
        self.pending = Pending(change_id, dict(values), candidate)
        return None

    def apply_pending(self, apply: Callable[[KioskConfig], None], checks: Checks) -> Outcome | None:
        """Apply the waiting change (call only when no visit is on); roll it back when a
        check that passed before fails after."""
        pending, self.pending = self.pending, None
        if pending is None:
            return None
        before, previous = checks(self.config), self.config
        apply(pending.config)
        after = checks(pending.config)
        broken = sorted(name for name, ok in after.items() if before.get(name) and not ok)
        self.handled.add(pending.change_id)
        if broken:
            apply(previous)
            log.info("remote setting %d rolled back", pending.change_id)
            return Outcome(
                pending.change_id, "rolled_back", "selftest failed: " + ", ".join(broken)
            )
        self._values.update(pending.values)
        self._save()
        return Outcome(pending.change_id, "applied", "")

    def _save(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._values, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self._path)
