"""Typed kiosk configuration: config/kiosk.toml (or --config) plus KIOSK_* environment overrides.

Every key is declared once, in the frozen dataclasses below; config/kiosk.toml documents
each one. An unknown key or a bad value raises ConfigError naming the key, and the CLI
turns that into one line on stderr and exit code 2.

Environment overrides: KIOSK_<SECTION>_<KEY>, e.g. KIOSK_BACKEND_URL=http://10.0.0.5:8000,
KIOSK_SPEECH_ENABLED=false, KIOSK_RECOGNITION_MODEL_ZH_CN=/opt/vosk/cn (key case ignored).
A value is read as its key's type: text as typed, true/false, or a number.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.resources import DEFAULT_CONFIG_PATH


class ConfigError(Exception):
    """A configuration problem, worded for an operator: names the key and what is wrong."""


@dataclass(frozen=True)
class BackendConfig:
    # Empty: start the reference backend with demo data as a child process (演示模式).
    url: str = ""
    terminal_token: str = ""
    connect_timeout_s: float = 3.0
    read_timeout_s: float = 10.0
    retries: int = 2
    # Where the embedded demo backend keeps its SQLite file; empty = user data dir.
    demo_data_dir: str = ""


# The kiosk's surface in each display.orientation: the real screen's pixels.
WINDOW_SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}


@dataclass(frozen=True)
class DisplayConfig:
    fullscreen: bool = True
    orientation: str = "portrait"  # a key of WINDOW_SIZES
    locale: str = "zh_CN"  # default language; reset to this at session end
    text_scale: str = "standard"  # standard | large (×1.5); reset at session end


@dataclass(frozen=True)
class IdleConfig:
    warning_after_s: int = 120
    countdown_s: int = 30
    max_extensions: int = 10
    wrapup_s: int = 30  # after a finished task: 还要办别的事吗？ then sign out by itself


@dataclass(frozen=True)
class OperatorConfig:
    # "pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>"; make one with `kiosk operator-pin`.
    pin_hash: str = ""
    hold_seconds: float = 5.0
    max_attempts: int = 5
    lockout_s: int = 300


@dataclass(frozen=True)
class SpeechConfig:
    enabled: bool = True
    speak_on_enter: bool = True
    voice_zh_CN: str = "cmn"
    voice_en_US: str = "en-us"
    rate: str = "medium"  # slow | medium | fast
    volume_step: int = 3  # 0..5, each step 4 dB; reset at session end
    cache_dir: str = ""  # empty = user cache dir
    render_timeout_s: float = 5.0


@dataclass(frozen=True)
class RecognitionConfig:
    enabled: bool = True
    listen_after_prompt: bool = False
    model_zh_CN: str = ""  # path to vosk-model-small-cn-0.22; empty = touch only
    model_en_US: str = ""
    input_device: str = ""  # empty = system default input
    trailing_silence_s: float = 1.5


@dataclass(frozen=True)
class HelpConfig:
    hotline: str = "12349"
    mirror_max_minutes: int = 20
    place_name: str = ""  # e.g. "幸福里社区服务中心 1号机"; empty: the backend's terminal name


@dataclass(frozen=True)
class DevicesConfig:
    card_reader: str = "simulated"  # simulated | none
    printer: str = ""  # empty = system default; "pdf:<dir>" writes PDFs


@dataclass(frozen=True)
class FleetConfig:
    # Heartbeats, usage events and remote settings for the operators' console (/ops).
    enabled: bool = True
    # Remote settings, the last-seen catalogue and the outbox live here; empty = user data dir.
    state_dir: str = ""
    # The outbox's encryption key, kept apart from the outbox file; empty = user config dir.
    outbox_key_file: str = ""


@dataclass(frozen=True)
class KioskConfig:
    backend: BackendConfig = field(default_factory=BackendConfig)
    display: DisplayConfig = field(default_factory=DisplayConfig)
    idle: IdleConfig = field(default_factory=IdleConfig)
    operator: OperatorConfig = field(default_factory=OperatorConfig)
    speech: SpeechConfig = field(default_factory=SpeechConfig)
    recognition: RecognitionConfig = field(default_factory=RecognitionConfig)
    help: HelpConfig = field(default_factory=HelpConfig)
    devices: DevicesConfig = field(default_factory=DevicesConfig)
    fleet: FleetConfig = field(default_factory=FleetConfig)

    @property
    def demo_mode(self) -> bool:
        return not self.backend.url


PLACE_NAME_MAX = 40  # fits beside the help code and in the hotline's queue

_CHOICES: dict[str, tuple[str, ...]] = {
    "display.orientation": ("portrait", "landscape"),
    "display.locale": ("zh_CN", "en_US"),
    "display.text_scale": ("standard", "large"),
    "speech.rate": ("slow", "medium", "fast"),
    "devices.card_reader": ("simulated", "none"),
}
_RANGES: dict[str, tuple[float, float]] = {
    "backend.connect_timeout_s": (0.1, 60),
    "backend.read_timeout_s": (0.1, 300),
    "backend.retries": (0, 10),
    "idle.warning_after_s": (10, 3600),
    "idle.countdown_s": (30, 600),
    "idle.wrapup_s": (10, 600),
    "idle.max_extensions": (10, 1000),
    "operator.hold_seconds": (1, 30),
    "operator.max_attempts": (1, 20),
    "operator.lockout_s": (10, 86400),
    "speech.volume_step": (0, 5),
    "speech.render_timeout_s": (0.5, 60),
    "recognition.trailing_silence_s": (0.5, 5),
    "help.mirror_max_minutes": (1, 120),
}


def _coerce(key: str, value: object, kind: type) -> object:
    if kind is bool:
        if isinstance(value, bool):
            return value
        raise ConfigError(f"{key}: expected true or false, got {value!r}")
    if kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise ConfigError(f"{key}: expected a whole number, got {value!r}")
    if kind is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise ConfigError(f"{key}: expected a number, got {value!r}")
    if kind is str:
        if isinstance(value, str):
            return value
        raise ConfigError(f"{key}: expected text in quotes, got {value!r}")
    raise ConfigError(f"{key}: unsupported type")


def _check(key: str, label: str, value: object) -> None:
    if key in _CHOICES and value not in _CHOICES[key]:
        allowed = ", ".join(_CHOICES[key])
        raise ConfigError(f"{label}: {value!r} is not one of {allowed}")
    if key in _RANGES:
        low, high = _RANGES[key]
        if not low <= value <= high:  # type: ignore[operator]  # NaN fails too
            raise ConfigError(f"{label}: {value!r} is outside {low:g}..{high:g}")


def _check_section(section: object) -> None:
    """Rules that span a key's format or two keys of one section."""
    if isinstance(section, BackendConfig) and section.url:
        parts = urlsplit(section.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"backend.url: {section.url!r} is not an http:// or https:// URL")
        if not section.terminal_token:
            raise ConfigError("backend.terminal_token: required when backend.url is set")
    printer = section.printer if isinstance(section, DevicesConfig) else ""
    if printer and (not printer.startswith("pdf:") or not printer[4:].strip()):
        raise ConfigError(
            f"devices.printer: {printer!r} is neither empty (the default printer) nor pdf:<directory>"
        )
    if isinstance(section, HelpConfig) and len(section.place_name) > PLACE_NAME_MAX:
        raise ConfigError(f"help.place_name: longer than {PLACE_NAME_MAX} characters")
    if isinstance(section, OperatorConfig) and section.pin_hash:
        # Local import: operator_pin is stdlib-only and does not import this module.
        from kiosk.operator_pin import PinHashError, parse_pin_hash

        try:
            parse_pin_hash(section.pin_hash)
        except PinHashError as exc:
            raise ConfigError(f"operator.pin_hash: {exc}") from None


