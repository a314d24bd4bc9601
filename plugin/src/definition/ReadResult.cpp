//
// ReadResult.cpp
//
// Library: sfe_definition
// Package: definition
//

#include "sfe/definition/ReadResult.h"

namespace sfe {
namespace definition {

bool ReadResult::ok() const
{
    return definition.has_value() && problems.empty();
}

std::string ReadResult::message() const
{
    std::string text;
    for (const auto& problem : problems)
    {
        if (!text.empty()) text += '\n';
        text += problem.toString();
    }
    return text;
}

}
} // namespace sfe::definition
