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

/// Checks that the evidence log's hash chain is intact, that every evidence record still says
/// what the log recorded, and that signed checkpoints verify. Exit 0 when all is well, 65 when
/// anything is not (with --json too), so scripts and schedulers can act on it.
class AuditVerifyCommand: public Command
{
public:
    std::string name() const override { return "audit verify"; }
    std::string summary() const override
    {
        return "check the evidence log's hash chain, the records and the signed checkpoints; exit 65 on any problem";
    }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(jsonOption());
    }

    int run(CommandContext& context) const override
    {
        const Poco::JSON::Object::Ptr report = context.call("audit.verify", Poco::JSON::Object());
        if (context.line().has("json")) context.printJson(report);
        else AuditRenderer().render(*report, context.out());
        return report->getValue<bool>("ok") ? EXIT_OK : EXIT_DATAERR;
    }
};

const CommandRegistration<AuditVerifyCommand> registration;

} // namespace

} } // namespace sfe::host
