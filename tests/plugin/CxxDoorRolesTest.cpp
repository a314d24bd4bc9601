//
// CxxDoorRolesTest.cpp
//
// Library: tests
// Package: plugin
//
// The C++ door refuses as the C door does (tests/plugin/roles_test.py covers every operation there):
// with auth.enforce=true a learner reading another learner's progress gets SFE_FORBIDDEN and the
// error object {"status": 11, "error": "forbidden"}, their own progress is not refused, a request
// without caller is SFE_INVALID; with auth.enforce=false the same request is not refused.
//

#define BOOST_TEST_MODULE plugin_cxx_door_roles
#include <boost/test/unit_test.hpp>

#include "LoadedPlugin.h"
#include "sfe.h"

#include <Poco/JSON/Object.h>

#include <map>
#include <string>

namespace {

const std::string kLearner = R"({"id": "anna.schmidt", "roles": ["learner"]})";

/// The plugin on a store of its own, with auth.enforce on or off.
struct EnforcedPlugin: sfe::tests::LoadedPlugin
{
    explicit EnforcedPlugin(bool enforce):
        LoadedPlugin(std::map<std::string, std::string>{{"auth.enforce", enforce ? "true" : "false"}})
    {}
};

Poco::JSON::Object::Ptr parse(const std::string& json)
{
    return sfe::tests::parseObject(json);
}

} // namespace

BOOST_AUTO_TEST_CASE(enforced_learner_reads_only_own_progress)
{
    EnforcedPlugin loaded(true);
    auto other = loaded.plugin->call("progress", R"({"learner": "max.mustermann", "caller": )" + kLearner + "}");
    BOOST_TEST(other.status == SFE_FORBIDDEN);
    auto error = parse(other.json);
    BOOST_TEST(error->getValue<int>("status") == SFE_FORBIDDEN);
    BOOST_TEST(error->getValue<std::string>("error") == "forbidden");
    BOOST_TEST(other.message.find("max.mustermann") != std::string::npos, other.message);

    auto own = loaded.plugin->call("progress", R"({"learner": "anna.schmidt", "caller": )" + kLearner + "}");
    BOOST_TEST(own.status != SFE_FORBIDDEN, own.json);

    auto anonymous = loaded.plugin->call("progress", R"({"learner": "anna.schmidt"})");
    BOOST_TEST(anonymous.status == SFE_INVALID);
    BOOST_TEST(anonymous.message.find("'caller' is required") != std::string::npos, anonymous.message);
}

BOOST_AUTO_TEST_CASE(not_enforced_by_default)
{
    EnforcedPlugin loaded(false);
    auto other = loaded.plugin->call("progress", R"({"learner": "max.mustermann", "caller": )" + kLearner + "}");
    BOOST_TEST(other.status != SFE_FORBIDDEN, other.json);
    BOOST_TEST(loaded.plugin->call("skills", "{}").status == SFE_OK);
}
