"""Composition root: builds the services and view models, registers them with QML, loads ui/.

build_app() is what tests, the tour and `kiosk run` share; run() adds the backend
(embedded demo child process or a configured server) and the full-screen window.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk import qr, qt_refcount_fix, resources
from kiosk.benefits import feature as benefits
from kiosk.booking import feature as booking
from kiosk.config import WINDOW_SIZES, KioskConfig
from kiosk.devices.card_reader import CardReader, build_card_reader
from kiosk.embedded_backend import BackendEndpoint, EmbeddedBackend, RemoteBackend, backend_for
from kiosk.fleet import feature as fleet_feature
from kiosk.fleet.paths import state_dir_for
from kiosk.fleet.service import FleetService
from kiosk.help import feature as help_feature
from kiosk.identify import feature as identify
from kiosk.identify.demo_cards import DemoCards
from kiosk.operator_pin import PinGate
from kiosk.orders import feature as orders
from kiosk.progress import feature as progress
from kiosk.shell import registry
from kiosk.shell.deps import ScreenDeps
from kiosk.shell.i18n import I18n
from kiosk.shell.idle import Idle
from kiosk.shell.navigator import Navigator
from kiosk.shell.network import ClientSource, Network
from kiosk.shell.operator import Operator
from kiosk.shell.preferences import Preferences
from kiosk.shell.screens import HOME
from kiosk.shell.session import Session
from kiosk.shell.touch import TouchFilter
from kiosk.shell.voice import Voice, VoiceFactory, voice_factory
from kiosk.shell.wrapup import Wrapup
from kiosk.speech.output import SilentSpeech, SpeechOutput
from kiosk.speech.service import build_speech
from kiosk.terminal.launch_env import mark_started
from kiosk.terminal.watchdog import GuiWatchdog

if TYPE_CHECKING:
    from kiosk.api import ApiClient
    from kiosk.selftest import Check

log = logging.getLogger(__name__)

# PySide's ConnectionType has no `|`: queued and single-shot combined by value.
_QUEUED_ONCE = Qt.ConnectionType(
    Qt.ConnectionType.QueuedConnection.value | Qt.ConnectionType.SingleShotConnection.value
)


def _client_for(config: KioskConfig, endpoint: BackendEndpoint) -> ApiClient:
    """Called off the GUI thread (ClientSource.resolve_in_background)."""
    from kiosk.api.client import ApiClient

    b = config.backend
    return ApiClient(
        endpoint.url, endpoint.terminal_token,
        connect_timeout=b.connect_timeout_s, read_timeout=b.read_timeout_s, retries=b.retries,
    )  # fmt: skip


def _warm_up_modules() -> None:
    I18n.warm()
    qr.warm()


class KioskApp(QObject):
    """One kiosk: its view models, QML engine and window. Several may exist (tests, tour)."""

    def __init__(
        self,
        config: KioskConfig,
        *,
        source: ClientSource,
        speech: SpeechOutput,
        card_reader: CardReader | None,
        voice: VoiceFactory,
    ):
        super().__init__()
        self.config = config
        self.speech = speech
        self.card_reader = card_reader
        self.endpoint: BackendEndpoint | None = None
        self.ending_by_idle = False
        speech.set_rate(config.speech.rate)
        speech.set_volume_step(config.speech.volume_step)
        self.deps = self._build_shell(source)
        self._build_features()
        self._build_overlays(voice)
        self._wire()
        self._load_qml()

    def _build_shell(self, source: ClientSource) -> ScreenDeps:
        """What every screen shares, made once and handed to every feature as ScreenDeps."""
        config, speech = self.config, self.speech
        self.i18n = I18n(config.display.locale, speech, parent=self)
        self.preferences = Preferences(config, speech, parent=self)
        self.network = Network(source, self.i18n, speech, parent=self)
        self.session = Session(
            demo_mode=config.demo_mode, network=self.network, speech=speech, parent=self
        )
        self.navigator = Navigator(
            self.i18n, speech, speak_on_enter=config.speech.speak_on_enter,
            is_identified=self.session.is_identified, parent=self,
        )  # fmt: skip
        return ScreenDeps(
            config=config, i18n=self.i18n, navigator=self.navigator, network=self.network,
            session=self.session, speech=speech, card_reader=self.card_reader, owner=self,
        )  # fmt: skip

    def _build_features(self) -> None:
        """One build(deps) per task; the volunteer is looked up late (help is built last)."""
        deps = self.deps
        self.identify = identify.build(deps)
        self.demo_cards = DemoCards(
            demo_mode=self.config.demo_mode, i18n=self.i18n, navigator=self.navigator,
            network=self.network, card_reader=self.card_reader, parent=self,
        )  # fmt: skip
        self.booking = booking.build(deps, volunteer_id=lambda: self.volunteer.volunteer_id())
        self.booking_receipt = self.booking.receipt
        self.orders = orders.build(deps, booking=self.booking)
        self.progress = progress.build(deps)
        self.benefits = benefits.build(deps)
        self.idle = Idle(
            self.config.idle, i18n=self.i18n, speech=self.speech, engaged=self._engaged,
            expire=self._idle_expired, parent=self,
        )  # fmt: skip
        self.wrapup = Wrapup(
            self.config.idle.wrapup_s, i18n=self.i18n, navigator=self.navigator,
            speech=self.speech, end_visit=self.session.end, parent=self,
        )  # fmt: skip
        helping = help_feature.build(deps)
        self.help, self.mirror, self.volunteer = helping.help, helping.mirror, helping.volunteer
        self.offline, self.waiting = fleet_feature.build(
            deps, hotline=lambda: self.config.help.hotline
        )
        self.orders.offline = self.waiting  # 改约 and 评价 that must wait for the network
        self.help.staffActive.connect(self.idle.keep_alive)  # a worker helping (issue 13)

    def _build_overlays(self, voice: VoiceFactory) -> None:
        """The operator panel and voice input, over every screen."""
        config = self.config
        self.operator = Operator(
            config, gate=PinGate.from_config(config),
            run_checks=self._run_checks,
            i18n=self.i18n, preferences=self.preferences, card_reader=self.card_reader, parent=self,
        )  # fmt: skip
        self.voice = Voice(
            voice, i18n=self.i18n, navigator=self.navigator, identify=self.identify,
            speech=self.speech, covered=self._covered, locked=lambda: self.operator.state != Operator.State.CLOSED,
            on_activity=self.idle.touch, parent=self,
        )  # fmt: skip

    def _view_models(self) -> tuple[QObject, ...]:
        return (self.i18n, self.preferences, self.network, self.session, self.navigator,
                self.identify, self.demo_cards, self.progress, self.benefits, self.booking,
                self.booking_receipt, self.orders, self.idle, self.wrapup, self.help, self.mirror,
                self.volunteer, self.operator, self.voice, self.offline, self.waiting)  # fmt: skip

    def _wire(self) -> None:
        for view_model in (self.network, self.idle, self.operator):
            view_model.changed.connect(self.voice.modal_changed)
        # Everything that holds citizen data or per-visit settings is wiped at session end.
        for reset in (self.identify.reset, self.progress.reset, self.booking.reset, self.orders.reset, self.navigator.reset, self.preferences.reset,
                      self.i18n.reset, self.idle.reset, self.wrapup.reset, self.help.reset, self.volunteer.reset, self.voice.reset):  # fmt: skip
            self.session.add_reset(reset)

    def _load_qml(self) -> None:
        self.engine = QQmlApplicationEngine()
        self.qml_warnings: list[str] = []
        self.engine.warnings.connect(self._on_qml_warnings)
        for view_model in self._view_models():
            registry.bind(self.engine, view_model)
        self.engine.addImportPath(str(resources.QML_IMPORT_DIR))
        self.engine.loadFromModule("ui", "Main")
        roots = self.engine.rootObjects()
        if not roots or not isinstance(roots[0], QQuickWindow):
            raise RuntimeError(f"ui/Main.qml did not load: {self.qml_warnings}")
        self.window: QQuickWindow = roots[0]
        self.mirror.attach(self.window)
        self.touch_filter = TouchFilter(self.speech, self._touched, parent=self)
        self.window.installEventFilter(self.touch_filter)
        self.set_orientation(self.config.display.orientation)
        self._after_first_frame: list[Callable[[], None]] = []
        # Once: with a render thread, frames swap there and several calls could be queued.
        self.window.frameSwapped.connect(self._first_frame, _QUEUED_ONCE)

    def after_first_frame(self, *callbacks: Callable[[], None]) -> None:
        """Run callbacks on the GUI thread once the window has drawn its first frame."""
        self._after_first_frame.extend(callbacks)

    @Slot()
    def _first_frame(self) -> None:  # a queued call when a render thread swapped the frame
        QTimer.singleShot(0, self._run_after_first_frame)  # once the swap's handlers are done

    def _run_after_first_frame(self) -> None:
        callbacks, self._after_first_frame = self._after_first_frame, []
        for callback in callbacks:
            callback()

    def warm_up(self) -> None:
        """What a visit will need soon: the speech engine; on a thread, the other locales and
        the QR code modules."""
        self.speech.warm()
        threading.Thread(target=_warm_up_modules, name="kiosk-warm-up", daemon=True).start()

    def _run_checks(self) -> list[Check]:
        """In the operator panel's worker: the selftest module is imported there, when run."""
        from kiosk import selftest

        return selftest.run_checks(self.config, endpoint=self.endpoint)

    def _idle_expired(self) -> None:
        self.help.stop("idle")  # before the session end, so the backend hears why
        self.ending_by_idle = True  # the usage events tell an idle wipe from 结束
        try:
            self.session.end()
        finally:
            self.ending_by_idle = False

    def _touched(self) -> None:
        self.idle.touch()
        self.wrapup.touched()  # a touch answers 还要办别的事吗？
        self.voice.touched()  # a finger answers instead: stop listening

    def _covered(self) -> bool:
        """A modal overlay covers the screen: voice may press its buttons, not the screen's."""
        return self.network.busy or self.network.failed or self.idle.warning

    def _engaged(self) -> bool:
        return self.session.is_identified() or self.navigator.current != HOME

    def _on_qml_warnings(self, warnings) -> None:
        for warning in warnings:
            self.qml_warnings.append(warning.toString())
            log.warning("QML: %s", warning.toString())

    def set_orientation(self, orientation: str) -> None:
        width, height = WINDOW_SIZES[orientation]
        self.window.resize(width, height)

    def show(self, *, fullscreen: bool) -> None:
        if fullscreen:
            from PySide6.QtCore import Qt  # its ~100 enums take ~20 ms to make: only here

            self.window.setFlag(Qt.WindowType.FramelessWindowHint, True)
            self.window.showFullScreen()
        else:
            self.window.show()

    def attach_backend(self, endpoint_future: Future[BackendEndpoint]) -> None:
        """Use the backend once it is up; until then calls wait in the worker (GUI stays live)."""
        source = self.network.source

        def resolved(future: Future[BackendEndpoint]) -> None:  # on the backend's thread
            if future.exception() is None:  # (a configured server's is done: here, at once)
                self.endpoint = future.result()
            source.resolve_in_background(lambda: _client_for(self.config, future.result()))

        endpoint_future.add_done_callback(resolved)

    def close(self) -> None:
        self.idle.stop()
        self.wrapup.stop()
        self.help.stop("kiosk")
        if self.card_reader is not None:
            self.card_reader.set_listener(None)
        self.network.shutdown()
        self.operator.shutdown()
        self.voice.shutdown()
        self.window.close()
        # Delete the engine (and the window, its root object) now, while every view model it
        # binds to is still alive; only then forget the bindings.
        forget = registry.unbinder(self.engine)
        self.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        forget()


