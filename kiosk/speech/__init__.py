"""Speech: prompts out (TTS render/cache/playback) and commands in (mic, Vosk, matcher)."""
