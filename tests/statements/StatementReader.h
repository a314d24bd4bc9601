//
// StatementReader.h
//
// Project: sfia-evidence, tests/statements
//
// Reads statement JSON back into sfe::xapi::Statement, so StatementValidator can check what the
// plugin emitted.
//

#ifndef SFE_TESTS_STATEMENTREADER_H
#define SFE_TESTS_STATEMENTREADER_H

#include "sfe/xapi/Statement.h"

#include <string>

namespace sfe {
namespace test {

/// Reads one xAPI statement (JSON text) into the model StatementValidator and StatementSerializer
/// work on. Strict: a property the model cannot hold, or a value of the wrong JSON type, is an
/// error, never skipped, so a statement that reads and serialises back to the same bytes is fully
/// described by the model that was validated.
///
/// Reads what our statements can contain: Agent/Group actors, Activity, Agent, Group and
/// StatementRef objects (no SubStatement), result, context (1.0.3 and 2.0.0 members), timestamp,
/// version and attachment metadata. Objects without objectType default as xAPI says (Agent,
/// Activity); single context activities are taken as one-element lists.
class StatementReader
{
public:
    /// Throws std::invalid_argument "statement.<path>: <what is wrong>" for JSON that does not
    /// parse, an unknown property, or a value of the wrong type.
    static xapi::Statement read(const std::string& json);
};

}
} // namespace sfe::test

#endif
