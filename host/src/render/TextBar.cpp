//
// TextBar.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// A bar of characters that shows how much of something is done: [#####.....].
//

#include "render/TextBar.h"

#include <algorithm>

namespace sfe {
namespace host {

std::string TextBar::draw(std::size_t done, std::size_t total, std::size_t cells)
{
    std::size_t filled = 0;
    if (total > 0)
    {
        done = std::min(done, total);
        filled = done * cells / total;
        if (done > 0 && filled == 0) filled = 1;
    }
    return "[" + std::string(filled, '#') + std::string(cells - filled, '.') + "]";
}

}
} // namespace sfe::host
