//
// EvidenceShowRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `evidence show`.
//

#include "render/EvidenceShowRenderer.h"

#include "render/EvidenceSummary.h"
#include "render/JsonFields.h"
#include "render/TextLayout.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <sstream>

namespace sfe {
namespace host {

EvidenceShowRenderer::EvidenceShowRenderer(const i18n::Messages& messages):
    _messages(messages)
{}

std::string EvidenceShowRenderer::text(const std::string& key) const
{
    return _messages.format(key);
}

void EvidenceShowRenderer::writeFields(std::ostream& out, const Fields& fields, std::size_t indent)
{
    std::size_t width = 0;
    for (const auto& field : fields) width = std::max(width, TextLayout::width(field.first));
    for (const auto& [label, value] : fields)
        out << std::string(indent, ' ') << TextLayout::padded(label, width + 2) << value << '\n';
}

void EvidenceShowRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    using i18n::MessageArgs;
    const Poco::JSON::Object::Ptr record = response.getObject("evidence");
    const std::string state = JsonFields::text(*record, "state");
    const std::string kind = JsonFields::text(*record, "kind");
    out << _messages.format(
               "evidence.show.title",
               MessageArgs().set("id", JsonFields::text(*record, "id")).set("seq", JsonFields::text(*record, "seq")))
        << '\n';
    Fields fields;
    fields.emplace_back(text("evidence.show.state"),
                        _messages.has("evidence.state." + state) ? text("evidence.state." + state) : state);
    fields.emplace_back(text("evidence.show.kind"),
                        _messages.has("evidence.kind." + kind) ? text("evidence.kind." + kind) : kind);
    fields.emplace_back(text("evidence.show.learner"), JsonFields::text(*record, "learner"));
    fields.emplace_back(
        text("evidence.show.skill"),
        _messages.format("evidence.show.skillLevel", MessageArgs()
                                                         .set("skill", JsonFields::text(*record, "skill"))
                                                         .set("level", JsonFields::text(*record, "level"))));
    fields.emplace_back(text("evidence.show.responsibilities"),
                        JsonFields::joined(record->getArray("responsibilities"), " "));
    fields.emplace_back(text("evidence.show.source"),
                        JsonFields::present(*record, "assessor")
                            ? _messages.format("evidence.source.assessor",
                                               MessageArgs().set("assessor", JsonFields::text(*record, "assessor")))
                            : _messages.format("evidence.show.activity",
                                               MessageArgs().set("activity", JsonFields::text(*record, "activity"))));
    fields.emplace_back(text("evidence.show.result"),
                        JsonFields::present(*record, "outcome")
                            ? JsonFields::text(*record, "outcome")
                            : JsonFields::text(*record, "verb") + " " + EvidenceSummary::score(*record));
    if (JsonFields::present(*record, "note"))
        fields.emplace_back(text("evidence.show.note"), JsonFields::text(*record, "note"));
    if (JsonFields::present(*record, "evidenceUrl"))
        fields.emplace_back(text("evidence.show.evidenceUrl"), JsonFields::text(*record, "evidenceUrl"));
    fields.emplace_back(text("evidence.show.occurred"), JsonFields::text(*record, "occurredAt"));
    fields.emplace_back(text("evidence.show.recorded"), JsonFields::text(*record, "recordedAt"));
    if (JsonFields::present(*record, "withdrawnAt"))
        fields.emplace_back(text("evidence.show.withdrawn"),
                            _messages.format("evidence.show.withdrawnValue",
                                             MessageArgs()
                                                 .set("at", JsonFields::text(*record, "withdrawnAt"))
                                                 .set("reason", JsonFields::text(*record, "withdrawnReason"))));
    fields.emplace_back(text("evidence.show.eventId"), JsonFields::text(*record, "eventId"));
    fields.emplace_back(text("evidence.show.definition"), JsonFields::text(*record, "definition"));
    writeFields(out, fields, 2);

    Poco::JSON::Array::Ptr verifications = response.getArray("verifications");
    if (!verifications || verifications->size() == 0) out << text("evidence.show.noVerifications") << '\n';
    else
    {
        out << text("evidence.show.verifications") << '\n';
        for (std::size_t i = 0; i < verifications->size(); ++i)
        {
            const Poco::JSON::Object::Ptr v = verifications->getObject(static_cast<unsigned>(i));
            const MessageArgs args = MessageArgs()
                                         .set("auditor", JsonFields::text(*v, "auditor"))
                                         .set("at", JsonFields::text(*v, "verifiedAt"))
                                         .set("note", JsonFields::text(*v, "note"));
            out << "  "
                << _messages.format(JsonFields::present(*v, "note") ? "evidence.show.verificationNote"
                                                                    : "evidence.show.verification",
                                    args)
                << '\n';
        }
    }

