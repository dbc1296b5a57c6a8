"""I18n: the locale pack as QML sees it — every visible string comes through here."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QQmlPropertyMap

from kiosk.locale_pack import LOCALES, LocalePack, load_pack
from kiosk.shell.registry import qml_singleton
from kiosk.speech.output import SpeechOutput


@qml_singleton
class I18n(QObject):
    """`I18n.s["home.book"]` in QML; the map is replaced (and bindings refresh) on a switch."""

    changed = Signal()

    def __init__(self, default_locale: str, speech: SpeechOutput, parent: QObject | None = None):
        super().__init__(parent)
        self._default = default_locale
        self._speech = speech
        self.pack: LocalePack = load_pack(default_locale)  # the others: warm()
        self._strings: dict[
            str, QQmlPropertyMap
        ] = {}  # locale -> its ui strings, as QML reads them
        speech.set_locale(default_locale)

    @staticmethod
    def warm() -> None:
        """Read the packs not shown (off the GUI thread, after the first frame), so that a
        language switch does not touch the disk."""
        for locale in LOCALES:
            load_pack(locale)

    @Property(str, notify=changed)
    def locale(self) -> str:
        return self.pack.locale

    @Property("QVariant", notify=changed)
    def s(self) -> QQmlPropertyMap:
        """The pack's ui strings as one frozen QQmlPropertyMap per locale: a "QVariantMap"
        property would convert all ~240 strings at every read (~0.3 ms; the first frame
        reads it ~170 times)."""
        strings = self._strings.get(self.pack.locale)
        if strings is None:
            strings = self._strings[self.pack.locale] = QQmlPropertyMap.create(self)
            strings.insert(self.pack.ui)
            strings.freeze()
        return strings

    @Slot(str, result=str)
    def tr(self, key: str) -> str:
        return self.pack.text(key)

    @Slot(str)
    def setLocale(self, locale: str) -> None:
        if locale not in LOCALES or locale == self.pack.locale:
            return
        self.pack = load_pack(locale)
        self._speech.set_locale(locale)
        self.changed.emit()

    def reset(self) -> None:
        self.setLocale(self._default)
