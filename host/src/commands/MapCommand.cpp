//
// MapCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence map ACTIVITY --skill CODE --level N ...`: links a learning activity to a skill level.
//

#include "ChoiceValidator.h"
#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/JsonFields.h"
#include "render/LineRenderer.h"
#include "render/MappingChanges.h"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

namespace sfe {
namespace host {

namespace {

/// Links an LMS activity to one level of a skill, or to some of the level's responsibilities.
class MapCommand: public Command
{
public:
    std::string name() const override { return "map"; }
    std::string summary() const override
    {
        return "link a learning activity (LMS id or IRI) to a skill level, or to responsibilities of it";
    }
    std::vector<std::string> argumentNames() const override { return {"ACTIVITY"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("skill", "", "the skill's code").argument("CODE").required(true));
        options.addOption(levelOption("the level (1-7)").required(true));
        options.addOption(Poco::Util::Option("responsibility", "",
                                             "a responsibility of that level the activity develops (repeatable; "
                                             "none: the level as a whole)")
                              .argument("ID")
                              .repeatable(true));
        options.addOption(Poco::Util::Option("name", "", "the activity's name (default: its id)").argument("TEXT"));
        options.addOption(Poco::Util::Option("type", "", "course, module, assessment or task (default: course)")
                              .argument("TYPE")
                              .validator(new ChoiceValidator({"course", "module", "assessment", "task"})));
    }

    int run(CommandContext& context) const override
    {
        const CommandLine& line = context.line();
        Poco::JSON::Object request;
        request.set("activity", line.arguments().at(0));
        request.set("skill", line.value("skill"));
        request.set("level", Poco::NumberParser::parse(line.value("level")));
        Poco::JSON::Array::Ptr responsibilities = new Poco::JSON::Array;
        for (const auto& id : line.values("responsibility")) responsibilities->add(id);
        request.set("responsibilities", responsibilities);
        if (line.has("name")) request.set("name", line.value("name"));
        if (line.has("type")) request.set("type", line.value("type"));
        const i18n::Messages& messages = context.messages();
        context.respond(
            "map", request, LineRenderer([&messages](const Poco::JSON::Object& response) {
                Poco::JSON::Object::Ptr mapping = response.getObject("mapping");
                Poco::JSON::Object::Ptr activity = mapping->getObject("activity");
                std::string text =
                    messages.format("admin.map.mapped", i18n::MessageArgs()
                                                            .set("activity", JsonFields::text(*activity, "id"))
                                                            .set("name", JsonFields::text(*activity, "name"))
                                                            .set("type", JsonFields::text(*activity, "type"))
                                                            .set("target", MappingChanges::target(messages, *mapping)));
                text += "\n" + messages.format("admin.map.ids", i18n::MessageArgs()
                                                                    .set("mapping", JsonFields::text(*mapping, "id"))
                                                                    .set("iri", JsonFields::text(*activity, "iri")));
                for (const std::string& change : MappingChanges::lines(messages, response)) text += "\n" + change;
                return text;
            }));
        return EXIT_OK;
    }
};

const CommandRegistration<MapCommand> registeredMapCommand;

} // namespace

}
} // namespace sfe::host
