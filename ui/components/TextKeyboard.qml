pragma ComponentBehavior: Bound

import QtQuick
import ui

// A full on-screen keyboard for text fields: the view model's keys (digits, letters, signs)
// in as many columns as fit with ≥ 96 px keys 24 px apart, then 删除 (two keys wide).
Flow {
    id: board

    property var keys: []
    property string deleteText: ""
    signal keyPressed(string key)
    signal deletePressed()

    readonly property real keyWidth: (width - (columns - 1) * spacing) / columns
    readonly property real keyHeight: Math.max(Theme.minTarget, Math.round(Theme.key * 1.45) + 8)

    readonly property int columns: Math.max(1, Math.floor((width + spacing) / (Theme.minTarget + 8 + spacing)))
    spacing: Theme.gap

    Repeater {
        model: board.keys
        KioskButton {
            required property string modelData
            objectName: "key_" + modelData
            width: board.keyWidth
            height: board.keyHeight
            padding: 4
            text: modelData
            textRole: "key"
            typesData: true
            enabled: board.enabled
            onClicked: board.keyPressed(modelData)
        }
    }
    KioskButton {
        objectName: "keyDelete"
        typesData: true
        width: board.keyWidth * 2 + board.spacing
        height: board.keyHeight
        padding: 4
        text: board.deleteText
        enabled: board.enabled
        onClicked: board.deletePressed()
    }
}
