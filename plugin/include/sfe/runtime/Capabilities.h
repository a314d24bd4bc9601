//
// Capabilities.h
//
// Library: sfe_core
// Package: runtime
//
// Who may call which operation: the one table of capabilities and the roles that hold them.
//

#ifndef SFE_RUNTIME_CAPABILITIES_H
#define SFE_RUNTIME_CAPABILITIES_H

#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace presenter {
class Request;
}
namespace runtime {

/// Who a request says is calling: its "caller" member, {"id": "...", "roles": ["learner", ...]}.
struct Caller
{
    std::string id;
    std::vector<std::string> roles;

    bool holds(const std::string& role) const;
};

/// The capabilities of the plugin, as Moodle's db/access.php declares them: each one names the
/// operations it covers and the roles that hold it by default. It lives in the runtime, not in a
/// presenter, because it is checked in Runtime::call before any presenter reads the request, for
/// every operation alike (and the door would otherwise have to know the presenters).
///
/// A capability may be limited to the caller's own records ("own"): the request's field of that
/// name (learner, assessor) must equal the caller's id. A request is allowed when one of the
/// caller's roles holds a capability that covers its operation and whose limit, if any, holds.
/// The manifest declares the same table (<access>); tests/plugin/roles_test.py keeps them equal
/// and checks that every operation the Runtime registers is covered.
class Capabilities
{
public:
    struct Capability
    {
        std::string name;                    ///< "sfe/progress:read-own"
        std::vector<std::string> operations; ///< "progress"
        std::vector<std::string> roles;      ///< the roles holding it by default
        std::string own;                     ///< a request field that must equal the caller's id, or ""
        std::string description;             ///< what it allows, in one sentence
    };

    /// The roles a caller may name: learner, assessor, admin, auditor.
    static const std::vector<std::string>& roles();

    /// The whole table, in a fixed order.
    static const std::vector<Capability>& all();

    /// The capabilities that cover `operation` (none for an operation the table lacks).
    static std::vector<const Capability*> of(const std::string& operation);

    /// The request's caller, or nothing when it names none. A given caller is always checked:
    /// "id" a non-empty id, "roles" a non-empty array of known role names, nothing else in it.
    /// Throws runtime::Error (SFE_INVALID) naming the field.
    static std::optional<Caller> callerOf(const presenter::Request& request);

    /// With auth.enforce: throws SFE_INVALID when the request names no caller, and SFE_FORBIDDEN
    /// when none of the caller's roles allows the request, saying which capability would.
    static void check(const presenter::Request& request, const std::optional<Caller>& caller);

    /// The table as the "capabilities" operation returns it (see docs/operations.md), with the
    /// operations the runtime registered.
    static std::string toJson(const std::vector<std::string>& registeredOperations);
};

}
} // namespace sfe::runtime

#endif
