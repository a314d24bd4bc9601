//
// Agent.h
//
// Library: sfe_xapi
// Package: model
//
// xAPI Agents and Groups, identified by one Inverse Functional Identifier (IFI).
//

#ifndef SFE_XAPI_AGENT_H
#define SFE_XAPI_AGENT_H

#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace xapi {

/// An account on some system: the IFI to use when an e-mail address must not leave the LMS.
struct Account
{
    std::string homePage; ///< IRL of the system, e.g. the LMS base URL
    std::string name;     ///< the (opaque) user id on that system
};

/// An xAPI Agent, or a Group (type == Group). A valid Agent carries exactly one IFI:
/// mbox, mboxSha1sum, openid or account; empty strings count as absent. An identified Group has
/// one IFI as well; an anonymous Group has none but lists its members.
struct Agent
{
    enum class Type
    {
        Agent,
        Group
    };

    Type type = Type::Agent;
    std::string name;        ///< optional display name
    std::string mbox;        ///< "mailto:user@example.org"
    std::string mboxSha1sum; ///< hex SHA-1 of the whole mailto IRI
    std::string openid;      ///< an OpenID URI
    std::optional<Account> account;
    std::vector<Agent> members; ///< Group members (Agents only); ignored for an Agent

    /// An Agent identified by account{homePage, name}.
    static Agent withAccount(std::string homePage, std::string accountName);
    /// An Agent identified by mbox; `mailto` must already carry the "mailto:" scheme.
    static Agent withMbox(std::string mailto);

    /// The names of the IFIs present, in xAPI spelling ("mbox", "mbox_sha1sum", "openid", "account").
    std::vector<std::string> identifierNames() const;
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_AGENT_H
