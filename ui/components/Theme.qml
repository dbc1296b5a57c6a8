pragma Singleton
import QtQuick
import Kiosk

// DESIGN.md's accessibility numbers in one place. Sizes are pixels at 1080×1920;
// text sizes follow the 标准 / 特大 (×1.5) text scale, touch targets do not shrink.
QtObject {
    readonly property real scale: Preferences.textScale
    readonly property string fontFamily: "Noto Sans CJK SC"

    // Text: everything a senior reads ≥ 40 px (secondary lines too), headings ≥ 56 px.
    readonly property int minRead: 40   // a label steps down to fit its word, never below this
    readonly property int caption: Math.round(40 * scale)
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
    readonly property color warning: "#8A0000"        // a choice that undoes something (确定取消)
    readonly property color warningPressed: "#5C0000"
    readonly property color plate: "#F4F1E8"          // information plates: a faint tint, no outline
    readonly property color attention: "#FFF3C4"      // what needs the senior's action (需要您补材料)
    readonly property color badge: "#FFE082"
    readonly property color scrim: "#99000000"

    // A label is words, and a word never breaks across lines (呼叫帮/助, 1/号机): a word
    // joiner next to each CJK character inside a word keeps it whole; lines break at spaces
    // and punctuation only.
    // Runs longer than four characters are phrases, not words: they break as prose does.
    // Latin-only runs need none (Qt never breaks a Latin word that fits a line), and joiners
    // there would change their measured width (kerning): "Next" would wrap where it fits.
    function wholeWords(text) {
        return text.replace(/[^\s，。、；：！？（）《》“”,.;:!?()\/]+/g, function(run) {
            return run.length > 4 || !/[\u3000-\u9fff\uf900-\uffef]/.test(run) ? run
                 : run.split("").join("\u2060")
        })
    }
    // A label's size: its role's, or smaller so its longest line fits on one line, never
    // under 40 px; a label of several words that cannot wraps between them at its own size.
    function fitted(size, lineAdvance, wordAdvance, width) {
        if (lineAdvance <= width || width <= 0)
            return size
        let oneLine = Math.floor(size * width / lineAdvance)
        if (oneLine >= minRead)
            return oneLine
        // Several lines, broken between words: the longest word must fit.
        return Math.max(minRead, Math.min(size, Math.floor(size * width / wordAdvance)))
    }
    function longestWord(text) {
        let words = text.split(/[\s，。、；：！？（）《》“”,.;:!?()\/]+/), best = ""
        for (let i = 0; i < words.length; ++i)
            if (words[i].length > best.length)
                best = words[i]
        return best
    }
    function longestLine(text) {
        let lines = text.split("\n"), best = ""
        for (let i = 0; i < lines.length; ++i)
            if (lines[i].length > best.length)
                best = lines[i]
        return best
    }
    function roleSize(role) {   // what KText gives each textRole
        return role === "heading" ? heading : role === "display" ? display : role === "entry" ? entry
             : role === "key" ? key : role === "caption" ? caption : body
    }
}
