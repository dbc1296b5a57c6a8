"""Prompt cache keys and locations (kiosk.speech.cache)."""

from pathlib import Path

from kiosk.speech.cache import PromptCache, default_cache_dir, engine_version


def test_the_key_covers_text_voice_rate_and_engine_version(tmp_path):
    cache = PromptCache(tmp_path, "espeak-ng 1.51 / pyttsx3 2.99")
    newer = PromptCache(tmp_path, "espeak-ng 1.52 / pyttsx3 2.99")
    key = cache.key("您好", "cmn", 180)
    assert (
        len(
            {
                key,
                cache.key("您好！", "cmn", 180),
                cache.key("您好", "en-us", 180),
                cache.key("您好", "cmn", 120),
                newer.key("您好", "cmn", 180),
            }
        )
        == 5
    )
    assert cache.key("您好", "cmn", 180) == key  # stable


def test_the_engine_version_names_both_engines():
    version = engine_version()
    assert version.startswith("eSpeak NG text-to-speech: 1.") and "pyttsx3 2." in version
    assert engine_version("/nonexistent/espeak-ng").startswith("missing")


def test_cache_locations(tmp_path):
    assert default_cache_dir(str(tmp_path)) == tmp_path
    assert default_cache_dir("").name == "voices"
    cache = PromptCache(tmp_path / "static", "v")
    static = cache.static_path("您好", "cmn", 180)
    session = cache.session_path("您好", "cmn", 180)
    assert static.is_relative_to(tmp_path / "static")
    assert not session.is_relative_to(tmp_path)  # dynamic audio never in the persistent dir
    assert cache.lookup("您好", "cmn", 180) is None
    session.write_bytes(b"x")
    assert cache.lookup("您好", "cmn", 180) == session
    cache.clear_session()
    assert cache.lookup("您好", "cmn", 180) is None
    cache.close()
    assert not Path(session.parent).exists()
