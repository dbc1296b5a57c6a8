"""Where the kiosk's fleet side keeps its files (light: imported at start-up)."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import KioskConfig


def state_dir_for(config: KioskConfig) -> Path:
    if config.fleet.state_dir:
        return Path(config.fleet.state_dir).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("civic-kiosk")) / "fleet"


def default_key_file(config: KioskConfig) -> Path:
    """Outside the state directory, so the outbox file alone cannot be read."""
    if config.fleet.outbox_key_file:
        return Path(config.fleet.outbox_key_file).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("civic-kiosk")) / "outbox.key"
