import QtQuick
import Kiosk
import ui

// 呼叫帮助: the hotline and the help code, large; phone-only help can still ask for screen
// sharing; a volunteer next to the senior signs in here (志愿者协助).
ScreenPage {
    id: page

    Rectangle {
        width: parent.width
        height: info.implicitHeight + 2 * Theme.margin
        radius: Theme.radius
        color: Theme.surface
        border.width: 3
        border.color: Theme.border

        Column {
            id: info
            x: Theme.margin
            y: Theme.margin
            width: parent.width - 2 * Theme.margin
            spacing: Theme.gap

            KText {
                objectName: "helpHotline"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: Help.hotlineText
                textRole: "display"
            }
            KText {
                width: parent.width
                visible: Help.codeVisible
                horizontalAlignment: Text.AlignHCenter
                text: I18n.s["help.code_label"]
            }
            KText {
                objectName: "helpCode"
                width: parent.width
                visible: Help.codeVisible
                horizontalAlignment: Text.AlignHCenter
                text: Help.codeText
                textRole: "display"
                font.pixelSize: Theme.display * 1.5
                font.bold: true
                font.letterSpacing: 8
            }
        }
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
