pragma ComponentBehavior: Bound

import QtQuick
import ui

// The waiting mark: eight dots in a ring, every one drawn at full strength in the primary
// colour (≥ 3:1 on the panel, so none fades out of sight); the one that travels round is the
// largest. Qt's BusyIndicator fades its dots to pale, under 3:1.
Item {
    id: spinner

    property bool running: visible
    property int lit: 0

    width: Theme.target
    height: Theme.target
    Accessible.role: Accessible.Animation   // the audit checks a graphic's contrast by this

    Timer {
        interval: 125
        repeat: true
        running: spinner.running
        onTriggered: spinner.lit = (spinner.lit + 1) % 8
    }
    Repeater {
        model: 8
        Rectangle {
            id: dot
            required property int index
            readonly property real size: spinner.width * (dot.index === spinner.lit ? 0.24 : 0.16)
            readonly property real angle: dot.index * Math.PI / 4
            x: spinner.width / 2 + Math.cos(dot.angle) * spinner.width * 0.36 - dot.size / 2
            y: spinner.height / 2 + Math.sin(dot.angle) * spinner.height * 0.36 - dot.size / 2
            width: dot.size
            height: dot.size
            radius: dot.size / 2
            color: Theme.primary
        }
    }
}
