//
// Problem.cpp
//
// Library: sfe_definition
// Package: definition
//

#include "sfe/definition/Problem.h"

namespace sfe {
namespace definition {

std::string Problem::toString() const
{
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

}
} // namespace sfe::definition
