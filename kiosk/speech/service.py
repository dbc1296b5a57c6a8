"""SpeechService: the real SpeechOutput (kiosk/speech/output.py), built in kiosk/app.py.

GUI thread: say() looks the prompt up in the cache and plays it at once, or queues a
render; stop() stops playback synchronously. A render thread owns the Renderer (which
owns the pyttsx3 child process) and hands each verified WAV back by a queued signal,
so nothing blocking ever runs on the GUI thread. Only the newest request counts: a
render finished for a prompt the senior has already moved past is not played.

is_speaking() is true from say() until the prompt has finished playing (including the
render before it), so the shell can pause its idle timers; speakingChanged tells it.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from kiosk.config import KioskConfig
from kiosk.speech.cache import PromptCache, default_cache_dir, engine_version
from kiosk.speech.output import RATES, SilentSpeech, SpeechOutput
from kiosk.speech.player import VOLUME_STEPS, Player
from kiosk.speech.render import RATES_WPM, Renderer
from kiosk.speech.speakable import speakable

log = logging.getLogger(__name__)


_SENTENCE = re.compile(r"[^。！？!?.]+")


def sentences(text: str) -> frozenset[str]:
    """The sentences of a prompt without their end marks: a prompt is static when every
    sentence of it is (e.g. a screen's title with a step's [spoken] prompt on 重听)."""
    return frozenset(piece.strip() for piece in _SENTENCE.findall(text)) - {""}


def pack_prompts(locale: str) -> list[str]:
    """The static prompts of a locale pack (empty if the pack is missing: all dynamic)."""
    from kiosk.locale_pack import LocalePackError, load_pack

    try:
        return load_pack(locale).static_prompts()
    except LocalePackError:
        log.warning("no locale pack for %s; every prompt is treated as dynamic", locale)
        return []


class SpeechService(QObject):
    speakingChanged = Signal(bool)
    started = Signal()  # audio of a prompt began
    finished = Signal()  # a prompt ended, was stopped, or could not be played
    availableChanged = Signal(bool)
    _rendered = Signal(int, str)  # render thread → GUI thread: generation, path ("" = failed)

    def __init__(
        self,
        config: KioskConfig,
        *,
        renderer: Renderer | None = None,
        static_prompts: Callable[[str], Iterable[str]] = pack_prompts,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        speech = config.speech
        self._enabled = speech.enabled
        self._voices = {"zh_CN": speech.voice_zh_CN, "en_US": speech.voice_en_US}
        self._defaults = (config.display.locale, speech.rate, speech.volume_step)
        self.renderer = renderer or Renderer(timeout_s=speech.render_timeout_s)
        self._cache_dir = speech.cache_dir
        self._static_prompts = static_prompts
        self._static: dict[str, frozenset[str]] = {}
        self._player = Player(self)
        self._player.started.connect(self.started)
        self._player.finished.connect(self._on_finished)
        self._rendered.connect(self._on_rendered)
        self._generation = 0
        self._pending = False
        self._speaking = False
        self._available = self._enabled and self.renderer.available()
        self._locale, self._rate, self._step = self._defaults
        self._player.set_step(self._step)
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._render_loop, name="kiosk-tts", daemon=True)
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    # SpeechOutput ---------------------------------------------------------------

    def warm(self) -> None:
        """Start the pyttsx3 worker now, not at the first render (kiosk.app.start: once the
        home screen has its first frame, for the worker competes for the cores)."""
        if self._available:
            self._jobs.put("warm")

    def say(self, text: str) -> None:
        self._generation += 1
        self._pending = True  # is_speaking stays true across the switch to the new prompt
        self._player.stop()
        self._pending = False
        text = speakable(text.strip(), self._locale)  # guarded; numbers, dates, times in words
        if text and self.available():
            voice, rate = self._voices[self._locale], RATES_WPM[self._locale][self._rate]
            path = self.cache.lookup(text, voice, rate)
            if path is not None:
                self._player.play(path)
            else:
                self._pending = True
                target = (
                    self.cache.static_path(text, voice, rate)
                    if sentences(text) <= self._static_sentences(self._locale)
                    else self.cache.session_path(text, voice, rate)
                )
                self._jobs.put((self._generation, text, voice, rate, target))
        self._update_speaking()

    def stop(self) -> None:
        self._generation += 1  # a render still running is not played
        self._pending = False
        self._player.stop()
        self._update_speaking()

    def set_rate(self, rate: str) -> None:
        if rate in RATES:
            self._rate = rate

    def set_volume_step(self, step: int) -> None:
        self._step = max(0, min(VOLUME_STEPS - 1, int(step)))
        self._player.set_step(self._step)

    def set_locale(self, locale: str) -> None:
        if locale in self._voices and locale in RATES_WPM:
            self._locale = locale

    def reset(self) -> None:
        """Session end: silence, defaults back, and every dynamic render deleted."""
        self.stop()
        self._locale, self._rate, _ = self._defaults
        self.set_volume_step(self._defaults[2])
        self.cache.clear_session()

    def set_enabled(self, enabled: bool) -> None:
        """Voice on/off at an idle moment (a remote setting, issue 15): off stops at once."""
        self._enabled = enabled
        if not enabled:
            self.stop()
        available = enabled and self.renderer.available()
        if available != self._available:
            self._available = available
            self.availableChanged.emit(available)
        self.warm()

    def is_speaking(self) -> bool:
        return self._pending or self._player.playing

    def available(self) -> bool:
        return self._available

    # Extras for the shell, selftest and tests ------------------------------------

    @cached_property
    def cache(self) -> PromptCache:
        """Made at the first prompt, after the home screen's first frame: its keys carry the
        engine version, which asks espeak-ng and the package metadata (~30 ms)."""
        version = engine_version(self.renderer.espeak_binary)
        return PromptCache(default_cache_dir(self._cache_dir), version)

    @property
    def volume_step(self) -> int:
        return self._step

    @property
    def rate(self) -> str:
        return self._rate

    @property
    def locale(self) -> str:
        return self._locale

    def close(self) -> None:
        """Stop the render thread and the worker process; delete the session audio."""
        if not self._thread.is_alive():
            return
        self.stop()
        self._jobs.put(None)
        self._thread.join(timeout=10)
        self.renderer.close()
        if "cache" in self.__dict__:  # the cached_property was made
            self.cache.close()

    # Internals -------------------------------------------------------------------

    def _static_sentences(self, locale: str) -> frozenset[str]:
        """Every sentence of the locale's static prompts: text made only of these carries
        nothing personal and may go to the persistent cache."""
        if locale not in self._static:
            prompts = self._static_prompts(locale)
            self._static[locale] = frozenset().union(
                *(sentences(speakable(p, locale)) for p in prompts)
            )
        return self._static[locale]

    def _render_loop(self) -> None:
        while (job := self._jobs.get()) is not None:
            if job == "warm":
                self.renderer.warm()
                continue
            generation, text, voice, rate, target = job
            if generation != self._generation:
                continue  # superseded before it started
            if target.is_file():  # rendered meanwhile for an earlier request (重听 twice)
                self._rendered.emit(generation, str(target))
                continue
            result = self.renderer.render(text, voice, rate, target)
            self._rendered.emit(generation, str(result.path or ""))
            if self._jobs.empty():
                self.renderer.warm()  # a worker killed by the watchdog comes back now

    @Slot(int, str)
    def _on_rendered(self, generation: int, path: str) -> None:
        available = self._enabled and self.renderer.available()
        if available != self._available:
            self._available = available
            log.warning("speech output %s", "available again" if available else "unavailable")
            self.availableChanged.emit(available)
        if generation != self._generation:
            return
        self._pending = False
        if path:
            self._player.play(Path(path))
        self._update_speaking()

    @Slot()
    def _on_finished(self) -> None:
        self.finished.emit()
        self._update_speaking()

    def _update_speaking(self) -> None:
        speaking = self.is_speaking()
        if speaking != self._speaking:
            self._speaking = speaking
            self.speakingChanged.emit(speaking)


def build_speech(config: KioskConfig) -> SpeechOutput:
    """What kiosk/app.py speaks through: SpeechService, or SilentSpeech when speech is
    disabled in config and no operator can turn it on remotely (fleet.enabled = false).
    Without espeak-ng the service itself stays silent."""
    wanted = config.speech.enabled or config.fleet.enabled
    return SpeechService(config) if wanted else SilentSpeech()
