"""Navigator: the screen stack. QML's Loader shows `source`; the bottom bar calls back/home/repeat.

Entering a screen shows and speaks its title and instruction (from the locale pack);
重听 speaks the current prompt again. A screen that needs the citizen's identity is
reached through identification: go("booking") pushes "identify", and when the citizen
is confirmed identify is replaced by "booking", so 返回 leads back to where they came from.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.shell.i18n import I18n
from kiosk.shell.registry import qml_singleton
from kiosk.shell.screens import HOME, IDENTIFY, SCREENS
from kiosk.speech.output import SpeechOutput


@qml_singleton
class Navigator(QObject):
    changed = Signal()
    entered = Signal(str)  # screen id, after the switch (voice input, mirroring listen here)
    paged = Signal(str)  # screen id: its content turned a page (usage events, issue 15)

    def __init__(
        self,
        i18n: I18n,
        speech: SpeechOutput,
        *,
        speak_on_enter: bool,
        is_identified,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._i18n = i18n
        self._speech = speech
        self._speak_on_enter = speak_on_enter
        self._is_identified = is_identified  # () -> bool, from the session
        self._stack: list[str] = [HOME]
        self._pending: str | None = None  # where to go once identified
        self._step_prompt: str | None = None  # [spoken] key replacing the screen's instruction
        self._dynamic: tuple[str, str] | None = None  # (shown, spoken) made of the citizen's data
        self._returning = False  # this entering is a 返回 to a screen left with its input kept
        i18n.changed.connect(self.changed)

    # -- state QML binds to -------------------------------------------------------------
    @Property(str, notify=changed)
    def current(self) -> str:
        return self._stack[-1]

    @Property(str, notify=changed)
    def source(self) -> str:
        return SCREENS[self.current].qml

    @Property(int, notify=changed)
    def depth(self) -> int:
        return len(self._stack)

    @Property(bool, notify=changed)
    def canGoBack(self) -> bool:
        return len(self._stack) > 1

    @Property(str, notify=changed)
    def title(self) -> str:
        return self._i18n.pack.screen(self.current)["title"]

    @Property(str, notify=changed)
    def instruction(self) -> str:
        if self._step_prompt is not None:
            return self._i18n.pack.spoken.get(self._step_prompt, "")
        if self._dynamic is not None:
            return self._dynamic[0]
        return self._i18n.pack.screen(self.current)["instruction"]

    @property
    def returning(self) -> bool:
        """True while `entered` reports a 返回 (e.g. from 呼叫帮助): keep the screen's input."""
        return self._returning

    @property
    def pending(self) -> str | None:
        return self._pending

    # -- actions --------------------------------------------------------------------------
    @Slot(str)
    def go(self, screen_id: str) -> None:
        spec = SCREENS.get(screen_id)
        if spec is None or screen_id == self.current:
            return
        if screen_id == HOME:
            self.home()
            return
        if spec.needs_identity and not self._is_identified():
            self._pending = screen_id
            screen_id = IDENTIFY
        self._stack.append(screen_id)
        self._enter()

    @Slot()
    def back(self) -> None:
        if len(self._stack) > 1:
            self._stack.pop()
            if self.current != IDENTIFY:
                self._pending = None
            self._returning = True
            try:
                self._enter()
            finally:
                self._returning = False

    @Slot()
    def home(self) -> None:
        self._stack = [HOME]
        self._pending = None
        self._enter()

    @Slot()
    def pageTurned(self) -> None:
        """▲/▼ of a paged screen or 更多 of a list was pressed (PagedView, PageHeader)."""
        self.paged.emit(self.current)

    @Slot()
    def repeat(self) -> None:
        self._speech.say(self.prompt)

    @property
    def prompt(self) -> str:
        """What entering the screen (and 重听) speaks: the locale pack's screen prompt, with the
        step's or the citizen's sentence in place of the instruction when there is one."""
        if self._step_prompt is not None:
            return self._i18n.pack.screen_prompt(self.current, self.instruction)
        if self._dynamic is not None:
            return self._i18n.pack.screen_prompt(self.current, self._dynamic[1])
        return self._i18n.pack.screen_prompt(self.current)

    def restart_at(self, screen_id: str) -> None:
        """A task is done (e.g. booked): show its outcome with only home behind it, so 返回
        cannot lead back into the finished steps."""
        if screen_id in SCREENS:
            self._stack = [HOME, screen_id]
            self._pending = None
            self._enter()

    def identity_confirmed(self) -> None:
        """Identification succeeded: continue to the screen that asked for it (or home)."""
        target, self._pending = self._pending, None
        if self.current == IDENTIFY:
            self._stack.pop()
        if target is None:
            self._enter()
        else:
            self._stack.append(target)
            self._enter()

    def set_step_prompt(self, spoken_key: str | None, *, speak: bool = True) -> None:
        """A screen's step changed (e.g. ID → phone digits): show and speak that step's prompt
        (a [spoken] key, so it follows a language switch); None restores the screen's own."""
        self._step_prompt = spoken_key
        self.changed.emit()
        if speak and self._speak_on_enter:
            self._speech.say(self.instruction)

    def set_dynamic_prompt(self, shown: str, spoken: str, *, speak: bool = True) -> None:
        """The current screen's instruction is made of the citizen's data (e.g. what is happening
        with an application): shown as is, spoken with dates and amounts in words, on 重听 too.
        Call it from an `entered` handler with speak=False to have it spoken on entering.
        Cleared when the screen changes."""
        self._dynamic = (shown, spoken)
        self.changed.emit()
        if speak and self._speak_on_enter:
            self._speech.say(self.prompt)

    def reset(self) -> None:
        """Session end: back to home without speaking (the kiosk is now unattended)."""
        self._stack = [HOME]
        self._pending = None
        self._step_prompt = None
        self._dynamic = None
        self.changed.emit()
        self.entered.emit(HOME)

    def _enter(self) -> None:
        self._step_prompt = None
        self._dynamic = None
        self.changed.emit()
        self.entered.emit(self.current)
        if self._speak_on_enter:
            self._speech.say(self.prompt)
