"""A real kiosk in a process of its own (offscreen), for tests that kill it mid-session:
`python -m tests.help.kiosk_process URL TOKEN` opens 呼叫帮助 against that backend, answers
允许, prints the help code on a line of its own and runs (heartbeat, frames) until killed."""

from __future__ import annotations

import sys

from kiosk import qt_refcount_fix

qt_refcount_fix.apply()  # an entry point of its own

from PySide6.QtGui import QGuiApplication  # noqa: E402

from kiosk.api import ApiClient  # noqa: E402
from kiosk.app import build_app  # noqa: E402
from kiosk.tour import wait_until  # noqa: E402
from tests.fixtures.kiosk import RecordingSpeech, make_config  # noqa: E402


def main(url: str, token: str) -> int:
    app = QGuiApplication(sys.argv[:1])
    kiosk = build_app(make_config(), api_client=ApiClient(url, token), speech=RecordingSpeech())
    kiosk.window.show()
    kiosk.navigator.go("help")  # what the 呼叫帮助 button does
    if not wait_until(lambda: kiosk.help.asking, 30):
        return 1
    code = kiosk.help.session.code
    kiosk.help.allow()
    if not wait_until(lambda: kiosk.help.mirroring, 30):
        return 1
    print(code, flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
