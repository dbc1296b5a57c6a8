"""`make bench`: every benchmark in benchmarks/, one after the other, each with its defaults.

Benchmarks print their figures beside their targets; this only runs them in turn (they
share two cores, so never in parallel) and says which could not run at all.
Name some to run only those: `.venv/bin/python -m tools.run_benchmarks startup transitions`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    names = sys.argv[1:] or sorted(
        p.stem for p in (ROOT / "benchmarks").glob("*.py") if p.stem != "__init__"
    )
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QT_QUICK_BACKEND", "software")
    failed = []
    for name in names:
        print(f"\n=== benchmarks/{name}.py", flush=True)
        done = subprocess.run([sys.executable, "-m", f"benchmarks.{name}"], cwd=ROOT, env=env)
        if done.returncode:
            failed.append(name)
    if failed:
        print(f"\nbenchmarks that did not finish: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
