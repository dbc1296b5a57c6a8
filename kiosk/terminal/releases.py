"""Kiosk versions side by side on a terminal, and which one runs (no Qt; light enough for
the launcher and for the kiosk's first frame).

    <root>/                       <fleet.state_dir>/releases
      0.2.0/venv/                 one venv per version; its dependencies come from the base
      0.2.0/installed.json        written last: the version is complete
      current -> 0.2.0            the version the launcher starts (absent: the base install)
      state.json                  the trial in progress (switched to, not yet seen to start,
                                  with the version to go back to) and the last outcome

The base install is the venv the launcher itself runs from (/opt/civic-kiosk/venv): its
site-packages hold PySide6 and the other dependencies, which a release venv reaches through
a .pth line, so a release carries only the kiosk's own code (docs/decisions.md). `current`
is a symlink replaced in one rename: a power cut leaves the old or the new pointer, never
half of one. Version names are checked (civic_core.release) before they become paths.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from civic_core.release import is_release_version

BASE = ""  # the version name of the base install in state.json
STATUSES = ("installed", "switched", "rolled_back", "install_failed", "unmanaged")
_DETAIL = re.compile(r"[a-z0-9_.-]{0,80}")  # a code, as the backend's heartbeat schema wants
INSTALL_TIMEOUT_S = 300


@dataclass(frozen=True)
class Outcome:
    """Where the terminal is with an assignment: what the heartbeat says (backend/ops/schemas)."""

    assignment_id: int
    version: str
    status: str  # installed | switched | rolled_back | install_failed | unmanaged
    detail: str = ""


@dataclass(frozen=True)
class Trial:
    assignment_id: int
    version: str
    previous: str  # what runs again if this one fails to start (BASE: the base install)
    attempts: int = 0  # starts tried so far
    failure: str = ""  # why the last one did not start


class ReleaseError(Exception):
    """An install that did not work; `code` goes into the heartbeat."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _read(kind, fields: object):
    """A Trial or Outcome from state.json, or None when the fields do not make one."""
    if not isinstance(fields, dict):
        return None
    try:
        found = kind(**fields)
    except TypeError:
        return None
    good = isinstance(found.assignment_id, int) and found.assignment_id > 0
    return found if good and is_release_version(found.version) else None


