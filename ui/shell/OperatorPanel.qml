pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// Operator panel: PIN first, then selftest results, volume, a simulated card, exit.
Overlay {
    id: panel
    objectName: "operatorPanel"
    visible: Operator.state !== Operator.CLOSED

    Item {   // the title, and on the same line which build this is (no extra height)
        width: parent.width
        height: title.implicitHeight
        KText {
            id: title
            width: parent.width - version.width - Theme.gap
            text: I18n.s["operator.title"]
            textRole: "heading"
        }
        KText {
            id: version
            objectName: "operatorVersion"
            anchors.right: parent.right
            anchors.verticalCenter: title.verticalCenter
            text: Operator.version
            textRole: "caption"
        }
    }

    Column {
        width: parent.width
        spacing: Theme.gap
        visible: Operator.state === Operator.PIN || Operator.state === Operator.CHECKING_PIN

        KText {
            width: parent.width
            text: I18n.s["operator.pin"]
        }
        KText {
            objectName: "operatorPinDots"
            width: parent.width
            text: "●".repeat(Operator.pinLength)
            textRole: "display"
        }
        KText {
            objectName: "operatorMessage"
            width: parent.width
            visible: Operator.message !== ""
            text: Operator.message
            color: Theme.problem
        }
        Keypad {
            width: parent.width
            columns: panel.width > panel.height ? 6 : 3   // landscape: two rows, 确定 stays in view
            keys: Operator.keys
            deleteText: I18n.s["identify.delete"]
            enabled: Operator.state === Operator.PIN
            onKeyPressed: (key) => Operator.press(key)
            onDeletePressed: Operator.backspace()
        }
        KioskButton {
            objectName: "operatorEnter"
            width: parent.width
            text: I18n.s["operator.enter"]
            primary: true
            enabled: Operator.state === Operator.PIN && Operator.pinLength > 0
            onClicked: Operator.submit()
        }
    }

    Column {
        width: parent.width
        spacing: Theme.gap
        visible: Operator.state === Operator.PANEL

        Repeater {
            model: Operator.checks
            KText {
                required property var modelData
                width: parent.width
                text: modelData.name + " · " + modelData.status + " · " + modelData.detail
                textRole: "caption"
                color: modelData.ok ? Theme.text : Theme.problem
            }
        }
        KText {
            width: parent.width
            visible: Operator.checking
            text: I18n.s["operator.checking"]
        }
        KioskButton {
            objectName: "operatorSelftest"
            width: parent.width
            text: I18n.s["operator.selftest"]
            enabled: !Operator.checking
            onClicked: Operator.runSelftest()
        }
        Flow {
            width: parent.width
            spacing: Theme.gap
            KioskButton {
                objectName: "operatorVolumeDown"
                text: I18n.s["operator.volume_down"]
                onClicked: Operator.changeVolume(-1)
            }
            KText {
                height: Theme.target
                verticalAlignment: Text.AlignVCenter
                text: Operator.volumeText
                wrapMode: Text.NoWrap
            }
            KioskButton {
                objectName: "operatorVolumeUp"
                text: I18n.s["operator.volume_up"]
                onClicked: Operator.changeVolume(1)
            }
        }
        KioskButton {
            objectName: "operatorSimulateCard"
            width: parent.width
            visible: Operator.canSimulateCard
            text: I18n.s["operator.simulate_card"]
            onClicked: Operator.simulateCard()
        }
        KioskButton {
            objectName: "operatorExit"
            width: parent.width
            text: I18n.s["operator.exit"]
            onClicked: Operator.exitKiosk()
        }
    }

    KioskButton {
        objectName: "operatorClose"
        width: parent.width
        text: I18n.s["operator.close"]
        onClicked: Operator.close()
    }
}
