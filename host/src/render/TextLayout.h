//
// TextLayout.h
//
// Library: sfia-evidence (host)
// Package: render
//
// Small layout helpers for UTF-8 text: display width, padding, word wrapping.
//

#ifndef SFE_HOST_RENDER_TEXTLAYOUT_H
#define SFE_HOST_RENDER_TEXTLAYOUT_H

#include <ostream>
#include <string>

namespace sfe {
namespace host {

/// Lays out UTF-8 text for a terminal. Widths count code points, which is right for the Latin,
/// Greek and Cyrillic scripts SFIA translations use (no wide or combining characters).
class TextLayout
{
public:
    static constexpr std::size_t kWidth = 100;
    /// The line width the renderers wrap to.

    static std::size_t width(const std::string& utf8);
    /// The number of code points in `utf8`.

    static std::string padded(const std::string& utf8, std::size_t width);
    /// `utf8` followed by spaces up to `width` code points.

    static void wrap(std::ostream& out, const std::string& utf8, std::size_t indent, std::size_t firstIndent,
                     std::size_t width = kWidth);
    /// Writes `utf8` word-wrapped to `width`, the first line indented by `firstIndent`
    /// spaces (the caller has usually written a label there already), the others by
    /// `indent`; ends with a newline. Words longer than a line are not broken.

    static std::string printable(const std::string& text);
    /// `text` safe to write to a terminal: control characters (C0, DEL, C1) and bytes that
    /// are not UTF-8 become visible escapes ("\x1b", "\n", "\u009b"), so text from the store
    /// (a note, an assessor id) can never move the cursor, recolour or retitle the terminal.
    /// Idempotent; the renderers apply it to every value they print.

    static std::string counted(std::size_t count, const std::string& singular, const std::string& plural = "");
    /// "1 record", "2 records"; `plural` for words that do not just take an "s".

    static std::string shortHash(const std::string& sha256);
    /// The first 12 hex digits and an ellipsis, as people quote a hash.
};

}
} // namespace sfe::host

#endif
