"""Backend client: one transport, typed results, an error taxonomy. No Qt (tested).

from kiosk.api import ApiClient, errors, models
"""

from . import errors, models
from .client import ApiClient
from .protocol import BackendApi

__all__ = ["ApiClient", "BackendApi", "errors", "models"]
