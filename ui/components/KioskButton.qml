import QtQuick
import Kiosk
import ui

// A large tap target: label (and optional hint line) on a solid plate, taps only.
Rectangle {
    id: control

    property string text
    property string hint: ""
    property string hintRole: "caption"   // body when the hint carries what the senior came for
    property Component decoration: null   // an optional picture above the label (a service pictogram, a face)
    property bool primary: false
    property bool warning: false          // a choice that undoes something (确定取消): dark red
    property bool attention: false        // waits for the senior (需要您补材料): tinted, thick outline
    property bool selected: false
    property string textRole: "body"
    property int padding: Theme.padding
    property string voiceKey: ""          // its locale-pack ui key or a command id: what voice input hears it by
    property bool voiceOption: true       // false: never pressed by voice (keypad keys, 点我说话 itself)
    property bool typesData: false        // a key that types data: never shown pressed in the mirror
    signal clicked()

    // While a mirror frame is grabbed a key that types data looks released and enabled, so
    // hotline staff cannot read which key is held (issue 13).
    readonly property bool hidden: typesData && Mirror.masking
    readonly property bool looksPressed: area.pressed && !hidden
    readonly property bool looksEnabled: enabled || hidden

    readonly property color foreground: !looksEnabled ? Theme.disabledText
                                      : (primary || selected || warning) ? Theme.primaryText : Theme.text

    implicitWidth: Math.max(Theme.minTarget * 2, Math.ceil(labelSize.advanceWidth) + 2 * padding + 2)
    implicitHeight: Math.max(Theme.target, content.implicitHeight + 2 * padding)
    radius: Theme.radius
    color: !looksEnabled ? Theme.disabled
         : warning ? (looksPressed ? Theme.warningPressed : Theme.warning)
         : (primary || selected) ? (looksPressed ? Theme.primaryPressed : Theme.primary)
         : (looksPressed ? Theme.pressed : attention ? Theme.attention : Theme.surface)
    border.width: selected || attention ? 6 : 3
    border.color: Theme.border

    Accessible.role: Accessible.Button
    Accessible.name: hint ? text + "，" + hint : text
    Accessible.onPressAction: if (enabled) control.clicked()

    Column {
        id: content
        anchors.verticalCenter: parent.verticalCenter
        x: control.padding
        width: control.width - 2 * control.padding
        spacing: 8

        Loader {
            anchors.horizontalCenter: parent.horizontalCenter
            active: control.decoration !== null
            visible: active
            sourceComponent: control.decoration
        }
        // Words stay whole; a line that would wrap steps its size down to fit on one line if
        // it can stay at 40 px or more (呼叫帮助 at 特大), else it wraps between words.
        KText {
            id: label
            width: parent.width
            text: Theme.wholeWords(control.text)
            textRole: control.textRole
            font.pixelSize: Theme.fitted(labelSize.font.pixelSize, labelSize.advanceWidth,
                                         labelWord.advanceWidth, width)
            color: control.foreground
            horizontalAlignment: Text.AlignHCenter
        }
        KText {
            id: hintLabel
            width: parent.width
            visible: control.hint !== ""
            text: Theme.wholeWords(control.hint)
            textRole: control.hintRole
            font.pixelSize: Theme.fitted(hintSize.font.pixelSize, hintSize.advanceWidth,
                                         hintWord.advanceWidth, width)
            color: control.foreground
            horizontalAlignment: Text.AlignHCenter
        }
    }

    // The label's (and hint's) longest line and longest word at its role's size.
    TextMetrics {
        id: labelSize
        font.family: Theme.fontFamily
        font.bold: control.textRole === "heading" || control.textRole === "key"
        font.pixelSize: Theme.roleSize(control.textRole)
        text: Theme.longestLine(control.text)
    }
    TextMetrics {
        id: labelWord
        font: labelSize.font
        text: Theme.longestWord(control.text)
    }
    TextMetrics {
        id: hintSize
        font.family: Theme.fontFamily
        font.pixelSize: Theme.roleSize(control.hintRole)
        text: Theme.longestLine(control.hint)
    }
    TextMetrics {
        id: hintWord
        font: hintSize.font
        text: Theme.longestWord(control.hint)
    }

    VoiceTarget {
        button: control
        available: control.voiceOption && control.visible && control.enabled && control.text !== ""
        key: control.voiceKey
        label: control.text
        onPressed: control.clicked()
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: {
            Help.noteTap(control.text, control.voiceKey, control.typesData)  // for the hotline
            control.clicked()
        }
    }
}
