"""The speech-output boundary the rest of the kiosk talks to.

The shell speaks through this Protocol only; kiosk/app.py builds the real service
(pyttsx3/espeak-ng render + QtMultimedia playback) or SilentSpeech when speech is
disabled or the engine is missing, so the kiosk always works, silently if need be.
"""

from __future__ import annotations

from typing import Protocol

RATES = ("slow", "medium", "fast")


class SpeechOutput(Protocol):
    def say(self, text: str) -> None:
        """Stop whatever is playing and speak text (queued render, then playback)."""

    def stop(self) -> None:
        """Stop playback now (any touch calls this)."""

    def set_rate(self, rate: str) -> None:
        """One of RATES."""

    def set_volume_step(self, step: int) -> None:
        """0..5; each step is 4 dB."""

    def set_locale(self, locale: str) -> None:
        """zh_CN or en_US: picks the voice."""

    def reset(self) -> None:
        """Session end: stop, and rate/volume/locale back to the configured defaults."""

    def set_enabled(self, enabled: bool) -> None:
        """Voice on/off (speech.enabled set remotely); off is silent until turned on again."""

    def is_speaking(self) -> bool: ...

    def available(self) -> bool:
        """False when the engine is missing or failing (selftest reports it)."""

    def warm(self) -> None:
        """Get the engine ready ahead of the first prompt that needs a render."""


class SilentSpeech:
    """Speech disabled or unavailable: every call is accepted and nothing is heard."""

    def say(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass

    def set_rate(self, rate: str) -> None:
        pass

    def set_volume_step(self, step: int) -> None:
        pass

    def set_locale(self, locale: str) -> None:
        pass

    def reset(self) -> None:
        pass

    def set_enabled(self, enabled: bool) -> None:
        pass

    def is_speaking(self) -> bool:
        return False

    def available(self) -> bool:
        return False

    def warm(self) -> None:
        pass
