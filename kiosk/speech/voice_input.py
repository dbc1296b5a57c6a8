"""VoiceInput: the one object the UI talks to for spoken commands and digits.

    voice = VoiceInput(supervisor, microphone, PhraseBook.from_pack(pack), trailing_silence_s=1.5)
    voice.setGrammar([Option("home.book", "预约上门服务"), ...], digits=False)  # on screen enter
    voice.startListening()          # 点我说话, or automatically after a prompt (config)
    voice.commandMatched -> "home.book" | "back" | "home" | "repeat" | "help" | "yes" | "no"
    voice.heard -> "预约上门服务" (show "我听到：…")

Half-duplex: setSpeaking(True/False) (from the speech output's speaking signal) mutes the
microphone while the kiosk speaks and for 0.5 s after. An unsure match emits
confirmNeeded(phrase); the UI asks "您是说{phrase}吗？" and the service then listens for
是 / 不是 only, answering with commandMatched(original id) or nothing.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.speech.digits import parse_digits
from kiosk.speech.endpoint import Endpointer, Event, level_db, meter
from kiosk.speech.grammar import Grammar, Option, PhraseBook, build_grammar, confirm_grammar
from kiosk.speech.matcher import Outcome, display_text, match, warm_in_background
from kiosk.speech.recognizer import State, Transcript

log = logging.getLogger(__name__)

UNMUTE_DELAY_MS = 500  # the kiosk's own voice must not be heard as a command


class Recognizer(Protocol):
    """What VoiceInput needs from kiosk.speech.recognizer.RecognizerSupervisor."""

    state: State
    notice: str

    def subscribe(
        self, on_state: Callable[[State], None], on_transcript: Callable[[Transcript], None]
    ) -> None: ...
    def stop(self) -> None: ...
    def set_grammar(self, phrases: Sequence[str] | None) -> None: ...
    def check_vocabulary(self, phrases: Sequence[str]) -> None: ...
    def send_audio(self, pcm: bytes) -> None: ...
    def end_utterance(self, utterance: str) -> None: ...
    def cancel_utterance(self) -> None: ...


class VoiceInput(QObject):
    heard = Signal(str)  # what was recognized, for "我听到：…" (may be "" when nothing was)
    commandMatched = Signal(str)  # command id (back, home, …) or option id (home.book, …)
    confirmNeeded = Signal(str)  # the phrase to ask about: "您是说{phrase}吗？"
    notUnderstood = Signal(str)  # heard something that matches nothing (text as in `heard`)
    digitsHeard = Signal(str)  # number entry: the digits in this utterance ("138", "X")
    levelChanged = Signal(float)  # 0..1 microphone level while listening
    listeningChanged = Signal(bool)
    availableChanged = Signal(bool)
    # Supervisor callbacks arrive on its reader thread; these hop to the GUI thread.
    _stateArrived = Signal(object)
    _transcriptArrived = Signal(object)

    def __init__(
        self,
        recognizer: Recognizer,
        microphone: QObject,
        book: PhraseBook,
        *,
        trailing_silence_s: float = 1.5,
        listen_after_prompt: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._recognizer = recognizer
        self._mic = microphone
        self._book = book
        self._endpointer = Endpointer(trailing_silence_s)
        self._listen_after_prompt = listen_after_prompt
        self._screen_grammar = build_grammar((), book)
        self._grammar = self._screen_grammar
        self._confirming: str | None = None  # target id awaiting 是 / 不是
        self._listening = False
        self._available = False
        self._ready = False  # the recognizer is up
        self._mic_problem = ""
        self._speaking = False
        self._muted = False
        self._listen_when_unmuted = False
        self._ids = itertools.count(1)
        self._utterance: str | None = None  # id of the utterance sent for decoding
        self._ended_at = 0.0
        self.last_latency_ms: float | None = None  # end of utterance -> command dispatched
        self._unmute = QTimer(self, singleShot=True, interval=UNMUTE_DELAY_MS)
        self._unmute.timeout.connect(self._unmuted)
        self._stateArrived.connect(self._state_changed)
        self._transcriptArrived.connect(self._transcript)
        microphone.chunk.connect(self._audio)  # type: ignore[attr-defined]
        microphone.failed.connect(self._mic_failed)  # type: ignore[attr-defined]
        recognizer.subscribe(self._stateArrived.emit, self._transcriptArrived.emit)
        self._state_changed(recognizer.state)

    # --- properties for QML / view models ---------------------------------------------------
    def _get_available(self) -> bool:
        return self._available

    def _get_listening(self) -> bool:
        return self._listening

    def _get_notice(self) -> str:
        if self._available:
            return ""
        return self._mic_problem or self._recognizer.notice

    available = Property(bool, _get_available, notify=availableChanged)
    # Why voice input is off (touch-only mode), for the operator screen and selftest.
    notice = Property(str, _get_notice, notify=availableChanged)
    listening = Property(bool, _get_listening, notify=listeningChanged)

    # --- API --------------------------------------------------------------------------------
    def setGrammar(  # noqa: N802
        self, options: Sequence[Option | tuple[str, str] | dict], digits: bool = False
    ) -> None:
        """The current screen's choices (and digit entry); global commands are always added.

        An option is an Option, an (id, label) pair or {"id": ..., "label": ...}; its id is
        the locale-pack ui key, which is also the key of its [synonyms].
        """
        choices = [_as_option(o) for o in options]
        self._screen_grammar = build_grammar(choices, self._book, digits=digits)
        self._confirming = None
        self._use(self._screen_grammar)

    @Slot()
    def startListening(self) -> None:  # noqa: N802
        if not self._available or self._listening:
            return
        if self._muted:
            self._listen_when_unmuted = True
            return
        self._endpointer.reset()
        self._set_listening(True)
        self._mic.start()  # type: ignore[attr-defined]

    @Slot()
    def stopListening(self) -> None:  # noqa: N802
        if self._listening:
            self._recognizer.cancel_utterance()
            self._finish_listening()
        self._listen_when_unmuted = False

    @Slot(bool)
    def answerConfirmation(self, yes: bool) -> None:  # noqa: N802
        """The 是 / 不是 buttons under "您是说…吗？": the touch path of the spoken answer."""
        if self._confirming is None:
            return
        self.stopListening()
        self._answer_confirmation("yes" if yes else "no", "")

    def shutdown(self) -> None:
        """App exit: stop listening, close the microphone, end the recognizer process."""
        self.stopListening()
        self._recognizer.stop()
        shutdown = getattr(self._mic, "shutdown", None)
        if shutdown:
            shutdown()

    @Slot(bool)
    def setSpeaking(self, speaking: bool) -> None:  # noqa: N802
        """Connect to the speech output's speaking signal: mute now, unmute 0.5 s after."""
        self._speaking = speaking
        if speaking:
            self._unmute.stop()
            if not self._muted and self._endpointer.in_speech:
                self._recognizer.cancel_utterance()  # half an utterance is worse than none
                self._endpointer.reset()
            self._muted = True
        elif self._muted:
            self._unmute.start()

    # --- internals --------------------------------------------------------------------------
    def _use(self, grammar: Grammar) -> None:
        self._grammar = grammar
        self._recognizer.set_grammar(grammar.phrases)

    def _set_listening(self, listening: bool) -> None:
        if listening != self._listening:
            self._listening = listening
            self.listeningChanged.emit(listening)

    def _finish_listening(self) -> None:
        self._mic.stop()  # type: ignore[attr-defined]
        self._set_listening(False)
        self.levelChanged.emit(0.0)

    @Slot()
    def _unmuted(self) -> None:
        self._muted = False
        if self._listen_when_unmuted or (self._listen_after_prompt and not self._listening):
            self._listen_when_unmuted = False
            self.startListening()

    @Slot(object)
    def _state_changed(self, state: State) -> None:
        self._ready = state is State.READY
        if self._ready:
            warm_in_background()  # the matcher's tables load while nobody is talking yet
            # Start-up vocabulary check of the whole pack (unknown phrases are logged once).
            self._recognizer.check_vocabulary(self._book.all_phrases())
            self._recognizer.set_grammar(self._grammar.phrases)
        self._update_available()

    @Slot(str)
    def _mic_failed(self, reason: str) -> None:
        log.warning("voice input: %s", reason)
        self._mic_problem = reason  # e.g. no microphone: touch only, the button hides
        self._update_available()

    def _update_available(self) -> None:
        available = self._ready and not self._mic_problem
        if not available and self._listening:
            self._recognizer.cancel_utterance()
            self._finish_listening()  # e.g. the child died mid-utterance: that one is lost
        if available != self._available:
            self._available = available
            self.availableChanged.emit(available)

    @Slot(bytes)
    def _audio(self, pcm: bytes) -> None:
        if not self._listening or self._muted:
            return
        self.levelChanged.emit(meter(level_db(pcm)))
        self._recognizer.send_audio(pcm)
        for event in self._endpointer.feed(pcm):
            if event is Event.END:
                self._utterance = str(next(self._ids))
                self._ended_at = time.perf_counter()
                self._recognizer.end_utterance(self._utterance)
                self._finish_listening()
            elif event is Event.TIMEOUT:
                self.stopListening()

    @Slot(object)
    def _transcript(self, transcript: Transcript) -> None:
        if transcript.utterance != self._utterance:
            return  # from before a restart or a cancelled utterance
        self._utterance = None
        shown = display_text(transcript.text)
        self.heard.emit(shown)
        if self._grammar.digits and self._confirming is None:
            digits = parse_digits(transcript.text)
            if digits and match(transcript.text, self._grammar).outcome is not Outcome.MATCHED:
                self._dispatched()
                self.digitsHeard.emit(digits)
                return
        result = match(transcript.text, self._grammar)
        if self._confirming is not None:
            answer = result.target if result.outcome is Outcome.MATCHED else None
            self._answer_confirmation(answer, shown)
        elif result.outcome is Outcome.MATCHED:
            self._dispatched()
            self.commandMatched.emit(result.target)
        elif result.outcome is Outcome.CONFIRM:
            self._confirming = result.target
            self._use(confirm_grammar(self._book))
            self._listen_when_unmuted = True  # answer right after the question is spoken
            self.confirmNeeded.emit(result.phrase)
            if not self._speaking and not self._muted:
                self._unmute.start()
        else:
            self.notUnderstood.emit(shown)

    def _answer_confirmation(self, answer: str | None, shown: str) -> None:
        target, self._confirming = self._confirming, None
        self._use(self._screen_grammar)
        if answer == "yes":
            self._dispatched()
            self.commandMatched.emit(target)
        elif answer is None:
            self.notUnderstood.emit(shown)

    def _dispatched(self) -> None:
        self.last_latency_ms = (time.perf_counter() - self._ended_at) * 1000


