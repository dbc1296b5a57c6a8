import QtQuick
import Kiosk
import ui

// 网络暂时不通: the senior's input is kept; 重试 repeats the call, 呼叫帮助 gets a person.
Overlay {
    objectName: "failureOverlay"
    visible: Network.failed

    KText {
        width: parent.width
        text: Network.failureTitle
        textRole: "heading"
        color: Theme.problem
    }
    KText {
        width: parent.width
        text: Network.failureBody
    }
    Flow {
        width: parent.width
        spacing: Theme.gap
        KioskButton {
            objectName: "failureRetry"
            width: Math.max(implicitWidth, (parent.width - 2 * Theme.gap) / 3)
            text: I18n.s["failure.retry"]
            primary: true
            onClicked: Network.retry()
        }
        KioskButton {
            objectName: "failureHelp"
            width: Math.max(implicitWidth, (parent.width - 2 * Theme.gap) / 3)
            text: I18n.s["failure.help"]
            onClicked: { Network.dismiss(); Navigator.go("help") }
        }
        KioskButton {
            objectName: "failureClose"
            width: Math.max(implicitWidth, (parent.width - 2 * Theme.gap) / 3)
            text: I18n.s["failure.close"]
            onClicked: Network.dismiss()
        }
    }
}
