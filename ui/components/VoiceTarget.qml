import QtQuick
import Kiosk

// Offers its button to voice input while the button can be tapped, and presses it when
// it is what the senior said (kiosk/viewmodels/voice.py): voice and touch run one onClicked.
QtObject {
    id: target

    property Item button
    readonly property bool offered: button !== null && button.voiceOption && button.visible
                                    && button.enabled && button.text !== ""
    readonly property string key: button ? button.voiceKey : ""
    readonly property string label: button ? button.text : ""
    property int token: 0

    function sync() {
        if (token !== 0)
            Voice.withdraw(token)
        token = offered ? Voice.offer(key, label) : 0
    }

    onOfferedChanged: sync()
    onKeyChanged: sync()
    onLabelChanged: sync()
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