def build_app(
    config: KioskConfig,
    *,
    api_client: ApiClient | None = None,
    speech: SpeechOutput | None = None,
    card_reader: CardReader | None = None,
    voice: VoiceFactory | None = None,
) -> KioskApp:
    """The kiosk with its window loaded (not shown). Without api_client, a configured backend.url
    is used; in demo mode call attach_backend() with the embedded backend's endpoint future.
    voice: locale pack -> voice input service (default: build_voice_input when a model is
    configured for that locale; tests pass a scripted or Korean-phrased one)."""
    qt_refcount_fix.apply()  # tests and benchmarks enter here, not through kiosk.cli
    if QGuiApplication.instance() is None:
        QGuiApplication(sys.argv[:1])
    source = ClientSource(api_client)
    if api_client is None and not config.demo_mode:
        endpoint = BackendEndpoint(config.backend.url, config.backend.terminal_token, demo=False)
        source.resolve_in_background(partial(_client_for, config, endpoint))
    return KioskApp(
        config, source=source, speech=speech or SilentSpeech(),
        card_reader=card_reader, voice=voice or voice_factory(config),
    )  # fmt: skip


@dataclass
class Running:
    """A started kiosk (start()): exec() runs it until exit, then stops everything."""

    qt_app: QGuiApplication
    kiosk: KioskApp
    backend: RemoteBackend | EmbeddedBackend
    watchdog: GuiWatchdog
    fleet: FleetService | None = None

    def exec(self) -> int:
        try:
            return self.qt_app.exec()
        finally:
            self.watchdog.stopping()
            if self.fleet is not None:
                self.fleet.stop()
            self.kiosk.close()
            self.backend.stop()


