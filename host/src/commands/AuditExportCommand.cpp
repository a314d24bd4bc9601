//
// AuditExportCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence audit export DIR`: writes an audit bundle that can be checked without the plugin.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/JsonFields.h"
#include "render/LineRenderer.h"

namespace sfe {
namespace host {

namespace {

/// Exports the evidence, its statements, the log, the checkpoints and the definitions into a new
/// or empty folder, with a README on checking it all with sha256sum and openssl.
class AuditExportCommand: public Command
{
public:
    std::string name() const override { return "audit export"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.audit.export"); }
    std::vector<std::string> argumentNames() const override { return {"DIR"}; }

    int run(CommandContext& context) const override
    {
        Poco::JSON::Object request;
        request.set("dir", context.line().arguments().at(0));
        context.respond("audit.export", request, LineRenderer([&context](const Poco::JSON::Object& response) {
                            std::string text = context.messages(&response).format(
                                "cli.export.done",
                                i18n::MessageArgs()
                                    .set("records", response.getValue<std::size_t>("evidence"))
                                    .set("statements", response.getValue<std::size_t>("statements"))
                                    .set("entries", response.getValue<std::size_t>("entries"))
                                    .set("checkpoints", response.getValue<std::size_t>("checkpoints"))
                                    .set("dir", JsonFields::text(response, "dir")));
                            for (const auto& file : JsonFields::strings(response.getArray("files")))
                                text += "\n  " + file;
                            return text;
                        }));
        return EXIT_OK;
    }
};

const CommandRegistration<AuditExportCommand> registeredAuditExportCommand;

} // namespace

}
} // namespace sfe::host
