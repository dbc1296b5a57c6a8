"""Help-session mirror (issue 8): publishes the kiosk's frames and screen id to the backend
and brings staff pointer events and hints back. No QML; see docs/help.md."""

from kiosk.help.mirror.encode import MAX_FRAME_BYTES, FrameError
from kiosk.help.mirror.publisher import HelpChannel, MirrorPublisher

__all__ = ["MAX_FRAME_BYTES", "FrameError", "HelpChannel", "MirrorPublisher"]
