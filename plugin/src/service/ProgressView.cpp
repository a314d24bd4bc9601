//
// ProgressView.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/ProgressView.h"

namespace sfe {
namespace service {

const std::string& ProgressView::sentence(const std::string& responsibilityId) const
{
    static const std::string kNone;
    for (const auto& l : levels)
        for (const auto& r : l.responsibilities)
            if (r.id == responsibilityId) return r.sentence;
    return kNone;
}

}
} // namespace sfe::service
