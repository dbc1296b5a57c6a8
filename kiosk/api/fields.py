"""Defensive reading of JSON objects into typed values.

Every accessor checks presence and type and raises `BadResponse` naming the path
(e.g. `items[2].slot.start`), so a backend that drifts from docs/api.md produces one
clean error instead of a KeyError or TypeError deep inside a screen.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .errors import BadResponse


class Obj:
    """A JSON object with typed accessors; `where` is the path used in error messages."""

    def __init__(self, data: Any, where: str = "body"):
        if not isinstance(data, dict):
            raise BadResponse(message=f"{where}: expected an object")
        self._data = data
        self._where = where

    def _path(self, key: str) -> str:
        return f"{self._where}.{key}" if self._where != "body" else key

    def _get(self, key: str, kind: type | tuple[type, ...], name: str, *, optional: bool) -> Any:
        value = self._data.get(key)
        if value is None:
            if optional:
                return None
            raise BadResponse(message=f"{self._path(key)}: missing")
        # bool is an int subclass; a JSON true is never a count or an amount.
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise BadResponse(message=f"{self._path(key)}: expected {name}")
        return value

    def text(self, key: str) -> str:
        return self._get(key, str, "a string", optional=False)

    def opt_text(self, key: str) -> str | None:
        return self._get(key, str, "a string", optional=True)

    def integer(self, key: str) -> int:
        return self._get(key, int, "an integer", optional=False)

    def opt_integer(self, key: str) -> int | None:
        return self._get(key, int, "an integer", optional=True)

    def opt_number(self, key: str) -> float | None:
        value = self._get(key, (int, float), "a number", optional=True)
        return None if value is None else float(value)

    def flag(self, key: str) -> bool:
        return self._get(key, bool, "true/false", optional=False)

    def date(self, key: str) -> dt.date:
        return _parse_date(self.text(key), self._path(key))

    def opt_date(self, key: str) -> dt.date | None:
        raw = self.opt_text(key)
        return None if raw is None else _parse_date(raw, self._path(key))

    def datetime(self, key: str) -> dt.datetime:
        raw = self.text(key)
        try:
            value = dt.datetime.fromisoformat(raw)
        except ValueError:
            raise BadResponse(message=f"{self._path(key)}: not an ISO datetime") from None
        if value.tzinfo is None:
            raise BadResponse(message=f"{self._path(key)}: datetime without offset")
        return value

    def obj(self, key: str) -> Obj:
        return Obj(self._get(key, dict, "an object", optional=False), self._path(key))

    def opt_obj(self, key: str) -> Obj | None:
        value = self._get(key, dict, "an object", optional=True)
        return None if value is None else Obj(value, self._path(key))

    def objs(self, key: str, *, optional: bool = False) -> list[Obj]:
        """A list of objects; `optional` lets a list some routes omit default to empty."""
        values = self._get(key, list, "a list", optional=optional) or []
        return [Obj(v, f"{self._path(key)}[{i}]") for i, v in enumerate(values)]

    def texts(self, key: str) -> tuple[str, ...]:
        values = self._get(key, list, "a list", optional=False)
        if not all(isinstance(v, str) for v in values):
            raise BadResponse(message=f"{self._path(key)}: expected a list of strings")
        return tuple(values)


def _parse_date(raw: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise BadResponse(message=f"{where}: not an ISO date") from None