def _field_types(cls: type) -> dict[str, type]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _build_section(
    name: str, cls: type, raw: Mapping[str, object], origins: Mapping[str, str]
) -> object:
    kinds = _field_types(cls)
    values = {}
    for key, value in raw.items():
        full = f"{name}.{key}"
        label = f"{full} (from {origins[key]})" if key in origins else full
        if key not in kinds:
            raise ConfigError(f"{label}: unknown key")
        if key in origins:
            value = _parse_env_value(label, value, kinds[key])  # type: ignore[arg-type]
        coerced = _coerce(label, value, kinds[key])
        _check(full, label, coerced)
        values[key] = coerced
    section = cls(**values)
    _check_section(section)
    return section


def _parse_env_value(label: str, text: str, kind: type) -> object:
    """Environment values are text; read them as the key's type (text stays as typed)."""
    if kind is str:
        return text
    if kind is bool:
        lowered = text.strip().lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        raise ConfigError(f"{label}: expected true or false, got {text!r}")
    try:
        return kind(text.strip())
    except ValueError:
        word = "a whole number" if kind is int else "a number"
        raise ConfigError(f"{label}: expected {word}, got {text!r}") from None


def _env_overrides(env: Mapping[str, str]) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """KIOSK_<SECTION>_<KEY> -> {section: (values, origins)}; key case is ignored."""
    sections = _field_types(KioskConfig)
    out: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
    for name, text in env.items():
        if not name.startswith("KIOSK_"):
            continue
        rest = name[len("KIOSK_") :].lower()
        section = next((s for s in sections if rest.startswith(s + "_")), None)
        if section is None:
            continue  # other KIOSK_* variables (e.g. KIOSK_LOG_LEVEL) are not config keys
        wanted = rest[len(section) + 1 :]
        known = {k.lower(): k for k in _field_types(sections[section])}
        key = known.get(wanted, wanted)
        values, origins = out.setdefault(section, ({}, {}))
        values[key] = text
        origins[key] = name
    return out


