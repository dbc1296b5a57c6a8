"""A real X server (Xvfb) on a free display, real input through XTest (xdotool), and
screenshots of the root window as the X server holds it."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageGrab

DOUBLE_TAP_S = 0.6  # the kiosk swallows a second tap within 0.5 s (kiosk/shell/touch.py)


class Xvfb:
    def __init__(self, width: int, height: int) -> None:
        read, write = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24",
             "-nolisten", "tcp", "-noreset"],
            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()  # Xvfb writes its display number when ready
        assert number, "Xvfb did not start"
        self.display = f":{number}"
        self._pointer: tuple[int, int] | None = None

    def run(self, *args: str) -> str:
        env = {"DISPLAY": self.display, "PATH": os.environ["PATH"]}
        return subprocess.run(args, env=env, capture_output=True, text=True, check=True,
                              timeout=20).stdout  # fmt: skip

    def tap(self, x: int, y: int) -> None:
        """A press and release at (x, y): XTest events, as a touch screen's driver sends."""
        if (x, y) != self._pointer:  # --sync waits for a motion, which never comes in place
            self.run("xdotool", "mousemove", "--sync", str(x), str(y))
            self._pointer = (x, y)
        self.run("xdotool", "click", "1")
        time.sleep(DOUBLE_TAP_S)

    def screenshot(self, path: Path) -> Image.Image:
        image = ImageGrab.grab(xdisplay=self.display).convert("RGB")
        image.save(path)
        return image

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference of two screenshots, 0 (same) .. 255, at a quarter size."""
    size = (a.width // 4, a.height // 4)
    diff = ImageChops.difference(a.convert("L").resize(size), b.convert("L").resize(size))
    values = diff.get_flattened_data()
    return sum(values) / len(values)
