import QtQuick
import Kiosk
import ui

// 呼叫帮助: the hotline and the help code, large; phone-only help can still ask for screen
// sharing (or, offline, leave a callback request); a volunteer next to the senior signs in
// here (志愿者协助).
ScreenPage {
    id: page

    HelpCard {   // the hotline, the code (also on phone-only help) and the place
        width: parent.width
        wide: page.landscape
        compact: page.landscape || Help.mirroring   // with the banner above, still one page
    }
    KText {
        objectName: "helpStatus"
        width: parent.width
        text: Help.mirroring ? I18n.s["help.mirroring_body"]
            : Help.state === Help.PHONE ? I18n.s["help.phone_body"] : I18n.s["help.body"]
    }
    // Offline (issue 15): the hotline cannot see the screen nor take a help code; an identified
    // senior can leave a callback request instead, sent when the network is back.
    KioskButton {
        objectName: "helpCallback"
        width: parent.width
        visible: Help.state === Help.PHONE && Offline.active && Waiting.canQueue
        text: I18n.s["waiting.callback"]
        primary: true
        onClicked: Waiting.offerCallback()
    }
    KioskButton {
        objectName: "helpShareScreen"
        width: parent.width
        visible: Help.state === Help.PHONE && !Offline.active
        text: I18n.s["help.share_again"]
        onClicked: Help.askAgain()
    }
    KioskButton {
        objectName: "helpVolunteer"
        width: parent.width
        visible: !Volunteer.signedIn
        text: I18n.s["help.volunteer"]
        hint: I18n.s["help.volunteer.hint"]
        onClicked: Navigator.go("volunteer")
    }
}