def with_values(config: KioskConfig, values: Mapping[str, object]) -> KioskConfig:
    """`config` with some "section.key" values replaced, checked by the very rules a config
    file is (remote settings, kiosk/fleet/remote.py); a bad value raises ConfigError."""
    hints = _field_types(KioskConfig)
    grouped: dict[str, dict[str, object]] = {}
    for full, value in values.items():
        name, _, key = full.partition(".")
        if name not in hints:
            raise ConfigError(f"{full}: unknown section")
        grouped.setdefault(name, {})[key] = value
    sections = {
        name: _build_section(
            name, hints[name], {**dataclasses.asdict(getattr(config, name)), **raw}, {}
        )  # fmt: skip
        for name, raw in grouped.items()
    }
    return dataclasses.replace(config, **sections)


def load_config(
    path: Path | str | None = None, env: Mapping[str, str] | None = None
) -> KioskConfig:
    """Load the TOML file (default config/kiosk.toml), apply KIOSK_* overrides, validate.

    An explicit path must exist; the default file may be absent (all defaults).
    """
    env = os.environ if env is None else env
    explicit = bool(path)
    path = Path(path) if path else DEFAULT_CONFIG_PATH
    if explicit and not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None

    hints = _field_types(KioskConfig)
    for name, raw in data.items():
        if name not in hints:
            raise ConfigError(f"{name}: unknown section")
        if not isinstance(raw, dict):
            raise ConfigError(f"{name}: expected a [{name}] table")
    overrides = _env_overrides(env)
    sections = {}
    for name in data.keys() | overrides.keys():
        env_values, origins = overrides.get(name, ({}, {}))
        raw = {**data.get(name, {}), **env_values}
        sections[name] = _build_section(name, hints[name], raw, origins)
    return KioskConfig(**sections)
