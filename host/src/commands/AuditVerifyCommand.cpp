//
// AuditVerifyCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence audit verify [--json] [--strict] [--from SEQ] [--chunk N] [--store-check full|quick|none]`: checks the evidence
// log, the records and the checkpoints.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "Exceptions.h"
#include "render/AuditRenderer.h"
#include "render/ProgressBar.h"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

#include <algorithm>
#include <iostream>

namespace sfe {
namespace host {

namespace {

/// `audit verify --strict`: nothing wrong was found, but not everything could be checked.
constexpr int kExitIncomplete = 3;

/// Entries per call: a call's response stays small and the progress bar moves about once a second.
constexpr long long kDefaultChunk = 50000;

/// Problems listed in the combined report, as one call lists (its maxProblems); the rest are counted.
constexpr std::size_t kMaxProblems = 100;

/// Checks that the evidence log's hash chain is intact, that every evidence record still says
/// what the log recorded, and that signed checkpoints verify. Exit 0 when all is well, 65 when
/// anything is not (with --json too), so scripts and schedulers can act on it.
///
/// The plugin answers one call at a time, so the command asks for the verification in parts
/// (audit.verify with "from"/"to", docs/operations.md): the first part also checks the store file,
/// each next part starts where the one before ended (its first entry links to the chain hash the
/// part before checked), and the last part, which reads to the log's head, also checks the rows no
/// entry names. Together they check exactly what one call without parts does; in between, a
/// progress bar on a terminal. --from SEQ starts after the signed checkpoint at SEQ - 1.
class AuditVerifyCommand: public Command
{
public:
    std::string name() const override { return "audit verify"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.audit.verify"); }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(jsonOption());
        options.addOption(Poco::Util::Option("strict", "", "fail (exit 3) when something could not be checked"));
        options.addOption(Poco::Util::Option("from", "",
                                             "check only the entries from SEQ on, and what was added with "
                                             "them: SEQ - 1 must be a signed checkpoint that verifies")
                              .argument("SEQ"));
        options.addOption(
            Poco::Util::Option("chunk", "", "entries per call to the plugin (default 50000)").argument("N"));
        options.addOption(Poco::Util::Option("store-check", "",
                                             "how the store file itself is checked: quick (the "
                                             "default: every page read), full (also every index against its table) "
                                             "or none")
                              .argument("full|quick|none"));
    }

