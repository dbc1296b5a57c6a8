"""load_config: every rule a bad file or environment can break, and kiosk.toml's completeness."""

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from kiosk.config import DEFAULT_CONFIG_PATH, ConfigError, KioskConfig, load_config
from kiosk.operator_pin import hash_pin

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error(tmp_path: Path, text: str, env: dict[str, str] | None = None) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text), env=env or {})
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_defaults_without_a_file(tmp_path):
    config = load_config(write(tmp_path, ""), env={})
    assert config == KioskConfig()
    assert config.demo_mode


def test_values_from_the_file(tmp_path):
    config = load_config(
        write(tmp_path, '[idle]\nwarning_after_s = 90\n[display]\norientation = "landscape"\n'),
        env={},
    )
    assert config.idle.warning_after_s == 90
    assert config.display.orientation == "landscape"
    assert config.idle.countdown_s == 30  # untouched keys keep their defaults


def test_integer_accepted_for_a_float_key(tmp_path):
    config = load_config(write(tmp_path, "[backend]\nconnect_timeout_s = 2\n"), env={})
    assert config.backend.connect_timeout_s == 2.0
    assert isinstance(config.backend.connect_timeout_s, float)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("[idle]\nwarning_after = 90\n", "idle.warning_after: unknown key"),
        ("[idle]\nwarning_after_s = '90'\n", "idle.warning_after_s: expected a whole number"),
        ("[idle]\nwarning_after_s = 1.5\n", "idle.warning_after_s: expected a whole number"),
        ("[speech]\nenabled = 1\n", "speech.enabled: expected true or false"),
        ("[backend]\nretries = true\n", "backend.retries: expected a whole number"),
        ("[help]\nhotline = 12349\n", "help.hotline: expected text in quotes"),
        ("[help]\nplace_name = '" + "长" * 41 + "'\n", "help.place_name: longer than 40"),
        ("[idle]\ncountdown_s = 5\n", "idle.countdown_s: 5 is outside 30..600"),
        ("[idle]\nmax_extensions = 3\n", "idle.max_extensions: 3 is outside 10..1000"),
        ("[backend]\nread_timeout_s = nan\n", "backend.read_timeout_s: nan is outside"),
        ("[display]\norientation = 'sideways'\n", "display.orientation: 'sideways' is not one of"),
        ("[speech]\nrate = 'turbo'\n", "speech.rate: 'turbo' is not one of slow, medium, fast"),
        ("[printers]\nx = 1\n", "printers: unknown section"),
        ("display = 3\n", "display: expected a [display] table"),
        ("[backend]\nurl = 'ftp://x'\nterminal_token = 't'\n", "backend.url: 'ftp://x' is not"),
        ("[backend]\nurl = 'http://10.0.0.5:8000'\n", "backend.terminal_token: required"),
        ("[operator]\npin_hash = '1234'\n", "operator.pin_hash: expected pbkdf2_sha256$"),
        ("[devices]\nprinter = 'Receipt_80mm'\n", "devices.printer: 'Receipt_80mm' is neither"),
        ("[devices]\nprinter = 'pdf:'\n", "devices.printer: 'pdf:' is neither"),
    ],
)
def test_bad_values_name_the_key(tmp_path, text, named):
    assert named in error(tmp_path, text)


def test_invalid_toml(tmp_path):
    message = error(tmp_path, "[idle\nwarning_after_s = 90\n")
    assert message.startswith(str(tmp_path / "kiosk.toml")) and "not valid TOML" in message


def test_explicit_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(tmp_path / "absent.toml", env={})


