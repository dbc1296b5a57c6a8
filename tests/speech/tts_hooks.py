"""Engine hooks for the pyttsx3 worker (tests only): `python -m kiosk.speech.tts_worker HOOK`.

They wrap the real pyttsx3 engine inside the real child process, so the watchdog and the
fallback are tested against a worker that really hangs or really writes nothing.
"""

import time

HANG_MARKER = "请稍候"  # a render whose text contains this hangs forever


class _Wrapped:
    def __init__(self, engine):
        self._engine = engine

    def connect(self, topic, callback):
        return self._engine.connect(topic, callback)

    def setProperty(self, name, value):  # noqa: N802 - pyttsx3's name
        self._engine.setProperty(name, value)

    def save_to_file(self, text, path):
        self._engine.save_to_file(text, path)

    def runAndWait(self):  # noqa: N802 - pyttsx3's name
        self._engine.runAndWait()


class _Hanging(_Wrapped):
    def save_to_file(self, text, path):
        if HANG_MARKER in text:
            time.sleep(3600)
        super().save_to_file(text, path)


class _WritesNothing(_Wrapped):
    """What pyttsx3 2.99 does for some Chinese texts: reports success, writes no file."""

    def __init__(self, engine):
        super().__init__(engine)
        self._finished = []

    def connect(self, topic, callback):
        if topic == "finished-utterance":
            self._finished.append(callback)

    def save_to_file(self, text, path):
        pass

    def runAndWait(self):  # noqa: N802
        for callback in self._finished:
            callback(name=None, completed=True)


def hanging(engine):
    return _Hanging(engine)


def writes_nothing(engine):
    return _WritesNothing(engine)
