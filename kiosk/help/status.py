"""What the hotline worker reads beside the picture: the screen's title and step in Chinese,
the senior's last taps as button labels ("按了 预约上门服务"), and the ring shown. Built on
the GUI thread, read by the publisher's heartbeat thread (it swaps an immutable snapshot).

Nothing typed ever appears: keys that type data are not recorded, and any run of five or
more digits in a label is starred (the backend refuses such text too).
"""

from __future__ import annotations

import re
from collections import deque

from kiosk.locale_pack import LocalePack

MAX_ACTIONS = 5
MAX_TEXT = 40
_DIGIT_RUN = re.compile(r"[0-9０-９]{5,}")
# Screens that are steps of one task: "第 2 步，共 5 步".
TASK_STEPS = {
    "预约上门服务": (
        "booking",
        "booking_day",
        "booking_time",
        "booking_address",
        "booking_summary",
        "booking_receipt",
    ),
    "查询办理进度": ("progress", "progress_detail"),
}


def clean(text: str) -> str:
    """One line, at most MAX_TEXT characters, no long numbers."""
    return _DIGIT_RUN.sub(lambda m: "*" * len(m.group()), " ".join(text.split()))[:MAX_TEXT]


def step_of(screen_id: str) -> str:
    for task, screens in TASK_STEPS.items():
        if screen_id in screens:
            return f"{task} 第 {screens.index(screen_id) + 1} 步，共 {len(screens)} 步"
    return ""


class ScreenStatus:
    """The status part of the help heartbeat, in the worker's language (zh_CN)."""

    def __init__(self, pack: LocalePack) -> None:
        self._pack = pack
        self._actions: deque[str] = deque(maxlen=MAX_ACTIONS)
        self._screen = ""
        self._called_from = ""
        self._ring_seq = 0
        self._snapshot: dict = {}

    def title(self, screen_id: str) -> str:
        return clean(self._pack.screen(screen_id).get("title", "")) if screen_id else ""

    def start(self, called_from: str) -> None:
        """A new help session, called from screen `called_from`."""
        self._actions.clear()
        self._called_from, self._ring_seq = self.title(called_from), 0
        self._publish()

    @property
    def called_from(self) -> str:
        return self._called_from

    def screen(self, screen_id: str) -> None:
        self._screen = screen_id
        self._publish()

    def tapped(self, label: str, ui_key: str = "") -> None:
        """A button tapped: its label in Chinese when it names its locale-pack key."""
        label = clean(self._pack.ui.get(ui_key, "") if ui_key else "") or clean(label)
        if label:
            self._actions.append(clean("按了 " + label))
            self._publish()

    def ring(self, seq: int) -> None:
        self._ring_seq = seq
        self._publish()

    def snapshot(self) -> dict:
        return self._snapshot  # replaced, never changed in place: safe from another thread

    def _publish(self) -> None:
        self._snapshot = {
            "screen_title": self.title(self._screen) or None,
            "called_from": self._called_from or None,
            "step": step_of(self._screen) or None,
            "actions": list(self._actions),
            "ring_seq": self._ring_seq,
        }
