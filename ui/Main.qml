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
        anchors.bottom: sessionBar.compact ? voiceBar.top : sessionBar.top
        width: parent.width
        source: Navigator.source
    }

    // Once identified: who is signed in and 结束办理, always in the same place — a strip above
    // the bottom bar, or in landscape beside it (the screen keeps its height) except while
    // it asks 还要办别的事吗？, when it spans the window above the bottom bar.
    SessionBar {
        id: sessionBar
        objectName: "sessionBar"
        compact: window.width > window.height && !Wrapup.asking
        anchors.bottom: compact ? parent.bottom : voiceBar.top
        x: compact ? parent.width - width : 0
        width: compact ? Math.round(parent.width * 0.36) : parent.width
        height: !visible ? 0 : compact ? bottomBar.height : implicitHeight
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
        // Landscape: the session's corner is kept even before anyone signs in, so the bottom
        // bar's buttons never move.
        width: window.width > window.height ? parent.width - Math.round(parent.width * 0.36) : parent.width
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
