"""PySide6 6.12 on Python 3.11: many signal emits and void calls must not abort the process."""

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import kiosk  # applies kiosk.qt_refcount_fix
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Source(QObject):
    changed = Signal(bool)

app = QCoreApplication([])
source = Source()
seen = []
source.changed.connect(seen.append)
for i in range(20000):
    source.changed.emit(i % 2 == 0)
    source.setObjectName("x")  # a void method: returns None
print(len(seen))
"""


def test_twenty_thousand_emits_and_void_calls_do_not_abort_the_interpreter():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-1000:]
    assert done.stdout.strip() == "20000"
