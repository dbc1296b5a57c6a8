"""Every Qt platform the kiosk supports loads here (the bootstrap installed what it links),
and the selftest names what a plugin lacks, in one line, with the package to install."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.config import KioskConfig
from kiosk.selftest import check_display
from kiosk.terminal import qt_platform


@pytest.mark.parametrize("platform", sorted(qt_platform.PLUGINS))
def test_every_supported_platform_plugin_finds_its_libraries(platform):
    assert qt_platform.missing_libraries(platform) == []


@pytest.mark.parametrize(
    ("env", "platform"),
    [
        ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}, "wayland"),
        ({"QT_QPA_PLATFORM": "eglfs:/dev/fb0"}, "eglfs"),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "wayland"),
        ({"DISPLAY": ":0"}, "xcb"),
        ({}, ""),
    ],
)
def test_platform_in_use_is_the_one_qt_picks(env, platform):
    assert qt_platform.platform_in_use(env) == platform


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libwayland-client.so.0", "libwayland-client0"),
    ],
)
def test_debian_package_of_a_soname(soname, package):
    assert qt_platform.debian_package(soname) == package


def test_selftest_names_what_a_broken_plugin_lacks(tmp_path, monkeypatch):
    """A copy of the xcb plugin away from PySide6's lib/ cannot find Qt's own libraries:
    the check must say so (a deliberately bad fixture, so the check can fail)."""
    real = Path(qt_platform._qt_dir())
    for relative in qt_platform.PLUGINS["xcb"]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(real / relative, tmp_path / relative)
    assert "libQt6Gui.so.6" in qt_platform.missing_libraries("xcb", tmp_path)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(qt_platform, "_qt_dir", lambda: tmp_path)
    check = check_display(KioskConfig())
    assert not check.ok
    assert "libQt6Gui.so.6" in check.detail
    assert check.fix == "reinstall PySide6 (pip install --force-reinstall PySide6)"
    assert "\\n" not in check.detail + check.fix


def test_fix_for_system_libraries_is_one_apt_get_line():
    fix = qt_platform.fix_for(["libxcb-keysyms.so.1", "libxcb-icccm.so.4", "libQt6Gui.so.6"])
    assert fix == "apt-get install libxcb-icccm4 libxcb-keysyms1 (or rerun tools/bootstrap.py)"


def test_selftest_checks_the_plugin_in_use(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    check = check_display(KioskConfig())
    assert check.ok and check.detail == "Qt xcb platform plugin loads"
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert check_display(KioskConfig()).detail == "Qt wayland platform plugin loads"
