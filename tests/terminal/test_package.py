"""The wheel is a whole kiosk: installed outside the checkout it finds its QML module,
locale packs and default config, and `kiosk tour` and `kiosk selftest` work from there."""

from __future__ import annotations

import subprocess
import zipfile

from kiosk import resources
from tests.terminal.conftest import InstalledKiosk, outside_env


def test_the_wheel_carries_the_qml_module_locale_packs_and_default_config(installed_kiosk):
    names = set(zipfile.ZipFile(installed_kiosk.wheel).namelist())
    for wanted in ("kiosk/_data/ui/qmldir", "kiosk/_data/ui/Main.qml",
                   "kiosk/_data/voices/zh_CN.toml", "kiosk/_data/voices/en_US.toml",
                   "kiosk/_data/config/kiosk.toml", "kiosk/resources.py"):  # fmt: skip
        assert wanted in names
    qml = [n for n in names if n.startswith("kiosk/_data/ui/") and n.endswith(".qml")]
    in_checkout = list((resources.DATA_ROOT / "ui").rglob("*.qml"))
    assert len(qml) == len(in_checkout)
    assert not [n for n in names if "__pycache__" in n or n.startswith("tests/")]
    assert f"civic_kiosk-{resources.VERSION}-" in installed_kiosk.wheel.name


def _run(installed: InstalledKiosk, tmp_path, *args: str, timeout: float = 120):
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return subprocess.run(
        [str(installed.kiosk), *args], cwd=tmp_path, env=outside_env(home),
        capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def test_installed_kiosk_runs_from_its_own_files_not_the_checkout(installed_kiosk, tmp_path):
    where = subprocess.run(
        [str(installed_kiosk.python), "-c",
         "import kiosk.resources as r, kiosk.config as c; print(r.INSTALLED, r.DATA_ROOT, c.DEFAULT_CONFIG_PATH)"],
        cwd=tmp_path, env=outside_env(tmp_path), capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert where[0] == "True"
    assert all(p.startswith(str(installed_kiosk.venv)) for p in where[1:])
    version = _run(installed_kiosk, tmp_path, "--version")
    assert version.stdout.strip() == f"civic-kiosk {resources.VERSION} (installed at {where[1]})"


def test_installed_kiosk_selftest_and_tour(installed_kiosk, tmp_path):
    selftest = _run(installed_kiosk, tmp_path, "selftest")
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
    assert f"civic-kiosk {resources.VERSION} (installed" in selftest.stdout
    assert "demo backend" in selftest.stdout  # the bundled default config: demo mode
    tour = _run(installed_kiosk, tmp_path, "tour", "shots", "--only", "landscape-large")
    assert tour.returncode == 0, tour.stderr
    shots = sorted((tmp_path / "shots").glob("*.png"))
    assert len(shots) > 20 and all(s.name.startswith("landscape-large-") for s in shots)
    assert "QML" not in tour.stderr and "qml:" not in tour.stderr.lower(), tour.stderr
