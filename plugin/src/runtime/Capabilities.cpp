//
// Capabilities.cpp
//
// Library: sfe_core
// Package: runtime
//

#include "sfe/runtime/Capabilities.h"

#include "sfe/presenter/Json.h"
#include "sfe/presenter/Request.h"
#include "sfe/runtime/Error.h"

#include <algorithm>

namespace sfe {
namespace runtime {

namespace {

const char* const kLearner = "learner";
const char* const kAssessor = "assessor";
const char* const kAdmin = "admin";
const char* const kAuditor = "auditor";

std::string joined(const std::vector<std::string>& items, const char* separator = ", ")
{
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

bool contains(const std::vector<std::string>& items, const std::string& item)
{
    return std::find(items.begin(), items.end(), item) != items.end();
}

} // namespace

bool Caller::holds(const std::string& role) const
{
    return contains(roles, role);
}

const std::vector<std::string>& Capabilities::roles()
{
    static const std::vector<std::string> names{kLearner, kAssessor, kAdmin, kAuditor};
    return names;
}

const std::vector<Capabilities::Capability>& Capabilities::all()
{
    // The defaults of docs/operations.md "Roles". The manifest's <access> says the same; the test
    // tests/plugin/roles_test.py fails when they differ or when an operation is in no capability.
    static const std::vector<Capability> table{
        {"sfe/plugin:capabilities",
         {"capabilities"},
         {kLearner, kAssessor, kAdmin, kAuditor},
         "",
         "Reads this table: which roles may call which operation."},
        {"sfe/definition:view",
         {"skills", "show", "versions", "diff"},
         {kLearner, kAssessor, kAdmin, kAuditor},
         "",
         "Lists skills and shows definitions, their versions and what changed between versions."},
        {"sfe/definition:import",
         {"import", "use"},
         {kAdmin},
         "",
         "Imports definition versions and makes a stored version current."},
        {"sfe/mapping:view",
         {"mappings", "coverage", "mappings.export"},
         {kAdmin, kAuditor},
         "",
         "Lists mappings and coverage, and exports mappings as CSV."},
        {"sfe/mapping:manage",
         {"map", "unmap", "mappings.import"},
         {kAdmin},
         "",
         "Links activities to skill levels and responsibilities, removes and imports links."},
        {"sfe/evidence:complete",
         {"complete"},
         {kAdmin},
         "",
         "Records a learner's completion of an activity (what the LMS reports)."},
        {"sfe/evidence:attest-own",
         {"attest"},
         {kAssessor},
         kAssessor,
         "Attests a demonstration as its assessor: the request's assessor is the caller."},
        {"sfe/evidence:attest-any",
         {"attest"},
         {kAdmin},
         "",
         "Enters an attestation on behalf of any assessor (record can do so in bulk)."},
        {"sfe/evidence:verify-own",
         {"verify"},
         {kAuditor},
         kAuditor,
         "Verifies an attested demonstration as its auditor: the request's auditor is the caller."},
        {"sfe/evidence:record",
         {"record"},
         {kAdmin},
         "",
         "Records a batch of LMS events: completions and attestations of anyone."},
        {"sfe/evidence:intake",
         {"pull", "record.statements"},
         {kAdmin},
         "",
         "Takes in xAPI statements as learning evidence: pulled from the LRS, or forwarded by the LMS."},
        {"sfe/evidence:withdraw", {"withdraw"}, {kAdmin}, "", "Withdraws an evidence record."},
        {"sfe/evidence:read-own",
         {"evidence"},
         {kLearner},
         kLearner,
         "Lists the caller's own evidence: the request's learner is the caller."},
        {"sfe/evidence:read-any",
         {"evidence", "evidence.show", "statements"},
         {kAdmin, kAuditor},
         "",
         "Searches all evidence, shows one record with its proof, lists the statements."},
        {"sfe/progress:read-own",
         {"progress"},
         {kLearner},
         kLearner,
         "Reads the caller's own progress: the request's learner is the caller."},
        {"sfe/progress:read-any", {"progress"}, {kAdmin, kAuditor}, "", "Reads any learner's progress."},
        {"sfe/audit:verify",
         {"audit.verify"},
         {kAdmin, kAuditor},
         "",
         "Verifies the evidence log, its checkpoints and the statements."},
        {"sfe/audit:export", {"audit.export"}, {kAdmin, kAuditor}, "", "Exports the audit bundle."},
        {"sfe/audit:manage",
         {"audit.checkpoint", "keys.generate"},
         {kAdmin},
         "",
         "Signs a checkpoint now and generates signing keys."},
        {"sfe/privacy:export-own",
         {"privacy.export"},
         {kLearner},
         "person",
         "Exports everything held about the caller: the request's person is the caller."},
        {"sfe/privacy:export-any",
         {"privacy.export"},
         {kAdmin, kAuditor},
         "",
         "Exports everything held about any person."},
        {"sfe/privacy:erase", {"privacy.erase"}, {kAdmin}, "", "Erases a person."},
        {"sfe/outbox:view",
         {"outbox", "store.stats"},
         {kAdmin, kAuditor},
         "",
         "Reads the outbox and the store's figures."},
        {"sfe/outbox:manage",
         {"sync", "retry"},
         {kAdmin},
         "",
         "Sends statements to the LRS and releases quarantined ones."},
    };
    return table;
}

std::vector<const Capabilities::Capability*> Capabilities::of(const std::string& operation)
{
    std::vector<const Capability*> out;
    for (const auto& c : all())
        if (contains(c.operations, operation)) out.push_back(&c);
    return out;
}

std::optional<Caller> Capabilities::callerOf(const presenter::Request& request)
{
    const std::optional<presenter::Request> caller = request.optObject(presenter::Request::kCaller);
    if (!caller) return std::nullopt;
    caller->allowOnly({"id", "roles"});
    Caller out;
    out.id = caller->string("id");
    if (!caller->has("roles")) caller->fail("roles", "is required: a non-empty array of " + joined(roles()));
    out.roles = caller->strings("roles");
    if (out.roles.empty()) caller->fail("roles", "must name at least one of " + joined(roles()));
    for (std::size_t i = 0; i < out.roles.size(); ++i)
    {
        if (!contains(roles(), out.roles[i]))
            caller->fail("roles[" + std::to_string(i) + "]",
                         "'" + Error::printable(out.roles[i], 64) + "' is not a role; roles are " + joined(roles()));
    }
    return out;
}

void Capabilities::check(const presenter::Request& request, const std::optional<Caller>& caller)
{
    const std::string& operation = request.operation();
    if (!caller)
        throw Error::invalid(operation +
                             ": 'caller' is required (auth.enforce is true): "
                             "{\"id\": ID, \"roles\": [ROLE, ...]}, the roles among " +
                             joined(roles()));
    const std::vector<const Capability*> covering = of(operation);
    // An operation in no capability is refused to every role: a new operation must be placed in
    // the table before anyone may call it (and roles_test.py fails until it is).
    std::vector<std::string> alternatives;
    for (const Capability* c : covering)
    {
        std::vector<std::string> held;
        for (const auto& role : c->roles)
            if (caller->holds(role)) held.push_back(role);
        if (held.empty())
        {
            alternatives.push_back(c->name + " (" + joined(c->roles) + ")");
            continue;
        }
        if (c->own.empty()) return;
        // Own records only: the field names whom the request is about (absent means everyone).
        const std::optional<std::string> about = request.optString(c->own);
        if (about && *about == caller->id) return;
        alternatives.push_back(
            c->name + " (" + joined(c->roles) + ") only with '" + c->own + "' equal to the caller's id" +
            (about ? ", not '" + Error::printable(*about, 64) + "'" : ", which the request does not give"));
    }
    throw Error::forbidden(
        operation + ": forbidden for " + Error::printable(caller->id, 64) + " (" + joined(caller->roles) + "): " +
        (alternatives.empty() ? std::string("no role may call it") : "it needs " + joined(alternatives, ", or ")));
}

std::string Capabilities::toJson(const std::vector<std::string>& registeredOperations)
{
    auto o = presenter::object();
    o->set("roles", presenter::array(roles()));
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& c : all())
    {
        auto co = presenter::object();
        co->set("name", c.name);
        co->set("operations", presenter::array(c.operations));
        co->set("roles", presenter::array(c.roles));
        co->set("own", c.own.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(c.own));
        co->set("description", c.description);
        list->add(co);
    }
    o->set("capabilities", list);
    o->set("operations", presenter::array(registeredOperations));
    return presenter::toJson(o);
}

}
} // namespace sfe::runtime
