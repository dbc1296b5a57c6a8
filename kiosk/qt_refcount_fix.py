"""Work around a reference-count bug of PySide6 6.12 on Python 3.11.

`SignalInstance.emit()` returns True without taking a reference to it, so every emit from
Python takes one reference away from the True singleton (measured: 100 emits → −99).
True starts with ~150 references, so a few hundred emits later CPython 3.11 aborts the
whole kiosk with "Fatal Python error: bool_dealloc: deallocating True or False" — at
exit, or in the middle of a session. Python 3.12 made True and False immortal; this does
the same for 3.11 by adding a very large count to both, once, when imported. Import it
before any Qt signal is emitted from Python (kiosk/__init__.py does).
"""

from __future__ import annotations

import ctypes
import sys

_EXTRA_REFERENCES = 1 << 40  # more emits than a kiosk makes in centuries


def _make_bools_immortal() -> None:
    if sys.version_info >= (3, 12) or hasattr(sys, "_immortal_bools_applied"):
        return
    for value in (True, False):
        # ob_refcnt is the first field of every object in a CPython release build.
        ctypes.c_ssize_t.from_address(id(value)).value += _EXTRA_REFERENCES
    sys._immortal_bools_applied = True  # once per process, even if re-imported


_make_bools_immortal()
