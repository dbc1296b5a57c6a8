pragma ComponentBehavior: Bound

import QtQuick
import Kiosk
import ui

// 我能享受哪些补贴？: one yes/no question at a time (only what the record does not say and
// still matters), answered with three big buttons. The instruction above says which
// question it is; the question is spoken in full on entering and on 重听.
ScreenPage {
    id: page

    KText {
        objectName: "benefitsLoading"
        width: parent.width
        visible: !Benefits.asking
        text: I18n.s["benefits.loading"]
        textRole: "heading"
    }
    KText {
        objectName: "benefitsQuestion"
        width: parent.width
        visible: Benefits.asking
        text: Benefits.questionText
        textRole: "heading"
    }

    Grid {
        id: answers
        width: parent.width
        visible: Benefits.asking
        columns: page.landscape ? 3 : 1
        spacing: Theme.gap

        readonly property real cellWidth: (width - (columns - 1) * spacing) / columns

        Repeater {
            model: ["yes", "no", "dont_know"]
            KioskButton {
                required property string modelData
                objectName: "benefitsAnswer_" + modelData
                width: answers.cellWidth
                height: Math.max(Theme.target * 1.25, implicitHeight)
                text: I18n.s["benefits." + modelData]
                voiceKey: "benefits." + modelData
                textRole: "heading"
                primary: modelData !== "dont_know"
                enabled: !Network.busy
                onClicked: Benefits.answer(modelData)
            }
        }
    }
}
