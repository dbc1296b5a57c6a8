"""The voice kiosk rig of the shell's voice tests, for the benefits screens' voice test."""

from tests.shell.test_voice import voice_kiosk  # noqa: F401  (a fixture, used by name)
