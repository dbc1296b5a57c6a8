"""The running kiosk's fleet side (Qt): feeds the usage recorder from the navigator, touches,
voice choices and network failures; applies remote settings at idle moments; answers
screenshot requests with the mirror's masked render. The worker thread does the sending.

    fleet = FleetService(kiosk, state_dir)   # after build_app
    fleet.start(endpoint)                    # once the backend's endpoint is known
    fleet.stop()
"""

from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

from kiosk.api import errors
from kiosk.config import KioskConfig
from kiosk.fleet.usage import task_of
from kiosk.operator_pin import PinGate
from kiosk.shell.voice import voice_factory
from kiosk.terminal.launch_env import SWITCH_EXIT_CODE

if TYPE_CHECKING:  # the agent brings requests, cryptography and the selftest: not at start-up
    from kiosk.fleet.agent import FleetAgent

log = logging.getLogger("kiosk.fleet")
IDLE_CHECK_MS = 2000
_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)


class FleetService(QObject):
    _screenshot = Signal(int)  # from the worker thread to the GUI thread
    _agent_ready = Signal(str, str)  # from the thread that built the agent
    _online = Signal(bool)  # from the worker thread: did the last heartbeat get an answer?

    def __init__(
        self,
        kiosk,
        state_dir: Path,
        agent: FleetAgent | None = None,
        exit_app: Callable[[int], None] = QCoreApplication.exit,  # a test's own event loop
    ) -> None:
        super().__init__(kiosk)
        self._kiosk = kiosk
        self._state_dir = state_dir
        self._exit_app = exit_app
        self.agent = agent
        self._last_error = ""
        self._screen = "home"
        self._idle_timer = QTimer(self, interval=IDLE_CHECK_MS)
        self._idle_timer.timeout.connect(self.idle_moment)
        self._screenshot.connect(self._take_screenshot)
        self._agent_ready.connect(self.start)  # a method: queued to the GUI thread
        self._online.connect(self._set_online)
        kiosk.navigator.entered.connect(self._entered)
        kiosk.navigator.paged.connect(self._paged)
        kiosk.voice.chosen.connect(lambda _token: self._action("voice"))
        kiosk.network.changed.connect(self._network_changed)
        kiosk.session.add_reset(self._visit_ended, first=True)
        kiosk.session.changed.connect(self._session_changed)
        kiosk.waiting.queue = self.queue_offline  # 我的预约 keeps what can wait through it
        kiosk.window.installEventFilter(self)
        self._deferral = ""  # this visit's 24 h grant for the outbox (memory only)

    def _make_agent(self, url: str, token: str) -> None:
        from kiosk.fleet.agent import FleetAgent

        self.agent = FleetAgent(self._kiosk.config, url=url, token=token,
                                state_dir=self._state_dir)  # fmt: skip

    def start(self, url: str, token: str, *, background: bool = True) -> None:
        """background=False: no worker thread (tests run its rounds themselves)."""
        if self.agent is None:
            self._make_agent(url, token)
        self.agent.hooks.on_screenshot = self._screenshot.emit
        self.agent.hooks.on_online = self._online.emit
        self.apply(self.agent.config)  # settings applied before the last restart
        if background:
            self.agent.start()
        self._idle_timer.start()

    def start_when(self, endpoint_future) -> None:
        """Start once the backend's endpoint is known (kiosk.app.start asks only after the first
        frame). The agent is built on the backend's thread, where its imports (HTTP client,
        cryptography, selftest) cost the GUI thread nothing."""

        def resolved(future) -> None:  # on the backend's thread
            if future.exception() is None:
                endpoint = future.result()
                self._make_agent(endpoint.url, endpoint.terminal_token)
                self._agent_ready.emit(endpoint.url, endpoint.terminal_token)

        endpoint_future.add_done_callback(resolved)

    def stop(self) -> None:
        self._idle_timer.stop()
        if self.agent is not None:
            self.agent.stop()

    # -- usage events -----------------------------------------------------------------------
    def _usage(self):
        return self.agent.usage if self.agent is not None else None

    def _entered(self, screen: str) -> None:
        usage = self._usage()
        if usage is None:
            return
        task = task_of(screen, self._kiosk.navigator.pending)
        if screen == "help":  # 呼叫帮助, counted on the screen it was pressed on
            usage.mark("help", self._screen, task_of(self._screen))
            self.agent.worker.wake()  # is the backend there? (offline: offer a callback request)
        usage.screen(screen, task)
        self._screen = screen

    def _paged(self, screen: str) -> None:
        if (usage := self._usage()) is not None:
            usage.mark("page_turn", screen, task_of(screen))

    def _action(self, modality: str) -> None:
        if (usage := self._usage()) is not None:
            usage.action(self._screen, "press", modality, task_of(self._screen))

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in _PRESSES:
            self._action("touch")
        return False

    def _set_online(self, online: bool) -> None:
        """Offline: the home screen says so and offers the catalogue as last seen."""
        snapshot = None if online or self.agent is None else self.agent.catalogue.load()
        self._kiosk.offline.set_active(not online, snapshot)

    def _network_changed(self) -> None:
        kind = self._kiosk.network.failure_kind
        if kind == "offline":
            self._set_online(False)
        if kind and kind != self._last_error and self.agent is not None:
            self.agent.errors.add(f"network_{kind}")
            self.agent.usage.mark("error", self._screen, task_of(self._screen), f"network_{kind}")
        self._last_error = kind

    # -- the outbox -------------------------------------------------------------------------
    def _session_changed(self) -> None:
        """Right after identification (online, by definition): a grant for actions that may
        have to wait if the network drops later in this visit."""
        if self._kiosk.session.is_identified() and not self._deferral and self.agent:
            self._kiosk.network.call(lambda client: client.deferral_grant(), on_ok=self._granted,
                                     on_error=lambda _error: None, handles=(errors.ApiError,))  # fmt: skip

    def _granted(self, token: str) -> None:
        self._deferral = token
        self._kiosk.waiting.set_ready(True)

    def queue_offline(self, kind: str, body: dict, key: str) -> bool:
        """Keep an action that can wait; False when there is no grant to send it with."""
        if not self._deferral or self.agent is None:
            return False
        self.agent.outbox.add(kind, self._deferral, body, key)
        return True

    def _visit_ended(self) -> None:
        self._deferral = ""
        self._kiosk.waiting.set_ready(False)
        if (usage := self._usage()) is not None:
            usage.visit_ended(idle_wipe=self._kiosk.ending_by_idle)
        self._screen = "home"

    # -- remote settings ----------------------------------------------------------------------
    def idle_moment(self) -> None:
        """Every 2 s, if nobody is using the kiosk: apply a waiting remote setting; switch to
        an installed release (exit, and the launcher starts it)."""
        if self.agent is not None and not self._kiosk.session.is_identified():
            self.agent.idle_moment(self.apply)
            if self.agent.switch_release_at_idle():
                self._exit_app(SWITCH_EXIT_CODE)  # the launcher starts `current`

    def apply(self, config: KioskConfig) -> None:
        """Put the remotely set keys into the running kiosk (between visits)."""
        kiosk = self._kiosk
        changed_voice = config.recognition != kiosk.config.recognition
        kiosk.config = config
        kiosk.speech.set_enabled(
            config.speech.enabled
        )  # voice on/off (a silent kiosk still shows all)
        kiosk.preferences.set_defaults(config.speech.volume_step, config.speech.rate)
        kiosk.preferences.reset()
        kiosk.idle.set_config(config.idle)
        kiosk.help.set_config(config.help)
        kiosk.operator.set_gate(PinGate.from_config(config))
        if changed_voice:
            kiosk.voice.set_factory(voice_factory(config))

    # -- screenshots ----------------------------------------------------------------------------
    def _take_screenshot(self, request_id: int) -> None:
        """GUI thread: the mirror's masked render; sent from a short-lived thread."""
        from kiosk.help.mirror.encode import capture, to_jpeg  # Pillow: not at start-up

        try:
            jpeg = to_jpeg(capture(self._kiosk.mirror.grab_masked()))
            document = {"jpeg_base64": base64.b64encode(jpeg).decode(), "masked": True,
                        "identified": self._kiosk.session.is_identified()}  # fmt: skip
        except Exception as exc:  # a failed grab is refused, not a crash
            log.warning("screenshot failed: %s", type(exc).__name__)
            document = {"refused": "grab_failed"}
        threading.Thread(target=self._send_screenshot, args=(request_id, document),
                         daemon=True).start()  # fmt: skip

    def _send_screenshot(self, request_id: int, document: dict) -> None:
        channel = self.agent.channel()
        try:
            channel.send_screenshot(request_id, document)
        except errors.ApiError as exc:
            log.warning("screenshot not sent: %s", exc.code)
        finally:
            channel.close()
