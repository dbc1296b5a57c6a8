"""Where rendered prompts live: a persistent cache for static prompts, a session directory
for dynamic ones.

Static prompts (screen titles, instructions, `[spoken]` messages) are the same for every
citizen, so they are pre-rendered by `kiosk voices build` and kept across restarts.
Dynamic prompts are templates filled at run time; even masked ("张某华", 尾号五六七八)
they are about one person, so they are never kept beyond the session: they go into a
private temporary directory that `clear_session()` empties at session end and that is
removed when the process exits.

The key is text + voice + rate + engine version: a new espeak-ng or pyttsx3 renders anew.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
import weakref
from functools import cache
from pathlib import Path


@cache
def engine_version(espeak_binary: str = "espeak-ng") -> str:
    """ "espeak-ng 1.51 / pyttsx3 2.99" (part of every cache key)."""
    from importlib import metadata  # ~25 ms (email, zipfile, csv): only when keys are made

    try:
        out = subprocess.run(
            [espeak_binary, "--version"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
        espeak = " ".join(out.split()[:4]) or "unknown"  # "eSpeak NG text-to-speech: 1.51"
    except (OSError, subprocess.SubprocessError):
        espeak = "missing"
    try:
        pyttsx3 = metadata.version("pyttsx3")
    except metadata.PackageNotFoundError:
        pyttsx3 = "missing"
    return f"{espeak} / pyttsx3 {pyttsx3}"


def default_cache_dir(configured: str = "") -> Path:
    import platformdirs

    return (
        Path(configured)
        if configured
        else Path(platformdirs.user_cache_dir("civic-kiosk")) / "voices"
    )


class PromptCache:
    def __init__(self, static_dir: Path, version: str) -> None:
        self.static_dir = Path(static_dir)
        self.version = version
        self._session_dir = Path(tempfile.mkdtemp(prefix="kiosk-speech-"))
        # Removes the session directory at exit even if close() is never called.
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._session_dir, True)

    def key(self, text: str, voice: str, rate_wpm: int) -> str:
        material = "\x1f".join((text, voice, str(rate_wpm), self.version))
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def static_path(self, text: str, voice: str, rate_wpm: int) -> Path:
        key = self.key(text, voice, rate_wpm)
        return self.static_dir / key[:2] / f"{key}.wav"

    def session_path(self, text: str, voice: str, rate_wpm: int) -> Path:
        return self._session_dir / f"{self.key(text, voice, rate_wpm)}.wav"

    def lookup(self, text: str, voice: str, rate_wpm: int) -> Path | None:
        """A rendered file for this prompt, static first; None if it must be rendered."""
        for path in (
            self.static_path(text, voice, rate_wpm),
            self.session_path(text, voice, rate_wpm),
        ):
            if path.is_file():
                return path
        return None

    def clear_session(self) -> None:
        """Session end: every dynamic render is deleted."""
        for path in self._session_dir.glob("*.wav"):
            path.unlink(missing_ok=True)

    def close(self) -> None:
        self._cleanup()
