import QtQuick
import Kiosk
import ui

// 呼叫帮助: the hotline and the help code, large; phone-only help can still ask for screen
// sharing; a volunteer next to the senior signs in here (志愿者协助).
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
    KioskButton {
        objectName: "helpShareScreen"
        width: parent.width
        visible: Help.state === Help.PHONE
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
