import QtQuick
import Kiosk
import ui

// The kiosk window: title bar (with the screen's instruction), the screen, the fixed
// bottom bar, and the modal layers (waiting, failure, idle warning, operator panel).
Window {
    id: window

    title: I18n.s["app.title"]
    color: Theme.background

    TopBar {
        id: topBar
        objectName: "topBar"
        landscape: window.width > window.height
        width: parent.width
        height: implicitHeight
    }

    AssistBanner {
        id: assistBanner
        objectName: "assistBanner"
        anchors.top: topBar.bottom
        landscape: window.width > window.height
        width: parent.width
    }

    Loader {
        id: screen
        objectName: "screenLoader"
        anchors.top: assistBanner.bottom
        anchors.bottom: voiceBar.top
        width: parent.width
        source: Navigator.source
    }

    VoiceBar {
        id: voiceBar
        objectName: "voiceBar"
        visible: Voice.enabled   // no voice in this locale: no bar at all
        landscape: window.width > window.height
        anchors.bottom: bottomBar.top
        width: parent.width
        height: visible ? implicitHeight : 0
    }

    BottomBar {
        id: bottomBar
        objectName: "bottomBar"
        anchors.bottom: parent.bottom
        width: parent.width
        height: implicitHeight
    }

    PointerRing {}
    ConsentDialog {}
    BusyOverlay {}
    FailureOverlay {}
    VoiceConfirmOverlay {}
    IdleOverlay {}
    OperatorPanel {}
}
