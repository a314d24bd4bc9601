//
// XsdValidator.h
//
// Library: sfe_definition
// Package: definition
//
// Parses a document with libxml2 and validates it against the embedded definition schema.
//

#ifndef SFE_DEFINITION_XSDVALIDATOR_H
#define SFE_DEFINITION_XSDVALIDATOR_H

#include "sfe/definition/LineMap.h"
#include "sfe/definition/Problem.h"
#include <string>
#include <vector>

namespace sfe {
namespace definition {

/// Checks that a document is well-formed XML and valid against schemas/sfia-definition-1.0.xsd,
/// which is compiled into the library (with schemas/xml.xsd) and compiled by libxml2 once per process.
///
/// Documents are parsed from memory with XML_PARSE_NONET and without entity substitution or DTD
/// loading. Every libxml2 error and warning becomes a Problem; nothing is written to stderr, and
/// the calling thread's libxml2 error handlers are restored afterwards. Parser errors are located
/// where libxml2 stopped; schema errors at the start tag of the element concerned.
/// Thread-safe: the compiled schema is shared read-only, each call has its own contexts.
class XsdValidator
{
public:
    /// Returns every problem found; empty when the document is valid. `bytes` must be UTF-8.
    static std::vector<Problem> check(const std::string& bytes, const std::string& name, const LineMap& lines);
};

}
} // namespace sfe::definition

#endif
