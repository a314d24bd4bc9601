//
// CoverageView.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/CoverageView.h"

namespace sfe {
namespace service {

const char* CoverageView::stateName(State state)
{
    switch (state)
    {
        case State::Covered:
            return "covered";
        case State::CoveredAsWhole:
            return "covered-as-whole";
        case State::Uncovered:
            return "uncovered";
    }
    return "uncovered";
}

}
} // namespace sfe::service
