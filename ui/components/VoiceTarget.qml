import QtQuick
import Kiosk

// Offers its button to voice input while the button can be tapped, and presses it when
// it is what the senior said (kiosk/shell/voice.py): voice and touch run one onClicked.
QtObject {
    id: voiceTarget

    required property Item button         // whose ancestors say whether it is in a modal layer
    required property bool available      // visible, enabled, voice-pressable, labelled
    required property string key          // the button's voiceKey
    required property string label        // the button's text
    signal pressed()                      // the senior said it: the button runs its onClicked

    readonly property bool offered: available
    readonly property bool inOverlay: {   // in a modal layer (ui/components/Overlay.qml)
        for (let node = button.parent; node; node = node.parent)
            if (node instanceof Overlay)
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
            if (token === voiceTarget.token && voiceTarget.offered)
                voiceTarget.pressed()
        }
    }
}
