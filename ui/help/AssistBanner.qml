import QtQuick
import Kiosk
import ui

// On every screen while someone helps: 工作人员正在协助您 (with staff hints) and 结束协助
// while mirroring; "志愿者 V-0001 代办" and 结束代办 in volunteer assisted mode. Both at once in
// landscape: side by side, so the screen below keeps the height of one banner.
Grid {
    id: banner

    property bool landscape: false
    columns: landscape && Help.mirroring && Volunteer.signedIn ? 2 : 1
    readonly property real cellWidth: width / columns
    readonly property real buttonShare: landscape && columns === 1 ? 0.22 : 0.34

    Rectangle {
        id: mirrorBanner
        objectName: "mirrorBanner"
        visible: Help.mirroring
        readonly property real needed: Math.max(mirrorTexts.implicitHeight, buttons.height) + 2 * Theme.padding
        width: banner.cellWidth
        height: banner.columns === 2 ? Math.max(needed, volunteerBadge.needed) : needed
        color: Theme.badge

        Column {
            id: mirrorTexts
            x: Theme.margin
            anchors.verticalCenter: parent.verticalCenter
            width: buttons.x - x - Theme.gap
            spacing: 8

            KText {
                width: parent.width
                text: I18n.s["help.banner"]
                font.bold: true
            }
            KText {
                objectName: "helpHint"
                width: parent.width
                visible: Help.hintText !== ""
                text: Help.hintText
            }
            KText {  // two minutes before the time limit
                objectName: "helpTimeWarning"
                width: parent.width
                visible: Help.timeWarning
                text: I18n.s["help.time_warning_text"]
                color: Theme.problem
                font.bold: true
            }
        }
        Column {
            id: buttons
            x: parent.width - width - Theme.margin
            anchors.verticalCenter: parent.verticalCenter
            width: Math.max(endAssist.implicitWidth, extendAssist.implicitWidth,
                            banner.cellWidth * banner.buttonShare)
            spacing: Theme.gap

            KioskButton {
                id: endAssist
                objectName: "helpEndAssist"
                width: parent.width
                height: Math.max(Theme.minTarget, implicitHeight)
                padding: 12
                text: I18n.s["help.end"]
                onClicked: Help.endAssist()
            }
            KioskButton {  // the senior's one extension, one tap
                id: extendAssist
                objectName: "helpExtend"
                visible: Help.timeWarning && Help.canExtend
                width: parent.width
                height: Math.max(Theme.minTarget, implicitHeight)
                padding: 12
                primary: true
                text: I18n.s["help.extend"]
                onClicked: Help.extendAssist()
            }
        }
    }

    Rectangle {
        id: volunteerBadge
        objectName: "volunteerBadge"
        visible: Volunteer.signedIn
        readonly property real needed: Math.max(badgeText.implicitHeight, endVolunteer.height) + 2 * Theme.padding
        width: banner.cellWidth
        height: banner.columns === 2 ? Math.max(needed, mirrorBanner.needed) : needed
        color: Theme.badge

        Rectangle {  // a line between the two when both show: above it, or beside it
            visible: Help.mirroring
            width: banner.columns === 2 ? 3 : parent.width
            height: banner.columns === 2 ? parent.height : 3
            color: Theme.border
        }
        KText {
            id: badgeText
            objectName: "volunteerBadgeText"
            x: Theme.margin
            anchors.verticalCenter: parent.verticalCenter
            width: endVolunteer.x - x - Theme.gap
            text: Volunteer.badgeText
            font.bold: true
        }
        KioskButton {
            id: endVolunteer
            objectName: "volunteerSignOut"
            x: parent.width - width - Theme.margin
            anchors.verticalCenter: parent.verticalCenter
            width: Math.max(implicitWidth, banner.cellWidth * banner.buttonShare)
            height: Math.max(Theme.minTarget, implicitHeight)
            padding: 12
            text: I18n.s["volunteer.sign_out"]
            onClicked: Volunteer.signOut()
        }
    }
}
