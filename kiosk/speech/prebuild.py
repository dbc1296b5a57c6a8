"""`kiosk voices build`: pre-render every static prompt of a locale into the prompt cache.

Static prompts are what entering each screen speaks ("title。instruction") and the
`[spoken]` messages (LocalePack.static_prompts()), put through speakable() as the service
does; they are rendered at every rate (慢/中/快), so a senior who changes the rate does not
wait for synthesis either. Prompts already in the cache
(same text, voice, rate and engine version) are not rendered again. No Qt.
"""

from __future__ import annotations

from kiosk.config import KioskConfig
from kiosk.locale_pack import LocalePackError, load_pack
from kiosk.speech.cache import PromptCache, default_cache_dir, engine_version
from kiosk.speech.render import RATES_WPM, Renderer
from kiosk.speech.speakable import speakable


def build_voices(config: KioskConfig, locale: str, *, renderer: Renderer | None = None) -> int:
    """Exit code: 0 when every prompt is in the cache, 1 otherwise (engine missing, a failed
    render, or no locale pack). Prints one summary line, and each failed prompt (static
    prompts are not personal)."""
    try:
        # Rendered as SpeechService.say will look them up: through speakable().
        prompts = list(
            dict.fromkeys(speakable(p, locale) for p in load_pack(locale).static_prompts())
        )
    except LocalePackError as exc:
        print(f"voices {locale}: {exc}")
        return 1
    own = renderer is None
    renderer = renderer or Renderer(timeout_s=config.speech.render_timeout_s)
    try:
        if not renderer.available():
            print(
                f"voices {locale}: {renderer.espeak_binary} not found; the kiosk will run silently"
            )
            return 1
        cache = PromptCache(
            default_cache_dir(config.speech.cache_dir), engine_version(renderer.espeak_binary)
        )
        voice = getattr(config.speech, f"voice_{locale}")
        rendered = cached = 0
        failed: list[str] = []
        for text in prompts:
            for rate in RATES_WPM[locale].values():
                target = cache.static_path(text, voice, rate)
                if target.is_file():
                    cached += 1
                elif renderer.render(text, voice, rate, target).path is not None:
                    rendered += 1
                else:
                    failed.append(text)
        cache.close()
    finally:
        if own:
            renderer.close()
    print(
        f"voices {locale}: {len(prompts)} prompts × {len(RATES_WPM[locale])} rates: "
        f"{rendered} rendered, {cached} already cached, {len(failed)} failed "
        f"(cache {cache.static_dir})"
    )
    for text in dict.fromkeys(failed):
        print(f"  failed: {text}")
    return 1 if failed else 0