    Poco::JSON::Array::Ptr log = response.getArray("log");
    if (!log || log->size() == 0) out << text("evidence.show.noLog") << '\n';
    else
    {
        out << text("evidence.show.log") << '\n';
        const bool checkpoints = response.optValue<bool>("checkpointsEnabled", false);
        for (std::size_t i = 0; i < log->size(); ++i)
        {
            const Poco::JSON::Object::Ptr entry = log->getObject(static_cast<unsigned>(i));
            out << "  "
                << _messages.format("evidence.show.entry", MessageArgs()
                                                               .set("seq", JsonFields::text(*entry, "seq"))
                                                               .set("action", JsonFields::text(*entry, "action"))
                                                               .set("at", JsonFields::text(*entry, "loggedAt")))
                << '\n';
            auto check = [&](const char* key, const char* good, const char* bad) {
                return "(" + text(entry->getValue<bool>(key) ? good : bad) + ")";
            };
            writeFields(out,
                        {{text("evidence.show.contentHash"),
                          JsonFields::text(*entry, "contentSha256") + "  " +
                              check("contentIntact", "evidence.show.intact", "evidence.show.changed")},
                         {text("evidence.show.previousHash"),
                          JsonFields::text(*entry, "prevHash") + "  " +
                              check("followsPrevious", "evidence.show.linked", "evidence.show.unlinked")},
                         {text("evidence.show.entryHash"),
                          JsonFields::text(*entry, "chainHash") + "  " +
                              check("linkIntact", "evidence.show.chained", "evidence.show.unchained")}},
                        4);
            if (JsonFields::present(*entry, "matchesRecord"))
                out << "    "
                    << text(entry->getValue<bool>("matchesRecord") ? "evidence.show.matchesRecord"
                                                                   : "evidence.show.differsFromRecord")
                    << '\n';
            const Poco::JSON::Object::Ptr checkpoint =
                JsonFields::present(*entry, "checkpoint") ? entry->getObject("checkpoint") : nullptr;
            if (checkpoint)
                out << "    "
                    << _messages.format("evidence.show.checkpoint",
                                        MessageArgs()
                                            .set("seq", JsonFields::text(*checkpoint, "seq"))
                                            .set("from", JsonFields::text(*checkpoint, "fromSeq"))
                                            .set("at", JsonFields::text(*checkpoint, "signedAt"))
                                            .set("key", JsonFields::text(*checkpoint, "keyId")))
                    << '\n';
            else out << "    " << text(checkpoints ? "evidence.show.uncovered" : "evidence.show.noCheckpoints") << '\n';
        }
    }

    Poco::JSON::Array::Ptr statements = response.getArray("statements");
    if (!statements || statements->size() == 0)
    {
        out << text("evidence.show.noStatements") << '\n';
        return;
    }
    out << text("evidence.show.statements") << '\n';
    for (std::size_t i = 0; i < statements->size(); ++i)
    {
        const Poco::JSON::Object::Ptr s = statements->getObject(static_cast<unsigned>(i));
        out << "  "
            << _messages.format("evidence.show.statement", MessageArgs()
                                                               .set("id", JsonFields::text(*s, "id"))
                                                               .set("kind", JsonFields::text(*s, "kind"))
                                                               .set("state", JsonFields::text(*s, "state")))
            << '\n';
        const std::string match = s->getValue<bool>("matchesLog")
                                      ? text("evidence.show.matchesLog")
                                      : _messages.format("evidence.show.mismatch",
                                                         MessageArgs().set("why", JsonFields::text(*s, "mismatch")));
        writeFields(out, {{text("evidence.show.bodyHash"), JsonFields::text(*s, "bodySha256") + "  (" + match + ")"}},
                    4);
        // The statement as JSON, indented under its line; strings in it are JSON-escaped.
        std::ostringstream json;
        Poco::JSON::Stringifier::stringify(s->get("statement"), json, 2);
        std::istringstream lines(json.str());
        for (std::string line; std::getline(lines, line);) out << "    " << line << '\n';
    }
}

}
} // namespace sfe::host
