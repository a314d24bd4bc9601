//
// TextBar.h
//
// Library: sfia-evidence (host)
// Package: render
//
// A bar of characters that shows how much of something is done: [#####.....].
//

#ifndef SFE_HOST_RENDER_TEXTBAR_H
#define SFE_HOST_RENDER_TEXTBAR_H

#include <cstddef>
#include <string>

namespace sfe {
namespace host {

/// Draws "[####......]". A cell is filled only when its share is complete, so a full bar always
/// means all of it, and anything done at all shows at least one cell.
class TextBar
{
public:
    static std::string draw(std::size_t done, std::size_t total, std::size_t cells = 10);
    /// `done` of `total` (more than `total` counts as `total`; a total of 0 draws an empty bar).
};

}
} // namespace sfe::host

#endif
