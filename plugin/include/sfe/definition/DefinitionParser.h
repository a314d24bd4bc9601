//
// DefinitionParser.h
//
// Library: sfe_definition
// Package: definition
//
// Builds the model from a schema-valid definition document.
//

#ifndef SFE_DEFINITION_DEFINITIONPARSER_H
#define SFE_DEFINITION_DEFINITIONPARSER_H

#include "sfe/definition/LineMap.h"
#include "sfe/definition/Model.h"
#include "sfe/definition/Problem.h"
#include <string>
#include <vector>

namespace sfe {
namespace definition {

/// Builds a Definition from a document that XsdValidator accepted, using pugixml, with each
/// skill's, level's and responsibility's SourceLocation. Texts have their whitespace collapsed as
/// xs:token does (runs of space, tab, CR, LF become one space; none at either end).
///
/// Refuses, as problems, what the model cannot hold or the schema cannot express about texts:
/// a language given twice in one element, and an element without a text in the document's
/// language (xml:lang of the root). Languages compare case-insensitively, as RFC 5646 says.
/// Hashes and Definition::xml are left empty (see TextHash).
class DefinitionParser
{
public:
    struct Result
    {
        Definition definition;
        std::vector<Problem> problems;
    };

    static Result parse(const std::string& bytes, const std::string& name, const LineMap& lines);
};

}
} // namespace sfe::definition

#endif
