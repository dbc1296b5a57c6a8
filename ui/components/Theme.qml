pragma Singleton
import QtQuick
import Kiosk

// DESIGN.md's accessibility numbers in one place. Sizes are pixels at 1080×1920;
// text sizes follow the 标准 / 特大 (×1.5) text scale, touch targets do not shrink.
QtObject {
    readonly property real scale: Preferences.textScale
    readonly property string fontFamily: "Noto Sans CJK SC"

    // Text: nothing under 28 px, body ≥ 40 px, headings ≥ 56 px.
    readonly property int caption: Math.round(32 * scale)
    readonly property int body: Math.round(40 * scale)
    readonly property int heading: Math.round(56 * scale)
    readonly property int display: Math.round(72 * scale)   // one short line shown very large
    // Typed digits and keypad keys grow less (×1.17 / ×1.2) so the keypad still fits the screen.
    readonly property int entry: Math.round(72 * (scale > 1 ? 1.17 : 1))
    readonly property int key: Math.round(56 * (scale > 1 ? 1.2 : 1))

    // Touch targets ≥ 96 px on the short side, ≥ 24 px apart.
    readonly property int minTarget: 96
    readonly property int target: 128
    readonly property int gap: 24
    readonly property int padding: 24
    readonly property int margin: 32
    readonly property int radius: 16

    // Colours: every text/background pair ≥ 7:1; borders ≥ 3:1.
    readonly property color background: "#FFFFFF"
    readonly property color text: "#111111"
    readonly property color surface: "#F1F4F9"
    readonly property color pressed: "#D6DEEA"
    readonly property color border: "#4A5568"
    readonly property color primary: "#0B3D91"
    readonly property color primaryText: "#FFFFFF"
    readonly property color primaryPressed: "#072A66"
    readonly property color disabled: "#E4E4E4"
    readonly property color disabledText: "#3A3A3A"
    readonly property color problem: "#8A0000"
    readonly property color badge: "#FFE082"
    readonly property color scrim: "#99000000"
}
