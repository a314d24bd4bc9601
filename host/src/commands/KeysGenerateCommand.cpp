//
// KeysGenerateCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence keys generate DIR [--name CN] [--force]`: makes a signing key pair for audit checkpoints.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/JsonFields.h"
#include "render/LineRenderer.h"

namespace sfe {
namespace host {

namespace {

/// Generates an RSA key and a self-signed certificate for signing audit checkpoints (and, with
/// xapi.sign, statements), and says which configuration keys to point at them.
class KeysGenerateCommand: public Command
{
public:
    std::string name() const override { return "keys generate"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.keys.generate"); }
    std::vector<std::string> argumentNames() const override { return {"DIR"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("name", "",
                                             "the certificate's common name (default: sfia-evidence "
                                             "signing key)")
                              .argument("CN"));
        options.addOption(Poco::Util::Option("force", "",
                                             "replace the key DIR holds; its certificate is kept in "
                                             "signing-cert.pem, after the new one, so older checkpoints still verify"));
    }

    int run(CommandContext& context) const override
    {
        Poco::JSON::Object request;
        request.set("dir", context.line().arguments().at(0));
        if (context.line().has("name")) request.set("commonName", context.line().value("name"));
        if (context.line().has("force")) request.set("force", true);
        context.respond("keys.generate", request, LineRenderer([&context](const Poco::JSON::Object& response) {
                            const i18n::Messages& messages = context.messages(&response);
                            const std::string key = JsonFields::text(response, "privateKey");
                            const std::string certificate = JsonFields::text(response, "certificate");
                            return messages.format(
                                       "cli.keys.wrote",
                                       i18n::MessageArgs().set("key", key).set("certificate", certificate)) +
                                   "\n" + messages.format("cli.keys.configure") + "\n  audit.signing_key = " + key +
                                   "\n  audit.signing_cert = " + certificate;
                        }));
        return EXIT_OK;
    }
};

const CommandRegistration<KeysGenerateCommand> registeredKeysGenerateCommand;

} // namespace

}
} // namespace sfe::host
