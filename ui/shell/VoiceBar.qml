import QtQuick
import Kiosk
import ui

// Voice input above the bottom bar: 点我说话, the listening indicator with a level meter,
// "我听到：…", or why voice is off. The same height in every state, so nothing jumps.
Rectangle {
    id: bar

    property bool landscape: false
    // Beside the button: two lines of status in portrait, one in landscape; while listening
    // one line and the level meter.
    readonly property int statusLines: landscape ? 1 : 2
    // A longer status (rare: what was heard when it matched nothing) makes the bar taller
    // rather than spill out of it.
    readonly property real rowHeight: Math.ceil(Math.max(Theme.target, statusLines * lineMetrics.height,
                                                         lineMetrics.height + meter.height + Theme.gap / 2,
                                                         statusColumn.implicitHeight, talk.implicitHeight))

    color: Theme.background
    implicitHeight: rowHeight + Theme.gap + 3   // the bottom bar keeps its own 24 px below

    FontMetrics {
        id: lineMetrics
        font.family: Theme.fontFamily
        font.pixelSize: Theme.body
    }

    Rectangle {
        anchors.top: parent.top
        width: parent.width
        height: 3
        color: Theme.border
    }

    KioskButton {
        id: talk
        objectName: "voiceTalk"
        x: Theme.margin
        y: 3 + Theme.gap   // ≥ 24 px from whatever scrolls up to the bar
        width: Math.round((bar.width - 2 * Theme.margin) * (bar.landscape ? 0.3 : 0.42))
        height: bar.rowHeight
        padding: 12
        text: Voice.talkText
        textRole: "heading"
        primary: true
        voiceOption: false
        enabled: Voice.available
        onClicked: Voice.talk()
    }

    Column {
        id: statusColumn
        x: talk.x + talk.width + Theme.gap
        width: bar.width - x - Theme.margin
        anchors.verticalCenter: talk.verticalCenter
        spacing: Theme.gap / 2

        KText {
            id: status
            objectName: "voiceStatus"
            width: parent.width
            text: Voice.statusText
            font.bold: Voice.listening
        }
        Rectangle {
            id: meter
            objectName: "voiceLevel"
            width: parent.width
            height: 24
            radius: 12
            visible: Voice.listening
            color: Theme.surface
            border.width: 2
            border.color: Theme.border
            Accessible.role: Accessible.ProgressBar
            Accessible.name: I18n.s["voice.level"]

            Rectangle {
                x: 2
                y: 2
                height: parent.height - 4
                width: (parent.width - 4) * Math.max(0, Math.min(1, Voice.level))
                radius: 10
                color: Theme.primary
            }
        }
    }
}
