"""Set up everything `make demo` and `make test` need; idempotent and quick when done.

Runs on the system Python with the standard library only (it creates the venv).
Steps: Debian packages that are missing (needs root and the Debian registry),
`.venv`, and `pip install -e .[test]` whenever pyproject.toml changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"

# Debian packages and why each is here.
APT_PACKAGES = {
    "fonts-noto-cjk": "Chinese glyphs for the large-print UI",
    "espeak-ng": "speech synthesis engine (and its command-line fallback)",
    "libespeak-ng1": "the library pyttsx3's espeak driver loads",
    "libzbar0": "QR-code decoder used by the receipt tests",
    "pulseaudio": "null-sink microphone for end-to-end voice tests",
    "pulseaudio-utils": "paplay/pactl to play WAVs into that microphone",
    "chromium": "headless browser for the staff-console tests",
    "sox": "audio measurement in the speech tests",
    "poppler-utils": "pdftoppm, to look at printed receipts",
    "postgresql": "throwaway PostgreSQL servers: the backend suite and benchmark run on it",
    "redis-server": "throwaway Redis servers: help sessions shared by several backend workers",
    "libegl1": "Qt runtime",
    "libgl1": "Qt runtime",
    "libxkbcommon0": "Qt runtime",
    "libfontconfig1": "Qt font discovery",
    # What PySide6's platform plugins link (`ldd` on Qt/plugins/platforms/*.so; a test
    # checks that nothing is left "not found" for the platforms in QT_PLATFORMS).
    "libx11-xcb1": "Qt xcb platform (a window under X11)",
    "libxcb-cursor0": "Qt xcb platform",
    "libxcb-icccm4": "Qt xcb platform",
    "libxcb-image0": "Qt xcb platform",
    "libxcb-keysyms1": "Qt xcb platform",
    "libxcb-randr0": "Qt xcb platform",
    "libxcb-render-util0": "Qt xcb platform",
    "libxcb-shape0": "Qt xcb platform",
    "libxcb-sync1": "Qt xcb platform",
    "libxcb-xfixes0": "Qt xcb platform",
    "libxcb-xkb1": "Qt xcb platform",
    "libxkbcommon-x11-0": "Qt xcb platform",
    "libwayland-client0": "Qt wayland platform (a window under cage, the kiosk compositor)",
    "libwayland-cursor0": "Qt wayland platform",
    "libwayland-egl1": "Qt wayland platform",
    "libgbm1": "Qt eglfs platform (straight on the display, no compositor)",
    "libdrm2": "Qt eglfs platform",
    # The kiosk session (docs/operations.md) and the tests that run it for real.
    "cage": "the Wayland kiosk compositor a terminal runs the kiosk in",
    "xwayland": "cage 0.1.4 refuses to start without Xwayland (the kiosk itself uses Wayland)",
    "xvfb": "a real X server for the window tests",
    "xdotool": "real X input events (taps, keys) in the window tests",
    "grim": "screenshots of cage's output in the session test",
    "libdbus-1-3": "Qt runtime",
    "libpulse0": "QtMultimedia audio devices",
    "libnss3": "Qt runtime (QtWebEngine-free, but PySide6 wheels link it)",
}


def missing_apt_packages() -> list[str]:
    if not shutil.which("dpkg-query"):
        return []
    missing = []
    for name in APT_PACKAGES:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name],
            capture_output=True,
            text=True,
        )
        if "install ok installed" not in out.stdout:
            missing.append(name)
    return missing


def install_apt(missing: list[str]) -> None:
    if not missing:
        return
    if os.geteuid() != 0:
        print(f"bootstrap: missing Debian packages: {' '.join(missing)}", file=sys.stderr)
        print(f"bootstrap: run as root: apt-get install -y {' '.join(missing)}", file=sys.stderr)
        return
    print(f"bootstrap: installing Debian packages: {' '.join(missing)}", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=True,
        env=env,
    )


def ensure_venv() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        print("bootstrap: creating .venv", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    return python


def ensure_python_packages(python: Path) -> None:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    stamp = VENV / f".installed-{digest}"
    if stamp.exists():
        return
    print("bootstrap: pip install -e .[test]", flush=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"],
        check=True,
    )
    for old in VENV.glob(".installed-*"):
        old.unlink()
    stamp.touch()


def main() -> int:
    install_apt(missing_apt_packages())
    ensure_python_packages(ensure_venv())
    return 0


if __name__ == "__main__":
    sys.exit(main())
