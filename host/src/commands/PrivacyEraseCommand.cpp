//
// PrivacyEraseCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence privacy erase --learner ID`: replaces a person by a pseudonym everywhere.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/JsonFields.h"
#include "render/LineRenderer.h"
#include "render/TextLayout.h"

namespace sfe {
namespace host {

namespace {

/// Erases a person: the plugin replaces their id by a pseudonym in their evidence, in what they
/// attested and in the statements, and drops their free texts; the audit log still verifies. The
/// statements the LRS already holds are listed, to be erased there.
class PrivacyEraseCommand: public Command
{
public:
    std::string name() const override { return "privacy erase"; }
    std::string summary() const override
    {
        return "erase a person: their id becomes a pseudonym everywhere, their notes are removed (the audit log still "
               "verifies)";
    }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("learner", "", "the person's LMS id (as learner, assessor or auditor)").argument("ID").required(true));
    }

    int run(CommandContext& context) const override
    {
        const std::string person = context.line().value("learner");
        Poco::JSON::Object request;
        request.set("person", person);
        context.respond("privacy.erase", request, LineRenderer([person](const Poco::JSON::Object& response) {
            std::string text = "erased " + TextLayout::printable(person) + ": now " + JsonFields::text(response, "pseudonym")
                + " in " + TextLayout::counted(response.getValue<std::size_t>("evidence"), "evidence record") + ", "
                + TextLayout::counted(response.getValue<std::size_t>("attested"), "attestation") + " by them and "
                + TextLayout::counted(response.getValue<std::size_t>("statements"), "statement");
            // The LRS keeps what it was sent; only its operator can erase it there.
            const auto held = response.getObject("heldByLrs");
            if (held && held->getValue<std::size_t>("count") > 0)
            {
                const std::string lrs = JsonFields::present(*held, "url")
                    ? "the LRS at " + JsonFields::text(*held, "url") : std::string("the LRS (lrs.url is not set now)");
                text += "\n" + TextLayout::counted(held->getValue<std::size_t>("count"), "statement") +
                        (held->getValue<std::size_t>("count") == 1 ? " was" : " were") + " delivered to " + lrs +
                        " and " + (held->getValue<std::size_t>("count") == 1 ? "is" : "are") +
                        " still held there: erase them there";
                for (const std::string& id : JsonFields::strings(held->getArray("statements"))) text += "\n  " + id;
            }
            if (response.has("writeAheadLogCleared") && !response.getValue<bool>("writeAheadLogCleared"))
                text += "\nwarning: another connection kept reading the store, so its write-ahead log (the -wal file) "
                        "still holds the erased values: empty it once that reader is done, with "
                        "sqlite3 STORE 'PRAGMA wal_checkpoint(TRUNCATE)'";
            return text;
        }));
        return EXIT_OK;
    }
};

const CommandRegistration<PrivacyEraseCommand> registration;

} // namespace

} } // namespace sfe::host
