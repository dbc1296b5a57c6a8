"""The `kiosk` command: run (default), tour, selftest, voices, operator-pin, demo, install-session,
launch.

Exit codes: 0 ok, 1 a failure the command reports, 2 bad configuration or usage (one
line on stderr naming the key, never a traceback).
Heavy modules (Qt, the UI, speech) are imported only by the subcommand that needs them.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk import qt_refcount_fix, resources
from kiosk.config import ConfigError, KioskConfig, load_config

LOCALES = ("zh_CN", "en_US")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
DEMO_TOUR_DIR = Path("tour")


class NotInstalled(Exception):
    """A part of the kiosk another piece of work delivers is not present yet."""


def _lazy(module: str, name: str, what: str) -> Callable:
    """Import module.name, or raise NotInstalled naming `what` when that module is absent."""
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError as exc:
        if exc.name and (module == exc.name or module.startswith(exc.name + ".")):
            raise NotInstalled(f"{what} is not installed yet ({module} is missing)") from None
        raise


def _has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_run(config: KioskConfig, args: argparse.Namespace) -> int:
    if not (_has_display() or os.environ.get("QT_QPA_PLATFORM")):
        # Qt would abort with a core dump; say what to do instead.
        print("kiosk: no display ($DISPLAY and $WAYLAND_DISPLAY are unset); on a console-only "
              "terminal set QT_QPA_PLATFORM=eglfs, or use `kiosk tour DIR`", file=sys.stderr)  # fmt: skip
        return 1
    run = _lazy("kiosk.app", "run", "the kiosk window")
    return run(config, windowed=args.windowed)


def cmd_tour(config: KioskConfig, args: argparse.Namespace) -> int:
    # The tour never needs a screen: without these Qt aborts when there is no display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    write_tour = _lazy("kiosk.tour", "write_tour", "the screenshot tour")
    out_dir = Path(args.dir)
    paths = write_tour(config, out_dir, only=args.only)
    print(f"tour: wrote {len(paths)} screenshots to {out_dir.resolve()}")
    return 0 if paths else 1


def cmd_demo(config: KioskConfig, args: argparse.Namespace) -> int:
    if _has_display():
        # Windowed so a developer can close it; `kiosk` alone is the full-screen kiosk.
        print("demo: starting the kiosk in a window", flush=True)
        if config.demo_mode and not config.operator.pin_hash:
            from kiosk.operator_pin import DEMO_PIN

            hold = f"{config.operator.hold_seconds:g}"
            print(f"demo: operator panel: hold the top-left corner {hold} s, PIN {DEMO_PIN}")
        from kiosk.terminal.demo_window import fit_to_screen

        fitted = fit_to_screen(config.display.orientation)  # a desktop may be too small
        if fitted:
            print(fitted, flush=True)
        args.windowed = True
        return cmd_run(config, args)
    print(f"demo: no display found, writing the screenshot tour into {DEMO_TOUR_DIR}/", flush=True)
    args.dir, args.only = str(DEMO_TOUR_DIR), None
    return cmd_tour(config, args)


def cmd_selftest(config: KioskConfig, args: argparse.Namespace) -> int:
    from kiosk.selftest import essentials_ok, run_checks

    checks = run_checks(config)
    print(resources.describe())
    width = max(len(c.name) for c in checks)
    for check in checks:
        status = "ok" if check.ok else f"missing: {check.fix}"
        print(f"{check.name:<{width}}  {status}  ({check.detail})")
    good = essentials_ok(checks)
    print("selftest: " + ("essentials ok" if good else "an essential part is missing"))
    return 0 if good else 1


def _voices(module: str, name: str, what: str, config: KioskConfig, locale: str | None) -> int:
    action = _lazy(module, name, what)
    return max(action(config, loc) for loc in ([locale] if locale else LOCALES))


def cmd_voices(config: KioskConfig, args: argparse.Namespace) -> int:
    if args.action == "build":
        module, name, what = "kiosk.speech.prebuild", "build_voices", "voice pre-rendering"
    else:
        module, name, what = "kiosk.speech.vocab_check", "check_voices", "the vocabulary check"
    return _voices(module, name, what, config, args.locale)


def _read_secret(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    print(prompt, end="", file=sys.stderr, flush=True)  # scripted: one PIN per line
    return sys.stdin.readline().strip()


def cmd_operator_pin(config: KioskConfig, args: argparse.Namespace) -> int:
    from kiosk.operator_pin import PIN_LENGTHS, hash_pin, valid_pin

    pin = _read_secret("new operator PIN: ")
    if not valid_pin(pin):
        print(f"a PIN is {PIN_LENGTHS.start}-{PIN_LENGTHS.stop - 1} digits", file=sys.stderr)
        return 1
    if _read_secret("again: ") != pin:
        print("the two PINs differ; nothing changed", file=sys.stderr)
        return 1
    print("# paste into the [operator] section of the kiosk's config file:")
    print(f'pin_hash = "{hash_pin(pin)}"')
    return 0


def cmd_install_session(config: KioskConfig, args: argparse.Namespace) -> int:
    from kiosk.terminal.session_units import SessionSpec, install_session

    config_path = str(Path(args.config).resolve()) if args.config else SessionSpec.config_path
    spec = SessionSpec(user=args.user, kiosk_command=args.kiosk, config_path=config_path)
    try:
        written = install_session(spec, Path(args.root))
    except OSError as exc:
        print(f"install-session: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    for path in written:
        print(f"install-session: wrote {path}")
    print("install-session: now `systemctl daemon-reload` and reboot (docs/operations.md)")
    return 0


def cmd_launch(config: KioskConfig, args: argparse.Namespace) -> int:
    from kiosk.fleet.paths import state_dir_for
    from kiosk.terminal.launcher import Launcher
    from kiosk.terminal.releases import ReleaseStore

    where = ["--config", str(Path(args.config).resolve())] if args.config else []
    store = ReleaseStore(state_dir_for(config) / "releases")
    launcher = Launcher(store, [*where, "run"], args.start_timeout, args.attempts)
    return launcher.run()


def _add_launch(add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    from kiosk.terminal.launcher import ATTEMPTS, START_TIMEOUT_S

    launch = add("launch", "run the current release, switching back if a new one fails to start")
    launch.add_argument("--start-timeout", type=float, default=START_TIMEOUT_S,
                        help=f"seconds a new version has to start (default {START_TIMEOUT_S:g})")  # fmt: skip
    launch.add_argument("--attempts", type=int, default=ATTEMPTS,
                        help=f"starts of a new version before switching back (default {ATTEMPTS})")  # fmt: skip
    launch.set_defaults(func=cmd_launch)


def _add_install_session(add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    session = add("install-session", "write the systemd units that run this kiosk at boot")
    session.add_argument("--root", default="/", help="write under this directory (default /)")
    session.add_argument("--user", default="kiosk", help="the unprivileged user (default kiosk)")
    # The `kiosk` script of the environment this command runs from: the installed venv.
    here = str(Path(sys.executable).parent / "kiosk")
    session.add_argument("--kiosk", default=here, help=f"kiosk command (default {here})")
    session.set_defaults(func=cmd_install_session)


def _parser() -> argparse.ArgumentParser:
    config_help = "config file (default config/kiosk.toml)"
    # --config is accepted before or after the subcommand; SUPPRESS keeps a later default
    # from overwriting an earlier value.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS, help=config_help)
    parser = argparse.ArgumentParser(prog="kiosk", description=__doc__.splitlines()[0])
    parser.add_argument("--config", metavar="PATH", default=None, help=config_help)
    parser.add_argument("--version", action="store_true", help="version and install location")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, parents=[common])

    run = add("run", "run the kiosk full-screen (the default)")
    run.add_argument("--windowed", action="store_true", help="a normal window, for development")
    run.set_defaults(func=cmd_run)
    tour = add("tour", "save a screenshot of every screen into DIR (offscreen)")
    tour.add_argument("dir", metavar="DIR")
    # kiosk/tour.py's ORIENTATIONS x SCALES, spelled out so --help works without Qt.
    only = [f"{o}-{s}" for o in ("portrait", "landscape") for s in ("standard", "large")]
    tour.add_argument("--only", choices=only, help="one orientation and text scale")
    tour.set_defaults(func=cmd_tour)
    add("selftest", "check backend, fonts, speech, microphone, model, printer").set_defaults(
        func=cmd_selftest
    )
    voices = add("voices", "pre-render prompts (build) or check vocabulary (check)")
    voices.add_argument("action", choices=("build", "check"))
    voices.add_argument("--locale", choices=LOCALES, help="one locale (default: all)")
    voices.set_defaults(func=cmd_voices)
    add("operator-pin", "make the pin_hash line for a new operator PIN").set_defaults(
        func=cmd_operator_pin
    )
    add("demo", "what `make demo` runs: the kiosk, or the tour headless").set_defaults(
        func=cmd_demo
    )
    _add_install_session(add)
    _add_launch(add)
    # Bare `kiosk` (or `kiosk --windowed`) runs the kiosk.
    parser.add_argument("--windowed", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(func=cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    qt_refcount_fix.apply()  # before any subcommand touches Qt
    args = _parser().parse_args(argv)
    if args.version:  # printed whole: argparse's version action wraps long paths
        print(resources.describe())
        return 0
    level = os.environ.get("KIOSK_LOG_LEVEL", "WARNING").upper()
    if level not in LOG_LEVELS:
        print(f"kiosk: KIOSK_LOG_LEVEL: {level!r} is not one of {', '.join(LOG_LEVELS)}",
              file=sys.stderr)  # fmt: skip
        return 2
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(f"kiosk: configuration error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    try:
        return args.func(config, args)
    except NotInstalled as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
