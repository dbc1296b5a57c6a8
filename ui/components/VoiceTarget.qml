import QtQuick
import Kiosk

// Offers its button to voice input while the button can be tapped, and presses it when
// it is what the senior said (kiosk/shell/voice.py): voice and touch run one onClicked.
QtObject {
    id: target

    property Item button
    readonly property bool offered: button !== null && button.voiceOption && button.visible
                                    && button.enabled && button.text !== ""
    readonly property string key: button ? button.voiceKey : ""
    readonly property string label: button ? button.text : ""
    readonly property bool inOverlay: {   // in a modal layer (ui/components/Overlay.qml)
        for (var node = button ? button.parent : null; node; node = node.parent)
            if (node.overlay === true)
                return true
        return false
    }
    property int token: 0

    function sync() {
        if (token !== 0)
            Voice.withdraw(token)
        token = offered ? Voice.offer(key, label, inOverlay) : 0
    }

    onOfferedChanged: sync()
    onKeyChanged: sync()
    onLabelChanged: sync()
    onInOverlayChanged: sync()
    Component.onCompleted: sync()
    Component.onDestruction: if (token !== 0) Voice.withdraw(token)

    property Connections chosen: Connections {
        target: Voice
        function onChosen(token) {
            if (token === target.token && target.offered)
                target.button.clicked()
        }
    }
}
