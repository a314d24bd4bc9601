//
// Problem.h
//
// Library: sfe_definition
// Package: definition
//
// One located problem found while reading a definition document.
//

#ifndef SFE_DEFINITION_PROBLEM_H
#define SFE_DEFINITION_PROBLEM_H

#include <string>

namespace sfe {
namespace definition {

/// A problem in an input document, located by file, line and column (both 1-based; columns count
/// Unicode characters). Readers report 1:1 when nothing more precise is known, never 0.
struct Problem
{
    std::string file; ///< the name the input was given by (the path as given to readFile)
    int line = 0;
    int column = 0;
    std::string message;

    /// "FILE:LINE:COL: message".
    std::string toString() const;
};

}
} // namespace sfe::definition

#endif
