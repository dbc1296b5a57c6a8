import QtQuick
import Kiosk
import ui

// Once identified, on every screen in the same place (Main.qml places it): who is signed in
// (masked, 张*华) and 结束办理. After a finished task it asks 还要办别的事吗？ with the
// countdown to signing out by itself, and 还要办 beside 结束办理.
Rectangle {
    id: bar

    property bool compact: false   // beside the bottom bar (landscape): one line and 结束办理
    readonly property real buttonWidth: Math.max(more.implicitWidth, end.implicitWidth)

    visible: Session.identified
    implicitHeight: Math.max(who.implicitHeight, end.implicitHeight) + 2 * Theme.gap
    color: Wrapup.asking ? Theme.attention : Theme.surface

    Rectangle {   // sets it apart: from the screen above, or the bottom bar beside it
        width: bar.compact ? 3 : parent.width
        height: bar.compact ? parent.height : 3
        color: Theme.border
    }

    Column {
        id: who
        x: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        width: (Wrapup.asking ? more.x : end.x) - Theme.gap - x
        spacing: 4

        KText {
            objectName: "sessionWho"
            width: parent.width
            // Whole words: the name and 已登录 break at the space between them, never inside.
            text: Wrapup.asking ? I18n.s["wrapup.ask"]
                                : Theme.wholeWords(Session.displayName + " " + I18n.s["session.who"])
            textRole: "body"
            font.bold: true
        }
        KText {
            objectName: "wrapupCountdown"
            width: parent.width
            visible: Wrapup.asking && text !== ""
            text: Wrapup.countdownText
        }
    }
    KioskButton {
        id: more
        objectName: "wrapupMore"
        visible: Wrapup.asking
        x: end.x - Theme.gap - width
        anchors.bottom: end.bottom
        width: bar.buttonWidth
        text: I18n.s["wrapup.more"]
        voiceKey: "wrapup.more"
        primary: true
        onClicked: Wrapup.keepGoing()
    }
    KioskButton {
        id: end
        objectName: "sessionEnd"
        x: parent.width - Theme.margin - width
        // Its place does not move when the bar grows to ask 还要办别的事吗？
        anchors.bottom: parent.bottom
        anchors.bottomMargin: bar.compact ? (parent.height - height) / 2 : Theme.gap
        width: bar.buttonWidth
        text: I18n.s["session.end"]
        voiceKey: "session.end"
        onClicked: Wrapup.endVisit()
    }
}
