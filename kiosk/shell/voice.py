"""Voice: spoken commands on every screen, as QML sees them (issue 7; docs/voice-input.md).

What can be said is what can be tapped. Every visible, enabled KioskButton offers itself
(ui/components/VoiceTarget.qml): `Voice.offer(key, label)` returns a token, `withdraw(token)`
when it hides, is disabled or goes. `key` is the button's locale-pack ui key (so its
[synonyms] are heard too) or a command id (back, home, repeat, help, yes, no) for the
buttons that are those commands; a button without one is heard by its label. The grammar is
rebuilt from the offers (coalesced, only when they changed); a match emits `chosen(token)`
and that button runs its own onClicked — voice never has a code path of its own. While a
modal overlay covers the screen only its buttons are heard (继续 on the idle warning); the
operator panel turns voice off. On the
identification keypad spoken digits are pressed like keys (kiosk/identify/spoken_id.py).

No voice service for the locale (no model configured) → `enabled` false: the voice bar is
not shown. A service that cannot work (model missing or corrupt, no microphone) → the bar
shows 点我说话 disabled with a plain notice; touch works as always.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.config import KioskConfig
from kiosk.identify.flow import Step
from kiosk.identify.spoken_id import SpokenId
from kiosk.identify.view_model import Identify
from kiosk.locale_pack import LocalePack
from kiosk.shell.i18n import I18n
from kiosk.shell.navigator import Navigator
from kiosk.shell.registry import qml_singleton
from kiosk.shell.screens import IDENTIFY
from kiosk.speech.grammar import Option
from kiosk.speech.output import SpeechOutput
from kiosk.speech.voice_input import VoiceInput

# locale pack -> its voice service, or None when this kiosk has no voice in that locale.
VoiceFactory = Callable[[LocalePack], VoiceInput | None]


def voice_factory(config: KioskConfig) -> VoiceFactory:
    """The real services: build_voice_input when a model is configured for the locale."""

    def make(pack: LocalePack) -> VoiceInput | None:
        recognition = config.recognition
        if not recognition.enabled or not getattr(recognition, f"model_{pack.locale}", ""):
            return None
        from kiosk.speech.voice_input import build_voice_input  # the mic needs QtMultimedia

        return build_voice_input(config, pack)

    return make


@qml_singleton
class Voice(QObject):
    changed = Signal()
    levelChanged = Signal()
    chosen = Signal(int)  # the token of the button to press

    def __init__(
        self,
        factory: VoiceFactory,
        *,
        i18n: I18n,
        navigator: Navigator,
        identify: Identify,
        speech: SpeechOutput,
        covered: Callable[[], bool],
        locked: Callable[[], bool],
        on_activity: Callable[[], None],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._factory, self._i18n, self._nav, self._identify = factory, i18n, navigator, identify
        self._speech, self._on_activity = speech, on_activity
        self._covered = covered  # a modal overlay is open: only its buttons can be pressed
        self._locked = locked  # the operator panel is open: no voice at all
        self._spoken_id = SpokenId(identify, navigator)
        # token -> (option id, label, whether the button is in a modal overlay)
        self._offers: dict[int, tuple[str, str, bool]] = {}
        self._next_token = 1
        self._grammar: tuple[tuple[Option, ...], bool] | None = None
        self._feedback = ""  # 我听到：… / 没听清…
        self._confirm = ""  # 您是说…吗？
        self._level = 0.0
        self._touch_stopped = False  # the press that opened 点我说话's tap stopped listening
        self._voice_caused_entry = False
        self._flush = QTimer(self, singleShot=True, interval=0)
        self._flush.timeout.connect(self._update_grammar)
        self._service: VoiceInput | None = None
        self._locale = ""
        self._build()
        i18n.changed.connect(self._locale_changed)
        navigator.entered.connect(self._entered)
        identify.changed.connect(self._flush.start)  # ID/phone step: digits on or off

    # -- what QML shows -------------------------------------------------------------------
    @Property(bool, notify=changed)
    def enabled(self) -> bool:
        return self._service is not None

    @Property(bool, notify=changed)
    def available(self) -> bool:
        return self._service is not None and self._service.available and not self._locked()

    @Property(bool, notify=changed)
    def listening(self) -> bool:
        return self._service is not None and self._service.listening

    @Property(float, notify=levelChanged)
    def level(self) -> float:
        return self._level

    @Property(str, notify=changed)
    def talkText(self) -> str:
        return self._i18n.pack.text("voice.stop" if self.listening else "voice.talk")

    @Property(str, notify=changed)
    def statusText(self) -> str:
        service, text = self._service, self._i18n.pack.text
        if service is None:
            return ""
        if not service.available:
            return text("voice.off" if service.notice else "voice.loading")
        if service.listening:
            return text("voice.listening")
        return self._feedback or text("voice.hint")

    @Property(str, notify=changed)
    def confirmText(self) -> str:
        return self._confirm

    @property
    def service(self) -> VoiceInput | None:
        return self._service

    # -- what QML calls -------------------------------------------------------------------
    @Slot()
    def talk(self) -> None:
        """点我说话: listen for one utterance (tapping it while listening stops)."""
        service = self._service
        stopped, self._touch_stopped = self._touch_stopped, False
        if service is None or stopped:
            return
        if service.listening:
            service.stopListening()
        elif self.available:
            self._feedback = ""
            service.startListening()
        self.changed.emit()

    @Slot(bool)
    def answer(self, yes: bool) -> None:
        """The 是 / 不是 buttons of "您是说…吗？"."""
        self._confirm = ""
        self.changed.emit()
        if self._service is not None:
            self._service.answerConfirmation(yes)

    @Slot(str, str, bool, result=int)
    def offer(self, key: str, label: str, in_overlay: bool) -> int:
        token, self._next_token = self._next_token, self._next_token + 1
        self._offers[token] = (key or f"label:{label}", label, in_overlay)
        self._flush.start()
        return token

    @Slot(int)
    def withdraw(self, token: int) -> None:
        if self._offers.pop(token, None) is not None:
            self._flush.start()

    # -- from the shell -------------------------------------------------------------------
    def touched(self) -> None:
        """Any touch: a finger answers instead (the talk button's own tap included)."""
        self._touch_stopped = self.listening
        if self._service is not None:
            self._service.stopListening()

    def modal_changed(self) -> None:
        """An overlay opened or closed (waiting, failure, idle warning, operator)."""
        if self._locked() and self._service is not None:
            self._service.stopListening()
        self._flush.start()  # the overlay's buttons, or the screen's again
        self.changed.emit()

    def reset(self) -> None:
        """Session end: stop listening, forget what was heard."""
        if self._service is not None:
            self._service.stopListening()
        self._feedback = self._confirm = ""
        self._spoken_id.reset()
        self.changed.emit()

    def set_factory(self, factory: VoiceFactory) -> None:
        """Voice input switched on or off by a remote setting (between visits)."""
        self.shutdown()
        self._factory = factory
        self._build()

    def shutdown(self) -> None:
        if self._service is not None:
            self._service.shutdown()
            self._service.deleteLater()
            self._service = None

    # -- internals ------------------------------------------------------------------------
    def _build(self) -> None:
        self._locale = self._i18n.locale
        service = self._factory(self._i18n.pack)
        self._service = service
        self._grammar = None
        if service is not None:
            speaking = getattr(self._speech, "speakingChanged", None)
            if speaking is not None:
                speaking.connect(service.setSpeaking)  # half-duplex: muted while the kiosk speaks
            service.availableChanged.connect(self.changed)
            service.listeningChanged.connect(self.changed)
            service.levelChanged.connect(self._level_changed)
            service.heard.connect(self._heard)
            service.commandMatched.connect(self._matched)
            service.confirmNeeded.connect(self._confirm_needed)
            service.notUnderstood.connect(self._not_understood)
            service.digitsHeard.connect(self._digits)
            self._flush.start()
        self.changed.emit()

    def _locale_changed(self) -> None:
        if self._i18n.locale != self._locale:  # another pack: its phrases, maybe its model
            self.shutdown()
            self._feedback = self._confirm = ""
            self._build()

    def _entered(self, _screen: str) -> None:
        if not self._voice_caused_entry:
            self._feedback = ""
        self._confirm = ""
        self._spoken_id.reset()
        self.changed.emit()

    def _update_grammar(self) -> None:
        if self._service is None:
            return
        latest = {key: label for key, label, _layer in self._reachable().values()}
        options = tuple(Option(key, label) for key, label in latest.items())
        digits = self._nav.current == IDENTIFY and self._identify.state.step in (
            Step.ID,
            Step.PHONE,
        )
        if (options, digits) != self._grammar:
            self._grammar = (options, digits)
            self._service.setGrammar(options, digits=digits)
            if self._confirm:  # the question was about a choice that may be gone
                self._confirm = ""
                self.changed.emit()

    def _reachable(self) -> dict[int, tuple[str, str, bool]]:
        """The offers a finger could tap now: an open overlay's, else the screen's."""
        if self._locked():
            return {}
        covered = self._covered()
        return {t: offer for t, offer in self._offers.items() if offer[2] == covered}

    def _level_changed(self, level: float) -> None:
        self._level = level
        self.levelChanged.emit()

    def _heard(self, text: str) -> None:
        self._on_activity()
        self._confirm = ""  # any answer ends a "您是说…吗？" (是 dispatches, 不是 drops it)
        self._feedback = self._i18n.pack.fill("voice.heard", text=text) if text else ""
        self.changed.emit()

    def _matched(self, key: str) -> None:
        self._confirm = ""
        self.changed.emit()
        tokens = [t for t, (k, _label, _layer) in self._reachable().items() if k == key]
        if tokens:  # the newest offer is the one on top (e.g. a screen just loaded)
            self._voice_caused_entry = True
            try:
                self.chosen.emit(tokens[-1])
            finally:
                self._voice_caused_entry = False

    def _confirm_needed(self, phrase: str) -> None:
        self._confirm = self._i18n.pack.fill("voice.confirm", phrase=self._label_for(phrase))
        self.changed.emit()
        self._speech.say(self._confirm)

    def _label_for(self, phrase: str) -> str:
        """The label of the button a phrase means (上门服务 → 预约上门服务): the question names
        what the senior sees. Command phrases and unknown ones are asked as they are."""
        wanted = phrase.replace(" ", "")
        synonyms = self._i18n.pack.synonyms
        for key, label, _layer in reversed(list(self._reachable().values())):
            if wanted in (p.replace(" ", "") for p in (label, *synonyms.get(key, ()))):
                return label
        return phrase

    def _not_understood(self, text: str) -> None:
        heard = self._i18n.pack.fill("voice.heard", text=text) + " " if text else ""
        self._feedback = heard + self._i18n.pack.text("voice.not_understood")
        self.changed.emit()
        self._speech.say(self._i18n.pack.spoken.get("voice.not_understood", ""))

    def _digits(self, digits: str) -> None:
        # How many, not which: the entry shows them, and the bar must not repeat an ID number
        # (e.g. into the hotline's mirrored screen, which masks only the entry).
        self._feedback = self._i18n.pack.fill("voice.heard_digits", count=len(digits))
        self.changed.emit()
        if self._nav.current == IDENTIFY and not self._covered() and not self._locked():
            self._spoken_id.heard(digits)
