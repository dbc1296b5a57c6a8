"""Pages of a list for screens that must show everything without scrolling (taps only).

The screen says how many items fit its current layout; 更多 steps to the next page and
wraps round after the last. Pure Python, shared by the view models with long lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


class Pager:
    def __init__(self, size: int = 6) -> None:
        self.size = max(1, size)
        self.page = 0

    def resize(self, size: int) -> bool:
        """A new page size (the layout changed); back to the first page. True if it changed."""
        size = max(1, size)
        if size == self.size:
            return False
        self.size, self.page = size, 0
        return True

    def pages(self, count: int) -> int:
        return max(1, -(-count // self.size))

    def items(self, items: Sequence[T]) -> Sequence[T]:
        self.page = min(self.page, self.pages(len(items)) - 1)
        first = self.page * self.size
        return items[first : first + self.size]

    def next(self, count: int) -> None:
        self.page = (self.page + 1) % self.pages(count)

    def reset(self) -> None:
        self.page = 0
