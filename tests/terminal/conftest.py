"""The kiosk as a terminal runs it: built into a wheel, installed into a venv outside the
checkout, run by an unprivileged user. Directories an unprivileged user must reach are made
with mkdtemp in /tmp (pytest's tmp_path is private to root)."""

from __future__ import annotations

import os
import pwd
import shutil
import site
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.resources import VERSION

ROOT = Path(__file__).resolve().parents[2]
SERVICE_USER = "nobody"  # cage refuses to run as root; the kiosk never runs as root
# Debian's interpreter: the unprivileged user can run it (a pyenv one under /root it cannot).
SYSTEM_PYTHON = Path("/usr/bin/python3")
SOURCE_IGNORE = shutil.ignore_patterns(".venv", ".git", "build", "tour", "__pycache__", "*.egg-info",
                                       ".pytest_cache", ".ruff_cache", ".benchmarks")  # fmt: skip


@dataclass(frozen=True)
class InstalledKiosk:
    venv: Path
    wheel: Path

    @property
    def kiosk(self) -> Path:
        return self.venv / "bin" / "kiosk"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"


def shared_dir(prefix: str, owner: str | None = None) -> Path:
    """A fresh directory in /tmp others may enter (0755), owned by `owner` when given."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    if owner:
        user = pwd.getpwnam(owner)
        os.chown(path, user.pw_uid, user.pw_gid)
    return path


def build_wheel(
    out_dir: Path, version: str | None = None, edit: Callable[[Path], None] | None = None
) -> Path:
    """`pip wheel` of a copy of the checkout (a build/ left in the checkout could go stale).
    `version` replaces kiosk/resources.py's VERSION; `edit` changes the copy first (e.g. a
    deliberately broken release)."""
    source = out_dir / "source"
    shutil.copytree(ROOT, source, ignore=SOURCE_IGNORE)
    if version is not None:
        resources = source / "kiosk" / "resources.py"
        text = resources.read_text(encoding="utf-8")
        resources.write_text(text.replace(f'VERSION = "{VERSION}"', f'VERSION = "{version}"'))
    if edit is not None:
        edit(source)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(out_dir / "dist"), str(source)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = (out_dir / "dist").glob("civic_kiosk-*.whl")
    return wheel


def install_wheel(wheel: Path, venv: Path) -> None:
    """A clean venv with only the kiosk; its heavy dependencies come from the test venv's
    site-packages (a .pth line after the venv's own), so nothing is downloaded."""
    python = SYSTEM_PYTHON if SYSTEM_PYTHON.exists() else Path(sys.executable)
    subprocess.run([str(python), "-m", "venv", "--without-pip", str(venv)], check=True)
    (new_site,) = venv.glob("lib/python3*/site-packages")
    (new_site / "test-deps.pth").write_text(site.getsitepackages()[0] + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q",
         "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture(scope="session")
def installed_kiosk() -> Iterator[InstalledKiosk]:
    work = shared_dir("kiosk-wheel-")
    try:
        wheel = build_wheel(work)
        install_wheel(wheel, work / "venv")
        yield InstalledKiosk(work / "venv", wheel)
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture
def service_home() -> Iterator[Path]:
    """HOME (and XDG_RUNTIME_DIR parent) of the unprivileged service user, for one test."""
    home = shared_dir("kiosk-home-", SERVICE_USER)
    home.chmod(0o700)
    try:
        yield home
    finally:
        shutil.rmtree(home, ignore_errors=True)


def outside_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with nothing of the checkout in it (no PYTHONPATH, own HOME)."""
    keep = ("PATH", "LANG", "QT_QPA_PLATFORM", "QT_QUICK_BACKEND")
    env = {k: v for k, v in os.environ.items() if k in keep}
    return {**env, "HOME": str(home), "KIOSK_SPEECH_ENABLED": "false", **extra}
