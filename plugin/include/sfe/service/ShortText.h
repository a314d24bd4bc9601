//
// ShortText.h
//
// Library: sfe_core
// Package: service
//
// A long sentence shortened to a name: for the names of responsibility activities in statements.
//

#ifndef SFE_SERVICE_SHORTTEXT_H
#define SFE_SERVICE_SHORTTEXT_H

#include <cstddef>
#include <string>

namespace sfe {
namespace service {

/// Shortens text for places that show a name, not a paragraph (an LRS report's "attested
/// <name>"): the full text stays in the activity's description.
class ShortText
{
public:
    /// The name statements give a responsibility: its sentence, at most this many characters.
    static constexpr std::size_t kNameLength = 100;

    /// `text` unchanged when it has at most `limit` characters (code points); else cut at the last
    /// word boundary that leaves room for "…", without the punctuation before the cut, and "…"
    /// appended (a first word longer than that is cut inside). `text` must be valid UTF-8.
    static std::string of(const std::string& text, std::size_t limit = kNameLength);
};

}
} // namespace sfe::service

#endif
