import QtQuick
import ui

// A big numeric keypad: keys from the view model, 删除 in the last row, 清空 below.
Column {
    id: pad

    property var keys: []
    property var disabledKeys: []
    property string deleteText: ""
    property string clearText: ""
    signal keyPressed(string key)
    signal deletePressed()
    signal clearPressed()

    readonly property int columns: 3
    readonly property real keyWidth: (width - (columns - 1) * spacing) / columns
    readonly property real keyHeight: Math.max(Theme.target, Math.round(Theme.display * 1.4) + Theme.padding)

    spacing: Theme.gap

    Grid {
        columns: pad.columns
        spacing: pad.spacing

        Repeater {
            model: pad.keys
            KioskButton {
                objectName: "key_" + modelData
                width: pad.keyWidth
                height: pad.keyHeight
                text: modelData
                textRole: "display"
                enabled: pad.enabled && pad.disabledKeys.indexOf(modelData) < 0
                onClicked: pad.keyPressed(modelData)
            }
        }
        KioskButton {
            objectName: "keyDelete"
            visible: pad.deleteText !== ""
            width: pad.keyWidth
            height: pad.keyHeight
            text: pad.deleteText
            enabled: pad.enabled
            onClicked: pad.deletePressed()
        }
    }
    KioskButton {
        objectName: "keyClear"
        visible: pad.clearText !== ""
        width: pad.width
        text: pad.clearText
        enabled: pad.enabled
        onClicked: pad.clearPressed()
    }
}
