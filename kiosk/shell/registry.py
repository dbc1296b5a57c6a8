"""QML registration: view models are QML singletons of the `Kiosk` module, one instance per engine.

The engine constructs singletons itself; ours need their services passed in, so
kiosk/app.py builds each view model and `bind`s it to its engine first, and the
generated `create(engine)` hands that instance over. No context properties, and
several engines (tests, the tour) can live in one process.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtQml import QJSEngine, QmlElement, QmlSingleton, QQmlEngine

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

_bound: dict[tuple[int, type], object] = {}
_registered: list[type] = []  # every @qml_singleton class, for tools/qmllint.py's type description


def _key(engine: QQmlEngine, cls: type) -> tuple[int, type]:
    return shiboken6.getCppPointer(engine)[0], cls


def bind(engine: QQmlEngine, view_model: object) -> None:
    """Make view_model the instance QML sees for its class in this engine."""
    _bound[_key(engine, type(view_model))] = view_model


def unbinder(engine: QQmlEngine) -> Callable[[], None]:
    """A function that forgets engine's view models; call it once the engine is deleted."""
    pointer = shiboken6.getCppPointer(engine)[0]

    def forget() -> None:
        for key in [k for k in _bound if k[0] == pointer]:
            del _bound[key]

    return forget


def qml_singleton(cls: type) -> type:
    """Register cls as `import Kiosk` singleton whose instance comes from `bind`."""

    def create(engine: QQmlEngine) -> object:
        view_model = _bound[_key(engine, cls)]
        # The engine would otherwise delete our Python-owned object when it goes.
        QJSEngine.setObjectOwnership(view_model, QJSEngine.ObjectOwnership.CppOwnership)
        return view_model

    cls.create = staticmethod(create)
    _registered.append(cls)
    return QmlElement(QmlSingleton(cls))


def registered() -> list[type]:
    """The view-model classes registered so far (importing kiosk.app registers all)."""
    return list(_registered)
