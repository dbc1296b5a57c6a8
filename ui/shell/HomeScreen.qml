pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// Home: the four tasks as large tiles, 我能享受哪些补贴？ across under them (with, after an
// identification, one gentle line when a subsidy looks likely), then text size, language and
// speech rate.
ScreenPage {
    id: page

    // Offline (issue 15): said plainly first, and what still works one tap away.
    KioskButton {
        objectName: "offlineNotice"
        width: parent.width
        visible: Offline.active
        text: I18n.s["offline.notice"]
        padding: 16
        onClicked: Navigator.go("offline")
    }

    Grid {
        id: tiles
        width: parent.width
        // 特大 in portrait: one tile per row, so a six-character label stays on one line.
        columns: page.landscape ? (Theme.scale < 1.2 ? 4 : 2) : (Theme.scale < 1.2 ? 2 : 1)
        spacing: Theme.gap

        // 特大 in portrait drops the tiles' second line so that the whole home screen, settings
        // included, fits without paging: the first screen a senior sees must not hide anything.
        readonly property bool showHints: page.landscape || Theme.scale < 1.2
        readonly property real tileWidth: (width - (columns - 1) * spacing) / columns
        // One per row (特大 in portrait): a shorter minimum, so five tasks and the settings fit.
        readonly property real tileHeight: Math.max(columns === 2 && !page.landscape ? 320
                                                    : Theme.target * (columns === 1 ? 1.2 : 1.5),
                                                    book.implicitHeight, progress.implicitHeight,
                                                    orders.implicitHeight, help.implicitHeight)

        KioskButton {
            id: book
            objectName: "tileBook"
            width: tiles.tileWidth
            height: tiles.tileHeight
            text: I18n.s["home.book"]
            voiceKey: "home.book"
            hint: tiles.showHints ? I18n.s["home.book.hint"] : ""
            textRole: "heading"
            padding: 16
            primary: true
            onClicked: Navigator.go("booking")
        }
        KioskButton {
            id: progress
            objectName: "tileProgress"
            width: tiles.tileWidth
            height: tiles.tileHeight
            text: I18n.s["home.progress"]
            voiceKey: "home.progress"
            hint: tiles.showHints ? I18n.s["home.progress.hint"] : ""
            textRole: "heading"
            padding: 16
            primary: true
            onClicked: Navigator.go("progress")
        }
        KioskButton {
            id: orders
            objectName: "tileOrders"
            width: tiles.tileWidth
            height: tiles.tileHeight
            text: I18n.s["home.orders"]
            voiceKey: "home.orders"
            hint: tiles.showHints ? I18n.s["home.orders.hint"] : ""
            textRole: "heading"
            padding: 16
            primary: true
            onClicked: Navigator.go("orders")
        }
        KioskButton {
            id: help
            objectName: "tileHelp"
            width: tiles.tileWidth
            height: tiles.tileHeight
            text: I18n.s["home.help"]
            voiceKey: "home.help"
            hint: tiles.showHints ? I18n.s["home.help.hint"] : ""
            textRole: "heading"
            padding: 16
            onClicked: Navigator.go("help")
        }
    }

    // 我能享受哪些补贴？ across; in landscape the gentle line (when there is one) beside it.
    Grid {
        id: benefitsRow
        width: parent.width
        columns: page.landscape && benefitsHint.visible ? 2 : 1
        spacing: Theme.gap

        readonly property bool beside: columns === 2

        KioskButton {
            id: benefitsTile
            objectName: "tileBenefits"
            width: benefitsRow.beside ? (benefitsRow.width - benefitsRow.spacing) * 0.55 : benefitsRow.width
            height: tiles.columns === 1 ? Math.max(tiles.tileHeight, implicitHeight) : implicitHeight
            text: I18n.s["home.benefits"]
            voiceKey: "home.benefits"
            hint: tiles.showHints ? I18n.s["home.benefits.hint"] : ""
            textRole: "heading"
            padding: 16
            primary: true
            onClicked: Navigator.go("benefits")
        }
        // Never a pop-up: one line, once per visit, that leads to the same place.
        KioskButton {
            id: benefitsHint
            objectName: "benefitsHint"
            width: benefitsRow.beside ? (benefitsRow.width - benefitsRow.spacing) * 0.45 : benefitsRow.width
            height: benefitsRow.beside ? benefitsTile.height : implicitHeight
            visible: Benefits.hintLine !== ""
            text: Benefits.hintLine
            padding: 12
            onClicked: Benefits.openFromHint()
        }
    }

    Grid {
        id: settings
        width: parent.width
        columns: page.landscape ? 6 : 3
        spacing: Theme.gap

        readonly property real cellWidth: (width - (columns - 1) * spacing) / columns

        KText {
            width: settings.cellWidth
            height: Math.max(Theme.target, implicitHeight)
            verticalAlignment: Text.AlignVCenter
            text: I18n.s["settings.text_size"]
        }
        KioskButton {
            objectName: "textStandard"
            width: settings.cellWidth
            padding: 12
            text: I18n.s["settings.standard"]
            selected: !Preferences.largeText
            onClicked: Preferences.setLargeText(false)
        }
        KioskButton {
            objectName: "textLarge"
            width: settings.cellWidth
            padding: 12
            text: I18n.s["settings.large"]
            selected: Preferences.largeText
            onClicked: Preferences.setLargeText(true)
        }
        KText {
            width: settings.cellWidth
            height: Math.max(Theme.target, implicitHeight)
            verticalAlignment: Text.AlignVCenter
            text: I18n.s["settings.language"]
        }
        KioskButton {
            objectName: "langZh"
            width: settings.cellWidth
            padding: 12
            text: I18n.s["settings.zh_CN"]
            selected: I18n.locale === "zh_CN"
            onClicked: I18n.setLocale("zh_CN")
        }
        KioskButton {
            objectName: "langEn"
            width: settings.cellWidth
            padding: 12
            text: I18n.s["settings.en_US"]
            selected: I18n.locale === "en_US"
            onClicked: I18n.setLocale("en_US")
        }
    }

    // Speech rate and volume for this visit (back to the defaults at session end). A change is
    // heard at once: the screen's prompt is spoken again at the new rate or volume.
    Grid {
        id: speechSettings
        width: parent.width
        columns: 4
        spacing: Theme.gap

        readonly property real cellWidth: (width - (columns - 1) * spacing) / columns

        KText {
            width: speechSettings.cellWidth
            height: Math.max(Theme.target, implicitHeight)
            verticalAlignment: Text.AlignVCenter
            text: I18n.s["settings.rate"]
        }
        Repeater {
            model: ["slow", "medium", "fast"]
            KioskButton {
                required property string modelData
                objectName: "rate_" + modelData
                width: speechSettings.cellWidth
                padding: 12
                text: I18n.s["settings.rate." + modelData]
                selected: Preferences.rate === modelData
                onClicked: {
                    Preferences.setRate(modelData)
                    Navigator.repeat()
                }
            }
        }
        KText {
            width: speechSettings.cellWidth
            height: Math.max(Theme.target, implicitHeight)
            verticalAlignment: Text.AlignVCenter
            text: I18n.s["settings.volume"]
        }
        Repeater {   // 音量 小/中/大 for this visit, heard at once like the rate
            model: ["small", "medium", "large"]
            KioskButton {
                required property string modelData
                objectName: "volume_" + modelData
                width: speechSettings.cellWidth
                padding: 12
                text: I18n.s["settings.volume." + modelData]
                selected: Preferences.volumeLevel === modelData
                onClicked: {
                    Preferences.setVolumeLevel(modelData)
                    Navigator.repeat()
                }
            }
        }
    }
}
