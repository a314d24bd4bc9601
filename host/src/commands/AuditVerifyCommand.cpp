//
// AuditVerifyCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence audit verify [--json] [--strict] [--from SEQ] [--chunk N] [--jobs N] [--store-check full|quick|none]`:
// checks the evidence log, the records and the checkpoints.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "Exceptions.h"
#include "ParallelCalls.h"
#include "render/AuditRenderer.h"
#include "render/ProgressBar.h"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

#include <algorithm>
#include <climits>
#include <exception>
#include <iostream>
#include <optional>
#include <thread>

namespace sfe {
namespace host {

namespace {

/// `audit verify --strict`: nothing wrong was found, but not everything could be checked.
constexpr int kExitIncomplete = 3;

/// Entries per call: a call's response stays small and the progress bar moves about once a second.
constexpr long long kDefaultChunk = 50000;

/// Parts checked at once by default: one per core, at most two. Each part being checked holds a
/// store session of its own, with its page cache (store.cache_mib): two keep the command's memory
/// well under 150 MB; --jobs asks for more (or 1 for none beside the command's own thread).
unsigned defaultJobs()
{
    return std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
}

/// The most --jobs: more threads than that only wait for the store.
constexpr long long kMaxJobs = 64;

/// Problems listed in the combined report, as one call lists (its maxProblems); the rest are counted.
constexpr std::size_t kMaxProblems = 100;

/// The parts' reports added up into the one report a single call gives.
class CombinedReport
{
public:
    /// Adds a part's counts and problems (in the order the parts come in the log); `counted`: it
    /// is one of the report's "parts" (the store check alone is not).
    void add(const Poco::JSON::Object& part, bool counted)
    {
        if (counted) ++_parts;
        for (const char* key : {"entries", "checkpoints", "checkpointsVerified", "statements", "statementsMatched",
                                "statementsErased", "statementsUnbound"})
            _total->set(key, _total->optValue<Poco::Int64>(key, 0) + part.getValue<Poco::Int64>(key));
        _bound += part.getValue<Poco::Int64>("statementsBound");
        _omitted += part.getValue<Poco::Int64>("problemsOmitted");
        _unverified = _unverified || part.getValue<bool>("checkpointsUnverified");
        Poco::JSON::Array::Ptr found = part.getArray("problems");
        for (std::size_t i = 0; i < found->size(); ++i) problem(found->get(static_cast<unsigned>(i)));
        const std::string store = part.optValue<std::string>("storeCheck", "");
        if (!store.empty()) _total->set("storeCheck", store);
    }

    /// A part that could not be read in a store the store check found damaged: reported as one
    /// call reports it, not thrown.
    void unreadable(const std::string& why)
    {
        Poco::JSON::Object::Ptr p = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        p->set("seq", 0);
        p->set("evidence", "");
        p->set("message", "the store could not be read to the end: " + why);
        problem(p);
    }

    /// Statements found bound by the parts added so far (the last part's "boundBefore").
    Poco::Int64 bound() const { return _bound; }