def _write_json(path: Path, document: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(document, out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


class ReleaseStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    # -- layout -------------------------------------------------------------------------------
    def folder(self, version: str) -> Path:
        if not is_release_version(version):
            raise ReleaseError("bad_version", f"not a release version: {version!r}")
        return self.root / version

    def python(self, version: str) -> Path:
        return self.folder(version) / "venv" / "bin" / "python"

    def installed(self, version: str) -> dict | None:
        """The install record of a complete version, or None."""
        try:
            record = json.loads((self.folder(version) / "installed.json").read_text("utf-8"))
        except (OSError, ValueError, ReleaseError):
            return None
        return record if isinstance(record, dict) and self.python(version).exists() else None

    # -- the pointer and the state ----------------------------------------------------------------
    def current(self) -> str:
        """The version the launcher starts; BASE when `current` is absent or not a version."""
        try:
            name = os.readlink(self.root / "current")
        except OSError:
            return BASE
        return name if is_release_version(name) else BASE

    def point_at(self, version: str) -> None:
        """Switch `current` in one rename (BASE removes it)."""
        link = self.root / "current"
        if version == BASE:
            link.unlink(missing_ok=True)
            return
        self.folder(version)  # checks the name
        tmp = self.root / ".current.new"
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(version)
        os.replace(tmp, link)

    def _state(self) -> dict:
        try:
            state = json.loads((self.root / "state.json").read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return state if isinstance(state, dict) else {}

    def _save(self, **changes: object) -> None:
        _write_json(self.root / "state.json", {**self._state(), **changes})

    def trial(self) -> Trial | None:
        """The switch in progress, when `current` is the version on trial."""
        trial = _read(Trial, self._state().get("trial"))
        if trial is None or not (trial.previous == BASE or is_release_version(trial.previous)):
            return None
        good = isinstance(trial.attempts, int) and isinstance(trial.failure, str)
        return trial if good and trial.version == self.current() else None

    def outcome(self) -> Outcome | None:
        """The last outcome, if it is one the backend accepts (a damaged file says nothing,
        rather than have every heartbeat refused)."""
        outcome = _read(Outcome, self._state().get("outcome"))
        if outcome is None or outcome.status not in STATUSES:
            return None
        good = isinstance(outcome.detail, str) and _DETAIL.fullmatch(outcome.detail)
        return outcome if good else None

    def set_outcome(self, outcome: Outcome) -> None:
        self._save(outcome=asdict(outcome))

    def begin_trial(self, assignment_id: int, version: str) -> None:
        """Point at an installed version; the launcher confirms it or switches back."""
        self.save_trial(Trial(assignment_id, version, previous=self.current()))
        self.point_at(version)  # the commit point

    def count_attempt(self, trial: Trial) -> Trial:
        """Before each start: kept on disk across a kill of the launcher itself."""
        counted = replace(trial, attempts=trial.attempts + 1)
        self.save_trial(counted)
        return counted

    def save_trial(self, trial: Trial) -> None:
        self._save(trial=asdict(trial))

    def confirm(self, trial: Trial) -> None:
        self._save(
            trial=None, outcome=asdict(Outcome(trial.assignment_id, trial.version, "switched"))
        )
        self.prune(keep={trial.version, trial.previous})

    def roll_back(self, trial: Trial, reason: str) -> None:
        self.point_at(trial.previous)
        self._save(trial=None, outcome=asdict(Outcome(trial.assignment_id, trial.version,
                                                      "rolled_back", reason)))  # fmt: skip

    def prune(self, keep: set[str]) -> None:
        """Remove versions other than the running and the previous one (disk space)."""
        for path in self.root.iterdir() if self.root.is_dir() else ():
            ours = path.is_dir() and not path.is_symlink() and is_release_version(path.name)
            if ours and path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)

    # -- installing -------------------------------------------------------------------------------
    def install(
        self, version: str, wheel: Path, base_python: str, base_site: str, sha256: str = ""
    ) -> None:
        """A venv for `version` with the wheel in it (no index: nothing downloaded), its
        dependencies from the base site-packages; complete only once it imports as `version`."""
        folder = self.folder(version)
        shutil.rmtree(folder, ignore_errors=True)  # a half-done earlier try
        venv = folder / "venv"
        try:
            _run([base_python, "-m", "venv", "--without-pip", str(venv)])
            (site_dir,) = venv.glob("lib/python3*/site-packages")
            (site_dir / "civic-kiosk-base.pth").write_text(base_site + "\n", encoding="utf-8")
            _run([base_python, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
                  "--quiet", "--no-deps", "--no-index", "--no-warn-script-location", str(wheel)])  # fmt: skip
            found = _run([str(venv / "bin" / "python"), "-c",
                          "import kiosk.resources as r; print(r.VERSION)"], cwd=folder).strip()  # fmt: skip
        except (OSError, ValueError, subprocess.SubprocessError) as exc:
            shutil.rmtree(folder, ignore_errors=True)
            raise ReleaseError("install_error", f"install of {version} failed: {exc}") from None
        if found != version:
            shutil.rmtree(folder, ignore_errors=True)
            raise ReleaseError("version_mismatch", f"the wheel is version {found!r}, not {version}")
        record = {"version": version, "wheel": wheel.name, "sha256": sha256}
        _write_json(folder / "installed.json", record)


def _run(args: list[str], cwd: Path | None = None) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S,
                          check=False, cwd=cwd)  # fmt: skip
    if done.returncode != 0:
        raise subprocess.SubprocessError((done.stderr or done.stdout).strip()[-300:])
    return done.stdout
