import QtQuick
import Kiosk
import ui

// After identification, for features whose own screens come with later work
// (booking, application progress, my bookings): says so plainly and offers the way on.
ScreenPage {
    KText {
        objectName: "nextStepDone"
        width: parent.width
        text: Session.displayName + " · " + I18n.s["nextstep.done"]
        textRole: "heading"
    }
    KText {
        width: parent.width
        text: I18n.s["nextstep.body"]
    }
    KioskButton {
        objectName: "nextStepHome"
        width: parent.width
        text: I18n.s["nextstep.home"]
        primary: true
        onClicked: Navigator.home()
    }
    KioskButton {
        objectName: "sessionEnd"
        width: parent.width
        text: I18n.s["session.end"]
        onClicked: Session.end()
    }
}
