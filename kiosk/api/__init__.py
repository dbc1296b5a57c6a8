"""Backend client: one transport, typed results, an error taxonomy. No Qt (tested).

from kiosk.api import ApiClient, errors, models

ApiClient is imported on first use (PEP 562): it brings requests (~20 MiB, ~0.1 s), which
the home screen does not need; errors and models are light and imported at once.
"""

from typing import TYPE_CHECKING

from . import errors, models
from .protocol import BackendApi  # light: what Network and the view models are typed against

if TYPE_CHECKING:
    from .client import ApiClient

__all__ = ["ApiClient", "BackendApi", "errors", "models"]


def __getattr__(name: str) -> object:
    if name == "ApiClient":
        from .client import ApiClient

        return ApiClient
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
