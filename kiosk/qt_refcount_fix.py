"""Work around a reference-count bug of PySide6 6.12 on Python 3.11.

PySide6 6.12 returns the None/True/False singletons without taking a reference to them
(as if they were immortal, which they are only from Python 3.12 on). Measured here: each
`SignalInstance.emit()` takes one reference from True, and each call of a void method
(`QTimer.singleShot`, `QObject.setObjectName`, `deleteLater`, `processEvents`, …) one
from None. True starts with ~150 references: a few hundred emits later CPython 3.11
aborts the whole kiosk with "Fatal Python error: bool_dealloc" (or "none_dealloc") — at
exit, or in the middle of a session. This makes None, True and False immortal in effect
by adding a very large count to each, once per process. The kiosk's entry points call
apply() before any Qt call (kiosk.cli.main, kiosk.app.build_app/run, the test session);
importing the kiosk package does not, so a process that only borrows kiosk code runs unpatched.
"""

from __future__ import annotations

import ctypes
import sys

_EXTRA_REFERENCES = 1 << 40  # more emits than a kiosk makes in centuries


def apply() -> None:
    if sys.version_info >= (3, 12) or hasattr(sys, "_immortal_bools_applied"):
        return
    # QQuickItem.property() of an unset property leaks None the same way (the audit calls it a lot).
    for value in (True, False, None):
        # ob_refcnt is the first field of every object in a CPython release build.
        ctypes.c_ssize_t.from_address(id(value)).value += _EXTRA_REFERENCES
    sys._immortal_bools_applied = True  # once per process
