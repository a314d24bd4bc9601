//
// ImportService.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/ImportService.h"

#include "sfe/runtime/Error.h"
#include "sfe/xapi/Timestamp.h"
#include "sfe/store/DefinitionRepository.h"
#include "sfe/store/Transaction.h"

#include "sfe.h"

namespace sfe {
namespace service {

ImportService::ImportService(store::Database& db, definition::ReadOptions options, MappingFlagger flagger):
    _db(db),
    _reader(options),
    _flagger(std::move(flagger))
{}

ImportOutcome ImportService::importFile(const std::string& path, const Poco::Timestamp& now)
{
    return store(_reader.readFile(path), now);
}

ImportOutcome ImportService::importBuffer(const std::string& bytes, const std::string& name, const Poco::Timestamp& now)
{
    return store(_reader.readBuffer(bytes, name), now);
}

ImportOutcome ImportService::store(const definition::ReadResult& read, const Poco::Timestamp& now)
{
    if (!read.ok()) throw runtime::Error(SFE_INVALID, read.message(), read.problems);
    const definition::Definition& d = *read.definition;

    ImportOutcome outcome;
    outcome.definitionSha256 = d.contentSha256;
    outcome.language = d.framework.language;
    for (const auto& skill : d.skills) outcome.skills.push_back(skill.code);

    store::DefinitionRepository definitions(_db);
    store::Transaction tx(_db);
    if (definitions.contains(d.contentSha256))
    {
        outcome.unchanged = true;
        for (const auto& skill : d.skills)
        {
            ImportOutcome::Stored stored;
            stored.skill = skill.code;
            const auto list = versions(skill.code);
            for (const auto& v : list)
            {
                if (v.version.definitionSha256 == d.contentSha256) stored.version = v.number;
                if (v.current)
                {
                    stored.currentVersion = v.number;
                    stored.currentDefinition = v.version.definitionSha256;
                }
            }
            outcome.stored.push_back(stored);
        }
        return outcome; // the transaction rolls back: nothing was written
    }
    const std::string at = xapi::Timestamp::format(now);
    std::vector<std::pair<const definition::Skill*, store::StoredSkill>> before;
    for (const auto& skill : d.skills)
        if (auto current = definitions.currentSkill(skill.code)) before.emplace_back(&skill, std::move(*current));
    definitions.add(d, at);
    for (const auto& [skill, previous] : before)
    {
        // What changed against the version in use until now: what an admin reviews.
        ImportOutcome::Changes changes;
        changes.skill = skill->code;
        changes.fromDefinition = previous.definitionSha256;
        for (const auto& v : versions(skill->code))
        {
            if (v.version.definitionSha256 == previous.definitionSha256) changes.fromVersion = v.number;
            if (v.version.definitionSha256 == d.contentSha256) changes.toVersion = v.number;
        }
        changes.levels = DefinitionDiff::compare(previous.skill, *skill, d.framework.language);
        outcome.changes.push_back(std::move(changes));
    }
    if (_flagger) outcome.flagged = _flagger(d, at);
    for (const auto& f : outcome.flagged) outcome.flaggedMappings.push_back(f.mapping.id);
    tx.commit();
    return outcome;
}

std::vector<VersionInfo> ImportService::versions(const std::string& code)
{
    store::DefinitionRepository definitions(_db);
    const auto current = definitions.currentVersion(code);
    std::vector<VersionInfo> result;
    for (const auto& v : definitions.versions(code))
    {
        VersionInfo info;
        info.number = static_cast<int>(result.size()) + 1;
        info.version = v;
        info.current = current && *current == v.definitionSha256;
        result.push_back(std::move(info));
    }
    if (result.empty())
        throw runtime::Error::notFound("no skill with code '" + runtime::Error::printable(code) +
                                       "' has been imported");
    return result;
}

VersionInfo ImportService::version(const std::string& code, const std::string& text)
{
    const auto list = versions(code);
    const bool number = !text.empty() && text.size() <= 6 && text.find_first_not_of("0123456789") == std::string::npos;
    std::vector<const VersionInfo*> found;
    for (const auto& v : list)
    {
        if (number ? std::to_string(v.number) == text
                   : text.size() >= 6 && v.version.definitionSha256.compare(0, text.size(), text) == 0)
            found.push_back(&v);
    }
    if (found.size() == 1) return *found.front();
    throw runtime::Error::notFound("'" + runtime::Error::printable(text) + "' is not " + (found.empty() ? "a" : "one") +
                                   " stored version of " + code +
                                   ": give its number or 6 or more digits of its definition hash "
                                   "(sfia-evidence versions " +
                                   code + " lists them)");
}

std::vector<DefinitionDiff::Level> ImportService::diff(const std::string& code, const std::string& from,
                                                       const std::string& to)
{
    store::DefinitionRepository definitions(_db);
    const auto before = definitions.skill(code, version(code, from).version.definitionSha256);
    const auto after = definitions.skill(code, version(code, to).version.definitionSha256);
    return DefinitionDiff::compare(before->skill, after->skill, after->framework.language);
}

UseOutcome ImportService::use(const std::string& code, const std::string& text, const Poco::Timestamp& now)
{
    store::DefinitionRepository definitions(_db);
    store::Transaction tx(_db);
    UseOutcome outcome;
    outcome.version = version(code, text);
    if (outcome.version.current)
    {
        outcome.unchanged = true;
        return outcome; // nothing written
    }
    const std::string at = xapi::Timestamp::format(now);
    const std::string hash = outcome.version.version.definitionSha256;
    definitions.makeCurrent(code, hash, at);
    // The skill's mappings are reviewed as after an import of this version: only this skill changed.
    definition::Definition d;
    d.contentSha256 = hash;
    d.skills.push_back(definitions.skill(code, hash)->skill);
    if (_flagger) outcome.flagged = _flagger(d, at);
    for (const auto& f : outcome.flagged) outcome.flaggedMappings.push_back(f.mapping.id);
    tx.commit();
    outcome.version.current = true;
    return outcome;
}

}
} // namespace sfe::service
