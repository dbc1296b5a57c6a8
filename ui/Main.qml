import QtQuick
import Kiosk
import ui

// The kiosk window: title bar, the current screen's instruction, the screen, the fixed
// bottom bar, and the modal layers (waiting, failure, idle warning, operator panel).
Window {
    id: window

    title: I18n.s["app.title"]
    color: Theme.background

    TopBar {
        id: topBar
        objectName: "topBar"
        width: parent.width
        height: implicitHeight
    }

    Rectangle {
        id: instructionBox
        anchors.top: topBar.bottom
        width: parent.width
        height: instructionText.implicitHeight + 2 * Theme.padding
        color: Theme.background

        KText {
            id: instructionText
            objectName: "screenInstruction"
            x: Theme.margin
            y: Theme.padding
            width: parent.width - 2 * Theme.margin
            text: Navigator.instruction
        }
    }

    Loader {
        id: screen
        objectName: "screenLoader"
        anchors.top: instructionBox.bottom
        anchors.bottom: bottomBar.top
        width: parent.width
        source: Navigator.source
    }

    BottomBar {
        id: bottomBar
        objectName: "bottomBar"
        anchors.bottom: parent.bottom
        width: parent.width
        height: implicitHeight
    }

    BusyOverlay {}
    FailureOverlay {}
    IdleOverlay {}
    OperatorPanel {}
}
