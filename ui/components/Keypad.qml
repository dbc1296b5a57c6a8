pragma ComponentBehavior: Bound

import QtQuick
import ui

// A big numeric keypad: keys from the view model ("" leaves a cell empty), then 删除, in
// `columns` columns.
Grid {
    id: pad

    property var keys: []
    property var disabledKeys: []
    property string deleteText: ""
    signal keyPressed(string key)
    signal deletePressed()

    readonly property real keyWidth: (width - (columns - 1) * spacing) / columns
    property bool compact: false   // landscape: lower keys (still ≥ 96 px) so the pad fits one page
    readonly property real keyHeight: compact ? Math.max(Theme.minTarget + 8, Math.round(Theme.key * 1.45))
                                              : Math.max(Theme.target, Math.round(Theme.key * 1.45) + Theme.padding)

    columns: 3
    spacing: Theme.gap

    Repeater {
        model: pad.keys
        KioskButton {
            required property string modelData
            objectName: "key_" + modelData
            width: pad.keyWidth
            height: pad.keyHeight
            text: modelData
            textRole: "key"
            typesData: true
            voiceOption: false   // spoken digits are entered by the voice service's digit grammar
            enabled: modelData !== "" && pad.enabled && pad.disabledKeys.indexOf(modelData) < 0
            opacity: modelData === "" ? 0 : 1   // an empty cell keeps 0 under 8 (no dead key)
            onClicked: pad.keyPressed(modelData)
        }
    }
    KioskButton {
        objectName: "keyDelete"
        typesData: true
        visible: pad.deleteText !== ""
        width: pad.keyWidth
        height: pad.keyHeight
        text: pad.deleteText
        voiceOption: false
        enabled: pad.enabled
        onClicked: pad.deletePressed()
    }
}
