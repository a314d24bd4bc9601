//
// PrologScanner.h
//
// Library: sfe_definition
// Package: definition
//
// Screens a document's prolog before any XML parser sees it.
//

#ifndef SFE_DEFINITION_PROLOGSCANNER_H
#define SFE_DEFINITION_PROLOGSCANNER_H

#include "sfe/definition/LineMap.h"
#include "sfe/definition/Problem.h"
#include <string>
#include <vector>

namespace sfe {
namespace definition {

/// Scans the prolog (byte order mark, XML declaration, comments, processing instructions, up to
/// the root element) and refuses a declared encoding other than UTF-8, and any DOCTYPE. Refusing every DOCTYPE keeps external entities (XXE) and entity
/// expansion ("billion laughs") away from the parsers; definition files never need one.
/// What is not prolog syntax is left for the XML parser to report.
class PrologScanner
{
public:
    static std::vector<Problem> check(const std::string& bytes, const std::string& name, const LineMap& lines);
};

}
} // namespace sfe::definition

#endif
