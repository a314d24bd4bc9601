//
// Agent.cpp
//
// Library: sfe_xapi
// Package: model
//

#include "sfe/xapi/Agent.h"

namespace sfe {
namespace xapi {

Agent Agent::withAccount(std::string homePage, std::string accountName)
{
    Agent a;
    a.account = Account{std::move(homePage), std::move(accountName)};
    return a;
}

Agent Agent::withMbox(std::string mailto)
{
    Agent a;
    a.mbox = std::move(mailto);
    return a;
}

std::vector<std::string> Agent::identifierNames() const
{
    std::vector<std::string> names;
    if (!mbox.empty()) names.emplace_back("mbox");
    if (!mboxSha1sum.empty()) names.emplace_back("mbox_sha1sum");
    if (!openid.empty()) names.emplace_back("openid");
    if (account) names.emplace_back("account");
    return names;
}

}
} // namespace sfe::xapi
