//
// AuditVerifyCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence audit verify [--json]`: checks the evidence log, the records and the checkpoints.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/AuditRenderer.h"

namespace sfe {
namespace host {

namespace {

/// `audit verify --strict`: nothing wrong was found, but not everything could be checked.
constexpr int kExitIncomplete = 3;

/// Checks that the evidence log's hash chain is intact, that every evidence record still says
/// what the log recorded, and that signed checkpoints verify. Exit 0 when all is well, 65 when
/// anything is not (with --json too), so scripts and schedulers can act on it.
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
    }

    int run(CommandContext& context) const override
    {
        const Poco::JSON::Object::Ptr report = context.call("audit.verify", Poco::JSON::Object());
        if (context.line().has("json")) context.printJson(report);
        else AuditRenderer(context.messages(report.get())).render(*report, context.out());
        if (!report->getValue<bool>("ok")) return EXIT_DATAERR;
        // Verified, but not all of it: an auditor who asks for --strict gets a failure of its own.
        if (context.line().has("strict") && !report->optValue<bool>("complete", true)) return kExitIncomplete;
        return EXIT_OK;
    }
};

const CommandRegistration<AuditVerifyCommand> registration;

} // namespace

} } // namespace sfe::host
