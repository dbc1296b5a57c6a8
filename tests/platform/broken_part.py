"""A module whose own import fails: `_lazy` must not mistake it for a part not yet installed."""

import kiosk_dependency_that_does_not_exist  # noqa: F401