def test_env_overrides_the_file(tmp_path):
    path = write(tmp_path, "[idle]\nwarning_after_s = 90\n")
    env = {
        "KIOSK_IDLE_WARNING_AFTER_S": "200",
        "KIOSK_SPEECH_ENABLED": "FALSE",
        "KIOSK_BACKEND_URL": "https://kiosk-api.example.gov.cn/",
        "KIOSK_BACKEND_TERMINAL_TOKEN": "0042",  # digits, but a text key: kept as typed
        "KIOSK_BACKEND_READ_TIMEOUT_S": "2.5",
        "KIOSK_RECOGNITION_MODEL_ZH_CN": "/opt/vosk/cn",  # key case is ignored
        "KIOSK_LOG_LEVEL": "INFO",  # not a config section: left to others
        "HOME": "/root",
    }
    config = load_config(path, env=env)
    assert config.idle.warning_after_s == 200
    assert config.speech.enabled is False
    assert config.backend.terminal_token == "0042"
    assert config.backend.read_timeout_s == 2.5
    assert config.recognition.model_zh_CN == "/opt/vosk/cn"
    assert not config.demo_mode


@pytest.mark.parametrize(
    ("name", "value", "named"),
    [
        (
            "KIOSK_IDLE_WARNING_AFTER_S",
            "soon",
            "idle.warning_after_s (from KIOSK_IDLE_WARNING_AFTER_S): expected a whole number",
        ),
        (
            "KIOSK_IDLE_WARNING_AFTER_S",
            "5",
            "idle.warning_after_s (from KIOSK_IDLE_WARNING_AFTER_S): 5 is outside",
        ),
        (
            "KIOSK_SPEECH_ENABLED",
            "yes please",
            "speech.enabled (from KIOSK_SPEECH_ENABLED): expected true or false",
        ),
        (
            "KIOSK_DISPLAY_LOCALE",
            "fr_FR",
            "display.locale (from KIOSK_DISPLAY_LOCALE): 'fr_FR' is not one of",
        ),
        ("KIOSK_BACKEND_URLL", "http://x", "backend.urll (from KIOSK_BACKEND_URLL): unknown key"),
        (
            "KIOSK_BACKEND_RETRIES",
            "2.5",
            "backend.retries (from KIOSK_BACKEND_RETRIES): expected a whole number",
        ),
    ],
)
def test_bad_env_names_the_variable(tmp_path, name, value, named):
    assert named in error(tmp_path, "", env={name: value})


def test_valid_pin_hash_accepted(tmp_path):
    pin_hash = hash_pin("2468", iterations=1000)
    config = load_config(write(tmp_path, f'[operator]\npin_hash = "{pin_hash}"\n'), env={})
    assert config.operator.pin_hash == pin_hash


# --- config/kiosk.toml documents every key, with its default and a comment -----------------


def _documented() -> dict[str, tuple[object, str]]:
    """section.key -> (value, the comment lines right above it)."""
    out = {}
    section, comments = "", []
    for line in DEFAULT_CONFIG_PATH.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            comments.append(stripped)
        elif m := re.fullmatch(r"\[(\w+)\]", stripped):
            section, comments = m.group(1), []
        elif "=" in stripped and section:
            key = stripped.split("=", 1)[0].strip()
            value = tomllib.loads(stripped)[key]
            out[f"{section}.{key}"] = (value, " ".join(comments))
            comments = []
    return out


def test_kiosk_toml_documents_every_key_with_its_default():
    documented = _documented()
    expected = {}
    for section in dataclasses.fields(KioskConfig):
        for key in dataclasses.fields(section.default_factory()):
            expected[f"{section.name}.{key.name}"] = key.default
    assert set(documented) == set(expected)
    for name, default in expected.items():
        value, comment = documented[name]
        assert value == default, name
        assert len(comment) > 10, f"{name} has no explanatory comment"


def test_kiosk_toml_loads_to_the_defaults():
    assert load_config(DEFAULT_CONFIG_PATH, env={}) == KioskConfig()


def test_examples_load():
    examples = sorted((ROOT / "config" / "examples").glob("*.toml"))
    assert len(examples) >= 2
    env = {"KIOSK_BACKEND_TERMINAL_TOKEN": "from-the-service-environment"}
    production = load_config(ROOT / "config" / "examples" / "production.toml", env=env)
    assert not production.demo_mode
    for example in examples:
        load_config(example, env=env)
