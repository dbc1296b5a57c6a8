"""`make test`: ruff check and format, then the whole pytest suite (offscreen Qt, no display needed)."""

from __future__ import annotations

import os
import subprocess
import sys


def main() -> int:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QT_QUICK_BACKEND", "software")
    for gate in (["ruff", "check", "."], ["ruff", "format", "--check", "."]):
        lint = subprocess.run([sys.executable, "-m", *gate], env=env)
        if lint.returncode:
            return lint.returncode
    return subprocess.run([sys.executable, "-m", "pytest", *sys.argv[1:]], env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
