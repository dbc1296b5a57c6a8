"""Build hook only (metadata lives in pyproject.toml): bundle ui/, voices/, config/ into the wheel.

The checkout keeps those folders at the top level (QML tooling, `make demo` and the tests
use them there); kiosk/resources.py looks for them in kiosk/_data/ first, where this
copies them. Editable installs skip the copy: they run from the checkout.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA_DIRS = ("ui", "voices", "config")  # keep in step with kiosk/resources.py DATA_DIRS


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "kiosk" / "_data"
        for name in DATA_DIRS:
            shutil.copytree(
                ROOT / name,
                target / name,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"),
            )


setup(cmdclass={"build_py": BuildPyWithData})
