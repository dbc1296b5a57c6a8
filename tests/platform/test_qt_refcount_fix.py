"""PySide6 6.12 on Python 3.11: many signal emits and void calls must not abort the process;
the patch is the kiosk's entry points' business, never a side effect of importing code."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
from kiosk import qt_refcount_fix
qt_refcount_fix.apply()
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

# Importing the backend (which shares civic_core with the kiosk) and the kiosk's packages
# leaves None/True/False alone; the kiosk's cli entry point patches them.
IMPORTS_ONLY = """
import sys
import backend.app, backend.demo, civic_core.idnumber, kiosk, kiosk.app, kiosk.api
print("patched after imports:", hasattr(sys, "_immortal_bools_applied"))
from kiosk import cli
try:
    cli.main(["selftest", "--help"])  # applies the patch, prints usage, exits
except SystemExit:
    pass
print("patched after cli.main:", hasattr(sys, "_immortal_bools_applied"))
"""


def _python(script: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )


def test_twenty_thousand_emits_and_void_calls_do_not_abort_the_interpreter():
    done = _python(SCRIPT)
    assert done.returncode == 0, done.stderr[-1000:]
    assert done.stdout.strip() == "20000"


def test_only_the_kiosk_entry_point_applies_the_patch():
    done = _python(IMPORTS_ONLY)
    assert done.returncode == 0, done.stderr[-1000:]
    marks = [line for line in done.stdout.splitlines() if line.startswith("patched")]
    assert marks == ["patched after imports: False", "patched after cli.main: True"]
