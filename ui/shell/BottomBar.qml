import QtQuick
import Kiosk
import ui

// 返回 · 首页 · 重听 · 呼叫帮助 — the same place on every screen.
Rectangle {
    id: bar

    readonly property real buttonWidth: (width - 5 * Theme.gap) / 4
    readonly property real buttonHeight: Math.max(Theme.target, back.implicitHeight, home.implicitHeight,
                                                  repeat.implicitHeight, help.implicitHeight)

    color: Theme.surface
    implicitHeight: buttonHeight + 2 * Theme.gap

    Rectangle {
        anchors.top: parent.top
        width: parent.width
        height: 3
        color: Theme.border
    }

    Row {
        x: Theme.gap
        y: Theme.gap   // ≥ 24 px from whatever scrolls up to the bar
        spacing: Theme.gap

        KioskButton {
            id: back
            objectName: "navBack"
            width: bar.buttonWidth
            height: bar.buttonHeight
            padding: 12
            text: I18n.s["nav.back"]
            voiceKey: "back"
            enabled: Navigator.canGoBack
            onClicked: Navigator.back()
        }
        KioskButton {
            id: home
            objectName: "navHome"
            width: bar.buttonWidth
            height: bar.buttonHeight
            padding: 12
            text: I18n.s["nav.home"]
            voiceKey: "home"
            onClicked: Navigator.home()
        }
        KioskButton {
            id: repeat
            objectName: "navRepeat"
            width: bar.buttonWidth
            height: bar.buttonHeight
            padding: 12
            text: I18n.s["nav.repeat"]
            voiceKey: "repeat"
            onClicked: Navigator.repeat()
        }
        KioskButton {
            id: help
            objectName: "navHelp"
            width: bar.buttonWidth
            height: bar.buttonHeight
            padding: 12
            text: I18n.s["nav.help"]
            voiceKey: "help"
            onClicked: Navigator.go("help")
        }
    }
}