def start(config: KioskConfig, *, windowed: bool) -> Running:
    """All that `kiosk run` does before its event loop (the start-up benchmark and the
    start-up import test time and inspect exactly this): the kiosk built and shown; the
    welcome, the backend and the warm-ups queued for its first frame."""
    qt_refcount_fix.apply()
    qt_app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    backend = backend_for(config)
    kiosk = build_app(config, card_reader=build_card_reader(config), speech=build_speech(config))
    kiosk.operator.exitRequested.connect(qt_app.quit)
    watchdog = GuiWatchdog(parent=kiosk)  # READY=1 and WATCHDOG=1 when run by systemd
    kiosk.show(fullscreen=not windowed and config.display.fullscreen)
    # The home screen first: the welcome, the demo backend's start (a child process that
    # competes for the two cores), the fleet side once the backend is known, the warm-ups.
    fleet = FleetService(kiosk, state_dir_for(config)) if config.fleet.enabled else None

    def backend_up() -> None:
        endpoint_future = backend.start()
        kiosk.attach_backend(endpoint_future)
        if fleet is not None:
            fleet.start_when(endpoint_future)  # heartbeats, usage events, remote settings

    kiosk.after_first_frame(watchdog.ready, mark_started, kiosk.navigator.home, backend_up,
                            kiosk.warm_up)  # fmt: skip
    return Running(qt_app, kiosk, backend, watchdog, fleet)


def run(config: KioskConfig, *, windowed: bool) -> int:
    """The kiosk: full-screen and frameless unless windowed; stops its demo backend on exit."""
    return start(config, windowed=windowed).exec()