    /// The report. `last`: the last part's response, which knows the head and the records (null
    /// when it could not be read: they are null then); `to`: the last entry checked otherwise.
    Poco::JSON::Object::Ptr finish(const i18n::Messages& messages, const Poco::JSON::Object* last, Poco::Int64 from,
                                   Poco::Int64 to, bool since)
    {
        // Unread, as one call reports them when the store could not be read: no records counted, no head.
        _total->set("evidenceRecords", last ? last->get("evidenceRecords") : Poco::Dynamic::Var(0));
        _total->set("head", last ? last->get("head") : Poco::Dynamic::Var());
        if (!_total->has("storeCheck")) _total->set("storeCheck", Poco::Dynamic::Var());
        _total->set("ok", _problems->size() == 0 && _omitted == 0);
        _total->set("from", from);
        _total->set("to", last ? last->getValue<Poco::Int64>("to") : to);
        if (since) _total->set("checkpoint", from - 1);
        _total->set("parts", _parts);
        Poco::JSON::Array::Ptr warnings = new Poco::JSON::Array;
        if (_unverified)
            warnings->add(
                messages.format("cli.audit.warnCheckpoints",
                                i18n::MessageArgs().set(
                                    "count", static_cast<long long>(_total->optValue<Poco::Int64>("checkpoints", 0)))));
        const auto unbound = _total->optValue<Poco::Int64>("statementsUnbound", 0);
        if (unbound > 0)
            warnings->add(messages.format("cli.audit.warnUnbound",
                                          i18n::MessageArgs().set("count", static_cast<long long>(unbound))));
        _total->set("warnings", warnings);
        _total->set("complete", !_unverified && unbound == 0);
        _total->set("firstProblem", _problems->size() ? _problems->get(0) : Poco::Dynamic::Var());
        _total->set("problems", _problems);
        _total->set("problemsOmitted", _omitted);
        return _total;
    }

private:
    void problem(const Poco::Dynamic::Var& p)
    {
        if (_problems->size() < kMaxProblems) _problems->add(p);
        else ++_omitted;
    }

    Poco::JSON::Object::Ptr _total = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    Poco::JSON::Array::Ptr _problems = new Poco::JSON::Array;
    Poco::Int64 _omitted = 0, _bound = 0, _parts = 0;
    bool _unverified = false;
};

/// Checks that the evidence log's hash chain is intact, that every evidence record still says
/// what the log recorded, and that signed checkpoints verify. Exit 0 when all is well, 65 when
/// anything is not (with --json too), so scripts and schedulers can act on it.
///
/// The command asks for the verification in parts (audit.verify with "from"/"to",
/// docs/operations.md): the store check, ranges of --chunk entries up to where the log ended
/// when it started, and last, alone, the rest: the entries appended since, and the rows no entry
/// names. The store check and the ranges are independent (each range links to the chain hash
/// stored before it, which the range before checks), so --jobs of them run side by side: calls on
/// one handle run each on its own store session (sfe.h). Together the parts check exactly what one
/// call without parts does; in between, a progress bar on a terminal. --from SEQ starts after the
/// signed checkpoint at SEQ - 1.
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
        options.addOption(
            Poco::Util::Option("jobs", "", "parts checked at once (default: one per core, at most 2)").argument("N"));
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
        const auto jobs = static_cast<unsigned>(number(context, "jobs", defaultJobs(), 1, kMaxJobs));
        const bool since = context.line().has("from");
        const long long first = number(context, "from", 1, 1);
        const std::string storeCheck =
            context.line().has("store-check") ? context.line().value("store-check") : "quick";
        if (storeCheck != "full" && storeCheck != "quick" && storeCheck != "none")
            throw UsageException(
                messages.format("cli.audit.badStoreCheck", i18n::MessageArgs().set("value", storeCheck)));
        auto request = [&](Poco::Int64 from, std::optional<Poco::Int64> to) {
            Poco::JSON::Object r;
            r.set("from", from);
            if (to) r.set("to", *to);
            if (since) r.set("checkpoint", first - 1);
            return r;
        };

        // Where the log ends now: a call over no entries. The ranges split the entries up to there.
        const Poco::Int64 last = context.call("audit.verify", request(first, first - 1))->getValue<Poco::Int64>("last");
        std::vector<Poco::JSON::Object::Ptr> parts;
        const bool checkStore = !since && storeCheck != "none";
        if (checkStore)
        {
            Poco::JSON::Object r = request(first, first - 1);
            r.set("store", true);
            r.set("storeCheck", storeCheck);
            parts.push_back(context.envelope(r));
        }
        for (Poco::Int64 from = first; from <= last; from += chunk)
            parts.push_back(context.envelope(request(from, std::min<Poco::Int64>(from + chunk - 1, last))));