    int run(CommandContext& context) const override
    {
        const i18n::Messages& messages = context.messages();
        const long long chunk = number(context, "chunk", kDefaultChunk, 1);
        const bool since = context.line().has("from");
        const long long first = number(context, "from", 1, 1);
        const std::string storeCheck =
            context.line().has("store-check") ? context.line().value("store-check") : "quick";
        if (storeCheck != "full" && storeCheck != "quick" && storeCheck != "none")
            throw UsageException(
                messages.format("cli.audit.badStoreCheck", i18n::MessageArgs().set("value", storeCheck)));

        Poco::JSON::Object::Ptr total = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        Poco::JSON::Array::Ptr problems = new Poco::JSON::Array;
        Poco::Int64 omitted = 0, bound = 0, parts = 0;
        bool unverified = false;
        auto add = [&](const Poco::JSON::Object& part) {
            ++parts;
            for (const char* key : {"entries", "checkpoints", "checkpointsVerified", "statements", "statementsMatched",
                                    "statementsErased", "statementsUnbound"})
                total->set(key, total->optValue<Poco::Int64>(key, 0) + part.getValue<Poco::Int64>(key));
            bound += part.getValue<Poco::Int64>("statementsBound");
            omitted += part.getValue<Poco::Int64>("problemsOmitted");
            unverified = unverified || part.getValue<bool>("checkpointsUnverified");
            Poco::JSON::Array::Ptr found = part.getArray("problems");
            for (std::size_t i = 0; i < found->size(); ++i)
                if (problems->size() < kMaxProblems) problems->add(found->get(static_cast<unsigned>(i)));
                else ++omitted;
            const std::string store = part.optValue<std::string>("storeCheck", "");
            if (!store.empty()) total->set("storeCheck", store);
        };

        ProgressBar bar(std::cerr, messages.format("cli.audit.progress"));
        Poco::Int64 from = first, last = 0;
        Poco::JSON::Object::Ptr response;
        for (;;)
        {
            Poco::JSON::Object request;
            request.set("from", from);
            if (since) request.set("checkpoint", first - 1);
            if (from == first && !since && storeCheck != "none")
            {
                request.set("store", true);
                request.set("storeCheck", storeCheck);
            }
            const bool rest = parts > 0 && from > last;
            if (rest)
            {
                // The last part: to the head (entries appended meanwhile included) and the rest.
                request.set("rest", true);
                request.set("boundBefore", bound);
            }
            else request.set("to", from + chunk - 1);
            response = context.call("audit.verify", request);
            add(*response);
            last = response->getValue<Poco::Int64>("last");
            bar.update(static_cast<std::uint64_t>(
                           std::max<Poco::Int64>(0, std::min(last, response->getValue<Poco::Int64>("to")) - first + 1)),
                       static_cast<std::uint64_t>(std::max<Poco::Int64>(0, last - first + 1)));
            if (rest) break;
            from = std::max(from, response->getValue<Poco::Int64>("to") + 1);
        }
        bar.finish();

        // One report, as one call without parts gives it (the last part knows the head and the records).
        total->set("evidenceRecords", response->getValue<Poco::Int64>("evidenceRecords"));
        total->set("head", response->getValue<std::string>("head"));
        if (!total->has("storeCheck")) total->set("storeCheck", Poco::Dynamic::Var());
        total->set("ok", problems->size() == 0 && omitted == 0);
        total->set("from", first);
        total->set("to", response->getValue<Poco::Int64>("to"));
        if (since) total->set("checkpoint", first - 1);
        total->set("parts", parts);
        Poco::JSON::Array::Ptr warnings = new Poco::JSON::Array;
        if (unverified)
            warnings->add(messages.format(
                "cli.audit.warnCheckpoints",
                i18n::MessageArgs().set("count", static_cast<long long>(total->getValue<Poco::Int64>("checkpoints")))));
        const auto unbound = total->getValue<Poco::Int64>("statementsUnbound");
        if (unbound > 0)
            warnings->add(messages.format("cli.audit.warnUnbound",
                                          i18n::MessageArgs().set("count", static_cast<long long>(unbound))));
        total->set("warnings", warnings);
        total->set("complete", !unverified && unbound == 0);
        total->set("firstProblem", problems->size() ? problems->get(0) : Poco::Dynamic::Var());
        total->set("problems", problems);
        total->set("problemsOmitted", omitted);

        if (context.line().has("json")) context.printJson(total);
        else AuditRenderer(context.messages(response.get())).render(*total, context.out());
        if (!total->getValue<bool>("ok")) return EXIT_DATAERR;
        // Verified, but not all of it: an auditor who asks for --strict gets a failure of its own.
        if (context.line().has("strict") && !total->getValue<bool>("complete")) return kExitIncomplete;
        return EXIT_OK;
    }

private:
    /// The whole number given with --`option` (at least `min`), or `fallback`; UsageException otherwise.
    static long long number(CommandContext& context, const std::string& option, long long fallback, long long min)
    {
        if (!context.line().has(option)) return fallback;
        const std::string text = context.line().value(option);
        Poco::Int64 value = 0;
        if (!Poco::NumberParser::tryParse64(text, value) || value < min)
            throw UsageException(context.messages().format(
                "cli.audit.badNumber",
                i18n::MessageArgs().set("option", "--" + option).set("value", text).set("min", min)));
        return value;
    }
};

const CommandRegistration<AuditVerifyCommand> registeredAuditVerifyCommand;

} // namespace

}
} // namespace sfe::host
