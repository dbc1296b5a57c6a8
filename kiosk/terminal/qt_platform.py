"""Can Qt open a window here? The platform plugin the kiosk would use, and what it lacks.

Qt only says "Could not load the Qt platform plugin" and aborts; `ldd` on the plugin names
the missing libraries, and each maps to its Debian package (libxcb-icccm.so.4 is in
libxcb-icccm4). The selftest line built from this is what an operator needs to fix it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

# The plugin (and its own Qt libraries) per platform the kiosk supports.
PLUGINS = {
    "xcb": ("plugins/platforms/libqxcb.so", "lib/libQt6XcbQpa.so.6"),
    "wayland": ("plugins/platforms/libqwayland.so", "lib/libQt6WaylandClient.so.6",
                "plugins/wayland-shell-integration/libxdg-shell.so"),
    "eglfs": ("plugins/platforms/libqeglfs.so", "lib/libQt6EglFSDeviceIntegration.so.6"),
}  # fmt: skip
SESSION_PLATFORM = "wayland"  # what the kiosk session (cage) uses: checked when none is set
_NOT_FOUND = re.compile(r"^\s*(\S+) => not found", re.MULTILINE)
_SONAME = re.compile(r"^(lib[\w+-]+?)\.so\.(\d+)")


def platform_in_use(env: Mapping[str, str] = os.environ) -> str:
    """The platform Qt will pick: QT_QPA_PLATFORM's first entry, else from the display."""
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0]
    if chosen:
        return chosen
    if env.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb" if env.get("DISPLAY") else ""


def debian_package(soname: str) -> str:
    """libxcb-icccm.so.4 -> libxcb-icccm4, libxkbcommon-x11.so.0 -> libxkbcommon-x11-0."""
    match = _SONAME.match(soname)
    if not match:
        return soname
    name, number = match.group(1).lower(), match.group(2)
    return f"{name}-{number}" if name[-1].isdigit() else f"{name}{number}"


def missing_libraries(platform: str, qt_dir: Path | None = None) -> list[str]:
    """Sonames the platform's plugin files cannot find (empty: it loads)."""
    qt_dir = qt_dir or _qt_dir()
    missing: list[str] = []
    for relative in PLUGINS[platform]:
        path = qt_dir / relative
        if not path.exists():
            missing.append(path.name)
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, timeout=10)
        missing += [name for name in _NOT_FOUND.findall(out.stdout) if name not in missing]
    return missing


def _qt_dir() -> Path:
    import PySide6  # the wheel's own Qt, not a system one

    return Path(PySide6.__file__).resolve().parent / "Qt"


def fix_for(missing: list[str]) -> str:
    """One line: the apt-get command for the system libraries, or a PySide6 reinstall."""
    ours = [name for name in missing if name.startswith("libQt6") or name.startswith("libq")]
    system = sorted({debian_package(name) for name in missing if name not in ours})
    if system:
        return f"apt-get install {' '.join(system)} (or rerun tools/bootstrap.py)"
    return "reinstall PySide6 (pip install --force-reinstall PySide6)"


def ldd_available() -> bool:
    return shutil.which("ldd") is not None
