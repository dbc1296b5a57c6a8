"""Help: 呼叫帮助 — the hotline, a 6-digit help code, consent, then screen mirroring.

Entering help opens a backend session: its code is shown large and spoken digit by digit,
and a dialog asks "允许工作人员查看您的屏幕吗？". 允许 feeds a MirrorPublisher masked frames
(kiosk.help.mirror.view_model) with the banner 工作人员正在协助您 / 结束协助 on every screen;
不允许 keeps the session and its code for the phone call (one code per visit; never shared,
it ends as declined). The publisher starts with the code: it sends a heartbeat every second
with what the screen shows (kiosk.help.status), so the session waits in the hotline's queue
and the worker sees 连接中断 when the kiosk goes away. Staff events come back by queued
signal: a pointer shows a pulsing ring there, a canned hint is shown and spoken, and any
staff event counts as idle activity (`staffActive`). Two minutes before mirror_max_minutes
the banner warns and offers one extension (延长协助). Mirroring stops on 结束协助, idle reset,
session end, the time limit, or when the worker or the backend ends it (said aloud).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable

from PySide6.QtCore import Property, QEnum, QObject, QTimer, Signal, Slot

from kiosk.api import errors
from kiosk.api.help_models import HelpEvent, HelpSession
from kiosk.config import HelpConfig
from kiosk.help.mirror import MirrorPublisher
from kiosk.help.mirror.view_model import Mirror
from kiosk.help.status import ScreenStatus
from kiosk.locale_pack import load_pack
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.registry import qml_singleton
from kiosk.speech import spoken

HELP = "help"
RING_MS = 20_000  # the ring stays this long unless the screen changes or staff point again

# States: idle (nothing asked yet) · opening (waiting for the backend: a code, or consent
# recorded) · asking (code shown, consent dialog open) · phone (no mirroring: declined, ended
# or no code) · mirroring.
# Staff events that count as the worker actively helping (they reset the idle timer).
ACTIVITY = ("joined", "pointer", "hint", "active")


def _code_words(code: str, locale: str) -> str:
    """Digit by digit, a pause after the third digit: 一二三，四五六 (easy to write down)."""
    pause = "，" if locale.startswith("zh") else ", "
    return pause.join(spoken.digits_words(part, locale) for part in (code[:3], code[3:]) if part)


@qml_singleton
class Help(QObject):
    changed = Signal()
    staffActive = Signal()  # the worker is helping: the idle timer starts again

    @QEnum
    class State(enum.IntEnum):  # see the module docstring; QML compares with Help.PHONE etc.
        IDLE, OPENING, ASKING, PHONE, MIRRORING = range(5)

    _event = Signal(str, object)  # session id, HelpEvent (from the publisher's thread)
    _stopped = Signal(str, str)  # session id, reason (from the publisher's thread)
    _warned = Signal(str)  # session id: the time limit is two minutes away

    def __init__(self, deps: ScreenDeps, *, mirror: Mirror):
        super().__init__(deps.owner)
        self._config: HelpConfig = deps.config.help
        self._i18n, self._nav, self._network = deps.i18n, deps.navigator, deps.network
        self._mirror, self._speech = mirror, deps.speech
        # Tests pass MirrorPublisher with a fake clock or a recording subclass.
        self.publisher_factory: Callable[..., MirrorPublisher] = MirrorPublisher
        self._state = "idle"
        self._session: HelpSession | None = None
        self._declined = False  # 不允许 (or left unanswered) on this session
        self._publisher: MirrorPublisher | None = None
        self._hint = ""
        self._ring: tuple[float, float] | None = None
        self._ring_timer = QTimer(self, singleShot=True, interval=RING_MS)
        self._ring_timer.timeout.connect(self._hide_ring)
        self._status = ScreenStatus(load_pack("zh_CN"))  # the hotline reads Chinese
        self._came_from = deps.navigator.current  # the screen 呼叫帮助 is pressed on
        self._warning = False
        self._event.connect(self.staff_event)
        self._stopped.connect(self._on_stopped)
        self._warned.connect(self._on_warning)
        deps.navigator.entered.connect(self._on_screen)
        deps.i18n.changed.connect(self.changed)

    # -- what QML shows -------------------------------------------------------------------
    @Property(int, notify=changed)
    def state(self) -> int:
        return Help.State[self._state.upper()]

    @Property(str, notify=changed)
    def hotlineText(self) -> str:
        return self._i18n.pack.fill("help.hotline", hotline=self._config.hotline)

    @Property(str, notify=changed)
    def codeText(self) -> str:
        """The help code as shown: two groups of three, large."""
        code = self._code
        return f"{code[:3]} {code[3:]}" if code else ""

    @Property(bool, notify=changed)
    def codeVisible(self) -> bool:  # while it ties a phone call to this kiosk (phone-only too)
        return self._state in ("asking", "mirroring", "phone") and bool(self._code)

    @Property(str, notify=changed)
    def placeText(self) -> str:  # where this terminal stands (help.place_name), beside the code
        return self._config.place_name

    @Property(bool, notify=changed)
    def asking(self) -> bool:
        return self._state == "asking"

    @Property(bool, notify=changed)
    def mirroring(self) -> bool:
        return self._state == "mirroring"

    @Property(str, notify=changed)
    def hintText(self) -> str:
        return self._hint

    @Property(bool, notify=changed)
    def ringVisible(self) -> bool:
        return self._ring is not None

    @Property(float, notify=changed)
    def ringX(self) -> float:
        return self._ring[0] if self._ring else 0.0

    @Property(float, notify=changed)
    def ringY(self) -> float:
        return self._ring[1] if self._ring else 0.0

    @Property(bool, notify=changed)
    def timeWarning(self) -> bool:
        """Two minutes before the time limit: the banner says so and offers 延长协助."""
        return self._warning and self._state == "mirroring"

    @Property(bool, notify=changed)
    def canExtend(self) -> bool:
        publisher = self._publisher
        return publisher is not None and publisher.time_limit.can_extend

    @property
    def session(self) -> HelpSession | None:
        return self._session

    def set_config(self, config: HelpConfig) -> None:
        """A new hotline number or place name from a remote setting (between visits)."""
        self._config = config
        self.changed.emit()

    @property
    def publisher(self) -> MirrorPublisher | None:
        return self._publisher

    @property
    def status(self) -> ScreenStatus:
        return self._status

    @property
    def _code(self) -> str:
        return (self._session.code or "") if self._session else ""

    # -- what QML calls -------------------------------------------------------------------
    @Slot()
    def allow(self) -> None:
        session = self._session
        if self._state != "asking" or session is None:
            return
        self._set_state("opening")
        self._network.call(
            lambda client: client.grant_consent(session.id),
            on_ok=lambda _result: self._start_mirroring(session),
            on_dismiss=lambda: self._stop_publisher("declined"),
        )

    @Slot()
    def deny(self) -> None:
        """不允许: no frames; the session (heartbeat) and its code stay for the phone call."""
        if self._state != "asking":
            return
        self._declined = True
        self._set_state("phone")
        self._speech.say(self._i18n.pack.spoken.get("help.phone_only", ""))

    @Slot()
    def askAgain(self) -> None:
        """From phone-only help: the consent question again, with the same code while it lasts."""
        if self._state == "phone":
            self._ask_or_open()

    @Slot()
    def endAssist(self) -> None:
        """结束协助 on the banner."""
        if self._state == "mirroring":
            self.stop("kiosk")
            self._speech.say(self._i18n.pack.spoken.get("help.ended", ""))

    @Slot()
    def extendAssist(self) -> None:
        """延长协助 on the banner: once, EXTEND_S more; said aloud."""
        publisher = self._publisher
        if self._state == "mirroring" and publisher is not None and publisher.extend():
            self._warning = False
            self.changed.emit()
            self._speech.say(self._i18n.pack.spoken.get("help.extended", ""))

    @Slot(str, str, bool)
    def noteTap(self, label: str, ui_key: str, types_data: bool) -> None:
        """Every KioskButton tap: the worker reads its label (in Chinese when the button
        names its locale-pack key). Keys that type data are never recorded."""
        if self._publisher is not None and not types_data:
            self._status.tapped(label, ui_key)

    # -- stop conditions ------------------------------------------------------------------
    def stop(self, reason: str) -> None:
        """Stop now (kiosk | idle | session_end; declined if never shared): the code is spent."""
        if self._declined and self._state != "mirroring":
            reason = "declined"
        self._stop_publisher(reason)
        self._session, self._declined = None, False
        self._hint, self._ring, self._warning = "", None, False
        if self._state == "mirroring":
            self._set_state("phone")

    def reset(self) -> None:
        """Session end: stop mirroring, close any open help session, forget the code."""
        self.stop("session_end")
        self._set_state("idle")

    # -- internals ------------------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        self._state = state
        self.changed.emit()
        if self._nav.current == HELP:
            self._prompt()

    def _prompt(self) -> None:
        """The help screen's instruction follows the state; the code is spoken digit by digit."""
        pack, locale = self._i18n.pack, self._i18n.locale
        code_words = _code_words(self._code, locale)
        if self._state == "asking" and self._code:
            shown = pack.fill("help.code_shown", code=self.codeText)
            said = pack.fill("help.code_spoken", code=code_words) + pack.spoken.get(
                "help.consent", ""
            )
            self._nav.set_dynamic_prompt(shown, said)
        elif self._state in ("mirroring", "phone") and self._code:  # phone: the hotline can join
            self._nav.set_dynamic_prompt(
                pack.fill("help.code_shown", code=self.codeText),
                pack.fill("help.code_spoken", code=code_words),
                speak=False,
            )
        elif self._state == "phone":  # no code (offline): the screen's own prompt
            own = pack.screen(HELP)["instruction"]
            self._nav.set_dynamic_prompt(own, own, speak=False)

    def _ask_or_open(self) -> None:
        """The visit's code while it works (not ended — sharing's end ends it — nor expired)."""
        session, now = self._session, dt.datetime.now(dt.UTC)
        if session is not None and self._publisher is not None and now < session.code_expires_at:
            self._set_state("asking")
        else:
            self._open()

    def _open(self) -> None:
        self._stop_publisher("kiosk")
        self._declined = False
        self._session = None
        self._set_state("opening")
        self._status.start(self._came_from)
        place, called_from = self._config.place_name, self._status.called_from
        # No code (e.g. offline, which may be why help was called): the hotline still helps by
        # phone, so the help screen never shows a failure of its own.
        self._network.call(
            lambda client: client.open_help_session(place, called_from),
            on_ok=self._opened,
            on_error=lambda _error: self._set_state("phone"),
            handles=(errors.ApiError,),
            on_dismiss=lambda: self._set_state("phone"),
        )

    def _opened(self, session: object) -> None:
        assert isinstance(session, HelpSession)
        self._session = session
        self._start_publisher(session)
        if self._nav.current == HELP:
            self._set_state("asking")
        else:  # left the help screen meanwhile (e.g. by voice): not shared; the code stays
            self._declined = True
            self._set_state("phone")

    def _start_publisher(self, session: HelpSession) -> None:
        """Heartbeat and staff events from the code on; frames only after consent."""
        source = self._network.source
        publisher = self.publisher_factory(
            lambda: source.get().sibling(),  # a client of its own per publisher thread
            session.id,
            max_minutes=self._config.mirror_max_minutes,
            on_event=lambda event: self._event.emit(session.id, event),
            on_stopped=lambda reason: self._stopped.emit(session.id, reason),
            on_warning=lambda: self._warned.emit(session.id),
            status=self._status.snapshot,
        )
        self._publisher = publisher
        self._status.screen(self._nav.current)
        publisher.start()

    def _start_mirroring(self, session: HelpSession) -> None:
        publisher = self._publisher
        if publisher is None or self._session is not session:
            self._set_state("phone")  # ended meanwhile (e.g. by the backend)
            return
        self._set_state("mirroring")
        self._speech.say(self._i18n.pack.spoken.get("help.mirroring", ""))
        self._mirror.start(lambda image: publisher.submit(image, self._nav.current))

    def _stop_publisher(self, reason: str) -> None:
        """The publisher ends the backend session with `reason` (once; never blocks)."""
        publisher, self._publisher = self._publisher, None
        self._mirror.stop()
        if publisher is not None:
            publisher.stop(reason)

    def staff_event(self, session_id: str, event: HelpEvent) -> None:
        """A staff event of that session (from the publisher, by queued signal; the tour too)."""
        if self._session is None or session_id != self._session.id or self._publisher is None:
            return  # a late event of a session that has ended
        if event.type in ACTIVITY:
            self.staffActive.emit()
        if self._state != "mirroring":
            return
        pack = self._i18n.pack
        if event.type == "pointer" and event.x is not None and event.y is not None:
            self._ring = (min(1.0, max(0.0, event.x)), min(1.0, max(0.0, event.y)))
            self._status.ring(event.seq)
            self._ring_timer.start()
            self._say_hint(pack.spoken.get("help.ring", ""))
        elif event.type == "hint":
            self._say_hint(pack.spoken.get(f"help.hint.{event.hint_code}") or (event.text or ""))
        elif event.type == "joined":
            self._say_hint(pack.spoken.get("help.joined", ""))

    def _say_hint(self, text: str) -> None:
        self._hint = text
        self.changed.emit()
        if text:
            self._speech.say(text)

    def _on_warning(self, session_id: str) -> None:
        if self._session is None or session_id != self._session.id or self._publisher is None:
            return
        self._warning = True
        self.changed.emit()
        if self._state == "mirroring":
            key = "help.time_warning" if self.canExtend else "help.time_warning_final"
            self._speech.say(self._i18n.pack.spoken.get(key, ""))

    def _on_stopped(self, session_id: str, reason: str) -> None:
        publisher = self._publisher
        if publisher is None or self._session is None or session_id != self._session.id:
            return  # stopped here already (结束协助, idle, session end)
        self._publisher, self._session = None, None  # the backend ended it: the code is spent
        self._mirror.stop()
        self._hint, self._ring, self._warning = "", None, False
        was_mirroring = self._state == "mirroring"
        self._set_state("phone")
        if was_mirroring or publisher.ended_by == "staff":
            key = "help.ended_by_staff" if publisher.ended_by == "staff" else "help.ended"
            self._speech.say(self._i18n.pack.spoken.get(key, ""))

    def _hide_ring(self) -> None:
        if self._ring is not None:
            self._ring = None
            self._status.ring(0)
            if self._hint == self._i18n.pack.spoken.get("help.ring"):
                self._hint = ""  # "请点一下闪动的地方" with nothing flashing would confuse
            self.changed.emit()

    def _on_screen(self, screen_id: str) -> None:
        self._hide_ring()  # the ring pointed at something on the screen that was left
        self._status.screen(screen_id)
        if screen_id != HELP:
            self._came_from = screen_id
            if self._state == "asking":  # left unanswered (e.g. by voice): not shared; code stays
                self._declined = True
                self._set_state("phone")
            return
        if self._state in ("idle", "phone") and not self._nav.returning:
            self._ask_or_open()
        else:
            self._prompt()
