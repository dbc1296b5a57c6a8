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
    "libxkbcommon-x11-0": "Qt xcb platform (real window under a display)",
    "libxcb-cursor0": "Qt xcb platform",
    "libfontconfig1": "Qt font discovery",
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
