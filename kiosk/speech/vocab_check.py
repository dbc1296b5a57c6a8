"""`kiosk voices check`: which voice-input phrases the configured Vosk model cannot hear.

Vosk silently ignores a grammar word missing from its model's vocabulary (DESIGN.md
"Voice"), so a command phrase with such a word can never be recognized. This loads the
model for a locale (config recognition.model_<locale>) and checks every phrase of the
locale pack's [commands], [synonyms] and the digit tokens, splitting unspaced Chinese
into model words exactly as the recognizer process does. Exit code 0: all known;
1: some unknown (listed); 2: no model configured or it cannot be loaded.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TextIO

from kiosk.speech.grammar import PhraseBook
from kiosk.speech.recognizer import model_problem
from kiosk.speech.recognizer_process import segment


def unknown_phrases(model_path: str, phrases: Iterable[str]) -> list[str]:
    """Phrases with a word the model does not know (loads the model in this process)."""
    import vosk

    vosk.SetLogLevel(-1)
    model = vosk.Model(model_path)

    def known(word: str) -> bool:
        return model.vosk_model_find_word(word) >= 0

    return [p for p in dict.fromkeys(phrases) if segment(p, known) is None]


def check_voices(config: object, locale: str, out: TextIO = sys.stdout) -> int:
    from kiosk.locale_pack import load_pack

    model_path = getattr(config.recognition, f"model_{locale}", "")  # type: ignore[attr-defined]
    problem = model_problem(model_path)
    if problem:
        print(f"{locale}: {problem} (set recognition.model_{locale})", file=out)
        return 2
    phrases = PhraseBook.from_pack(load_pack(locale)).all_phrases()
    try:
        unknown = unknown_phrases(model_path, phrases)
    except Exception as exc:  # vosk raises a bare Exception for a corrupt model
        print(f"{locale}: cannot load {model_path}: {exc}", file=out)
        return 2
    for phrase in unknown:
        print(f"{locale}: not in the model's vocabulary: {phrase}", file=out)
    print(f"{locale}: {len(phrases) - len(unknown)}/{len(phrases)} phrases known", file=out)
    return 1 if unknown else 0
