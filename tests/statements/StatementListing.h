//
// StatementListing.h
//
// Project: sfia-evidence, tests/statements
//
// The answer of the `statements` operation, with each statement body kept byte for byte.
//

#ifndef SFE_TESTS_STATEMENTLISTING_H
#define SFE_TESTS_STATEMENTLISTING_H

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace sfe {
namespace test {

/// One outbox entry: its metadata and the statement exactly as the outbox sends it.
struct EmittedStatement
{
    std::string id;
    std::string kind; ///< the template name the statement claims
    std::string state;
    std::string evidence;         ///< "" when null
    std::string voids;            ///< "" when null
    std::string body;             ///< the statement's bytes, as sent to the LRS
    Poco::JSON::Object::Ptr json; ///< the same, parsed
};

/// Reads the response of the `statements` operation ({"statements":[{..., "statement": {...}}]}).
/// The bodies are cut out of the response text rather than re-serialised, so tests see the very
/// bytes the plugin stores and sends.
class StatementListing
{
public:
    /// Throws std::runtime_error when the response is not shaped as docs/operations.md says.
    explicit StatementListing(const std::string& response);

    const std::vector<EmittedStatement>& all() const { return _statements; }

    /// The entries of one kind, in outbox order.
    std::vector<EmittedStatement> ofKind(const std::string& kind) const;

    /// The entry with this statement id. Throws std::runtime_error when there is none.
    const EmittedStatement& byId(const std::string& id) const;

    /// True when an entry has this statement id.
    bool has(const std::string& id) const;

private:
    std::vector<EmittedStatement> _statements;
};

}
} // namespace sfe::test

#endif
