//
// DefinitionChecker.h
//
// Library: sfe_definition
// Package: definition
//
// The rules of the definition format that XSD 1.0 cannot express.
//

#ifndef SFE_DEFINITION_DEFINITIONCHECKER_H
#define SFE_DEFINITION_DEFINITIONCHECKER_H

#include "sfe/definition/Model.h"
#include "sfe/definition/Problem.h"
#include <vector>

namespace sfe {
namespace definition {

/// Checks a parsed Definition (the schema already holds: level numbers 1-7 and unique within a
/// skill, unique skill codes and responsibility ids, the id pattern):
///  - a skill's levels are in ascending order, and at least one of them is defined;
///  - a defined level has a guidingPhrase, an essence and at least one responsibility;
///  - a responsibility id names its own skill and level: CSMG-3.x only in level 3 of CSMG;
///  - a level's responsibilities are numbered 1, 2, 3, … in document order (CSMG-3.n is the n-th).
/// Every violation is reported, at the element concerned.
class DefinitionChecker
{
public:
    static std::vector<Problem> check(const Definition& definition, const std::string& name);
};

}
} // namespace sfe::definition

#endif