        ProgressBar bar(std::cerr, messages.format("cli.audit.progress"));
        const auto inRanges = static_cast<std::uint64_t>(std::max<Poco::Int64>(0, last - first + 1));
        std::uint64_t checked = 0;
        const auto outcomes = ParallelCalls(context.plugin(), jobs)
                                  .run("audit.verify", parts, [&](std::size_t, const Poco::JSON::Object& response) {
                                      checked += static_cast<std::uint64_t>(response.getValue<Poco::Int64>("entries"));
                                      bar.update(checked, inRanges);
                                  });
        CombinedReport report;
        std::exception_ptr failure;
        for (std::size_t i = 0; i < outcomes.size(); ++i)
        {
            if (outcomes[i].response) report.add(*outcomes[i].response, !(checkStore && i == 0));
            else if (outcomes[i].error && !failure) failure = outcomes[i].error;
        }
        // A range that could not be read: when the store check found the file damaged, that is the
        // report (as one call gives it); otherwise the failure is the command's.
        const bool damaged =
            checkStore && outcomes[0].response && outcomes[0].response->getValue<Poco::Int64>("storeProblems") > 0;
        if (failure) unreadableOrThrow(report, failure, damaged);

        // The last part, alone: to the head (entries appended meanwhile included) and the rows no
        // entry names, told how many statements the parts before found bound.
        Poco::JSON::Object rest = request(last + 1, std::nullopt);
        rest.set("rest", true);
        rest.set("boundBefore", report.bound());
        Poco::JSON::Object::Ptr response;
        try
        {
            response = context.call("audit.verify", rest);
            report.add(*response, true);
            checked += static_cast<std::uint64_t>(response->getValue<Poco::Int64>("entries"));
            bar.update(checked, static_cast<std::uint64_t>(
                                    std::max<Poco::Int64>(0, response->getValue<Poco::Int64>("last") - first + 1)));
        }
        catch (const PluginCallException&)
        {
            unreadableOrThrow(report, std::current_exception(), damaged);
        }
        bar.finish();

        const Poco::JSON::Object::Ptr total = report.finish(messages, response.get(), first, last, since);
        if (context.line().has("json")) context.printJson(total);
        else AuditRenderer(context.messages(response.get())).render(*total, context.out());
        if (!total->getValue<bool>("ok")) return EXIT_DATAERR;
        // Verified, but not all of it: an auditor who asks for --strict gets a failure of its own.
        if (context.line().has("strict") && !total->getValue<bool>("complete")) return kExitIncomplete;
        return EXIT_OK;
    }

private:
    /// Rethrows `failure` unless the store is `damaged`: then it is one of the report's problems.
    static void unreadableOrThrow(CombinedReport& report, const std::exception_ptr& failure, bool damaged)
    {
        try
        {
            std::rethrow_exception(failure);
        }
        catch (const Poco::Exception& e)
        {
            if (!damaged) throw;
            report.unreadable(e.message().empty() ? e.displayText() : e.message());
        }
    }

    /// The whole number given with --`option` (at least `min`), or `fallback`; UsageException otherwise.
    static long long number(CommandContext& context, const std::string& option, long long fallback, long long min,
                            long long max = LLONG_MAX)
    {
        if (!context.line().has(option)) return fallback;
        const std::string text = context.line().value(option);
        Poco::Int64 value = 0;
        if (!Poco::NumberParser::tryParse64(text, value) || value < min || value > max)
        {
            auto args = i18n::MessageArgs().set("option", "--" + option).set("value", text).set("min", min);
            if (max == LLONG_MAX) throw UsageException(context.messages().format("cli.audit.badNumber", args));
            throw UsageException(context.messages().format("cli.audit.badRange", args.set("max", max)));
        }
        return value;
    }
};

const CommandRegistration<AuditVerifyCommand> registeredAuditVerifyCommand;

} // namespace

}
} // namespace sfe::host
