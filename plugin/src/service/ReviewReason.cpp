//
// ReviewReason.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/ReviewReason.h"

namespace sfe {
namespace service {

const char* ReviewReason::name() const
{
    switch (kind)
    {
        case Kind::LevelUndefined:
            return "level-undefined";
        case Kind::LevelChanged:
            return "level-changed";
        case Kind::Changed:
            return "changed";
        case Kind::Removed:
            return "removed";
    }
    return "changed";
}

std::string ReviewReason::toString() const
{
    switch (kind)
    {
        case Kind::LevelUndefined:
            return "level " + std::to_string(level) + " is no longer defined";
        case Kind::LevelChanged:
            return "level " + std::to_string(level) + " changed its text";
        case Kind::Changed:
            return responsibility + " changed its text";
        case Kind::Removed:
            return responsibility + " no longer exists";
    }
    return {};
}

}
} // namespace sfe::service
