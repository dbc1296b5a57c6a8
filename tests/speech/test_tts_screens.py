"""What entering a screen speaks is exactly what `kiosk voices build` pre-rendered: after the
build, the real navigator entering every screen at every rate plays from the cache and the
speech service renders nothing."""

from kiosk.locale_pack import load_pack
from kiosk.shell.i18n import I18n
from kiosk.shell.navigator import Navigator
from kiosk.shell.screens import SCREENS
from kiosk.speech.output import RATES
from kiosk.speech.service import SpeechService

WAIT_MS = 20_000


def test_after_voices_build_entering_every_screen_renders_nothing(qtbot, pulse_audio, built_voices):
    service = SpeechService(built_voices.config)  # the real pack's static prompts
    navigator = Navigator(
        I18n("zh_CN", service), service, speak_on_enter=True, is_identified=lambda: True
    )
    pack = load_pack("zh_CN")
    try:
        entered = 0
        for rate in RATES:
            service.set_rate(rate)
            for screen_id in SCREENS:
                with qtbot.waitSignal(service.started, timeout=WAIT_MS):
                    navigator.restart_at(screen_id)  # entering: shows and speaks the screen
                assert navigator.prompt == pack.screen_prompt(screen_id)
                entered += 1
        assert entered == len(SCREENS) * 3
        assert service.renderer.renders == 0, "every screen prompt came from the cache"
    finally:
        service.close()