def _as_option(option: Option | tuple[str, str] | dict) -> Option:
    if isinstance(option, Option):
        return option
    if isinstance(option, dict):
        return Option(str(option["id"]), str(option["label"]))
    ident, label = option
    return Option(str(ident), str(label))


def _log_unknown(phrases: list[str]) -> None:
    # Command phrases, not citizen data: safe to log. `kiosk voices check` lists them too.
    log.warning("voice phrases not in the model's vocabulary (never heard): %s", phrases)


def build_voice_input(config: object, pack: object, parent: QObject | None = None) -> VoiceInput:
    """Composition for kiosk/app.py: supervisor (started, loading in the background) + mic."""
    from kiosk.speech.mic import Microphone
    from kiosk.speech.recognizer import RecognizerSupervisor

    recognition = config.recognition  # type: ignore[attr-defined]
    locale = getattr(pack, "locale", "zh_CN")
    model = getattr(recognition, f"model_{locale}", "") if recognition.enabled else ""
    supervisor = RecognizerSupervisor(model, on_unknown_words=_log_unknown)
    voice = VoiceInput(
        supervisor,
        Microphone(recognition.input_device),
        PhraseBook.from_pack(pack),
        trailing_silence_s=recognition.trailing_silence_s,
        listen_after_prompt=recognition.listen_after_prompt,
        parent=parent,
    )
    supervisor.start()
    return voice
