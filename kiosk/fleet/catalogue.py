"""The catalogue as last seen: services, prices and the next days' free times, fetched by the
fleet worker while the backend answers (every CATALOGUE_EVERY_S) and kept with the time it
was seen, so an offline kiosk can still show them — plainly dated, for reading only.

Terminal-level data (no citizen session, so list prices and no subsidy of anyone's): nothing
personal. Stored as JSON next to the remote settings.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from kiosk.api import ApiClient, errors, models

log = logging.getLogger("kiosk.fleet")
CATALOGUE_EVERY_S = 600.0
DAYS_KEPT = 3
CST = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class ServiceSeen:
    service: models.Service
    free_by_day: tuple[tuple[dt.date, int], ...]  # (day, free places), the next DAYS_KEPT days


@dataclass(frozen=True)
class Snapshot:
    seen_at: dt.datetime
    services: tuple[ServiceSeen, ...]


class LastSeenCatalogue:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._fetched = 0.0  # monotonic time of the last refresh

    def refresh_if_due(self, client: ApiClient, today: dt.date) -> None:
        if self._fetched and time.monotonic() - self._fetched < CATALOGUE_EVERY_S:
            return
        try:
            services = client.services()
            slots = {s.code: client.slots(s.code, today, DAYS_KEPT) for s in services}
        except errors.ApiError as exc:
            log.info("catalogue not refreshed: %s", exc.code)
            return
        document = {
            "seen_at": dt.datetime.now(CST).isoformat(timespec="seconds"),
            "services": [_service_json(s) for s in services],
            "free": {code: _free_by_day(found) for code, found in slots.items()},
        }
        self._path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._path.with_suffix(".tmp")
        tmp.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self._path)
        self._fetched = time.monotonic()

    def load(self) -> Snapshot | None:
        try:
            document = json.loads(self._path.read_text(encoding="utf-8"))
            services = tuple(
                ServiceSeen(models.Service.parse(models.Obj(raw, "service")),
                            tuple((dt.date.fromisoformat(d), n)
                                  for d, n in document["free"].get(raw["code"], [])))
                for raw in document["services"]
            )  # fmt: skip
            return Snapshot(dt.datetime.fromisoformat(document["seen_at"]), services)
        except (OSError, ValueError, KeyError, TypeError, errors.ApiError):
            return None


def _service_json(s: models.Service) -> dict:
    reason = (
        {"code": s.subsidy_reason.code, "label": s.subsidy_reason.label}
        if s.subsidy_reason
        else None
    )
    return {"code": s.code, "name": s.name, "description": s.description, "icon": s.icon,
            "duration_minutes": s.duration_minutes, "price_fen": s.price_fen,
            "subsidy_fen": s.subsidy_fen, "you_pay_fen": s.you_pay_fen,
            "subsidy_reason": reason}  # fmt: skip


def _free_by_day(slots: list[models.Slot]) -> list[tuple[str, int]]:
    free: dict[str, int] = {}
    for slot in slots:
        day = slot.start.date().isoformat()
        free[day] = free.get(day, 0) + slot.available
    return sorted(free.items())
