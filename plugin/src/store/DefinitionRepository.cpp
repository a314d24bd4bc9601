//
// DefinitionRepository.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/DefinitionRepository.h"
#include "sfe/store/TextDictionaries.h"

#include "sfe/store/TextCodec.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Nullable.h>

#include <algorithm>
#include <tuple>
#include <utility>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

DefinitionRepository::DefinitionRepository(Database& db):
    _db(db)
{}

bool DefinitionRepository::contains(const std::string& contentSha256)
{
    int count = 0;
    std::string hash = contentSha256;
    _db.session() << _db.sql("SELECT COUNT(*) FROM definition_versions WHERE content_sha256 = ?"), use(hash),
        into(count), now;
    return count > 0;
}

void DefinitionRepository::add(const definition::Definition& d, const std::string& importedAt)
{
    auto& s = _db.session();
    Poco::Int64 seq = _db.nextSequence("definition_import");
    std::string hash = d.contentSha256, name = d.framework.name, version = d.framework.version,
                language = d.framework.language, title = TextCodec::encode(d.framework.title),
                sourceUrl = d.framework.sourceUrl, copyright = d.framework.copyright, licence = d.framework.licence,
                sourceName = d.sourceName, document = d.xml, at = importedAt;
    s << _db.sql("INSERT INTO definition_versions(content_sha256, import_seq, framework_name, framework_version,"
                 " language, framework_title, source_url, copyright, licence, source_name, document, imported_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        use(hash), use(seq), use(name), use(version), use(language), use(title), use(sourceUrl), use(copyright),
        use(licence), use(sourceName), use(document), use(at), now;

    for (const definition::Skill& skill : d.skills)
    {
        std::string code = skill.code, skillName = TextCodec::encode(skill.name),
                    description = TextCodec::encode(skill.description), notes = TextCodec::encode(skill.guidanceNotes),
                    intro = TextCodec::encode(skill.activitiesIntro),
                    activities = TextCodec::encodeList(skill.activities),
                    development = TextCodec::encode(skill.developmentIntro);
        Poco::Nullable<std::string> lower;
        if (skill.lowerLevelsNotDefined) lower = TextCodec::encodeGuidance(*skill.lowerLevelsNotDefined);
        s << _db.sql("INSERT INTO skills(definition_sha256, code, name, description, guidance_notes, activities_intro,"
                     " activities, development_intro, lower_levels_not_defined) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            use(hash), use(code), use(skillName), use(description), use(notes), use(intro), use(activities),
            use(development), use(lower), now;

        for (const definition::Level& level : skill.levels)
        {
            int number = level.number, defined = level.defined ? 1 : 0;
            std::string phrase = TextCodec::encode(level.guidingPhrase), essence = TextCodec::encode(level.essence),
                        guidance = TextCodec::encode(level.developmentGuidance), textHash = level.textSha256;
            Poco::Nullable<std::string> notDefined;
            if (!level.defined) notDefined = TextCodec::encodeGuidance(level.notDefined);
            s << _db.sql("INSERT INTO levels(definition_sha256, skill_code, number, defined, guiding_phrase, essence,"
                         " development_guidance, not_defined, text_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                use(hash), use(code), use(number), use(defined), use(phrase), use(essence), use(guidance),
                use(notDefined), use(textHash), now;

            for (const definition::Responsibility& r : level.responsibilities)
            {
                std::string id = r.id, text = TextCodec::encode(r.text), rHash = r.textSha256;
                int position = r.position;
                s << _db.sql("INSERT INTO responsibilities(definition_sha256, id, skill_code, level_number, position,"
                             " text, text_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                    use(hash), use(id), use(code), use(number), use(position), use(text), use(rHash), now;
            }
        }

        int updated = 0;
        s << _db.sql("UPDATE current_skills SET definition_sha256 = ?, since = ? WHERE code = ?"), use(hash), use(at),
            use(code), now;
        s << _db.sql("SELECT COUNT(*) FROM current_skills WHERE code = ? AND definition_sha256 = ?"), use(code),
            use(hash), into(updated), now;
        if (updated == 0)
            s << _db.sql("INSERT INTO current_skills(code, definition_sha256, since) VALUES (?, ?, ?)"), use(code),
                use(hash), use(at), now;
    }
    // Its compression dictionaries, in the same transaction (TextDictionaries).
    _db.textDictionaries().create(hash);
    // Every process caches the current versions (service::DefinitionCache): they must look again.
    _db.markChanged();
}

std::optional<std::string> DefinitionRepository::currentVersion(const std::string& code)
{
    std::string c = code;
    Poco::Nullable<std::string> hash;
    _db.session() << _db.sql("SELECT definition_sha256 FROM current_skills WHERE code = ?"), use(c), into(hash), now;
    if (hash.isNull()) return std::nullopt;
    return hash.value();
}

std::vector<StoredSkill> DefinitionRepository::currentSkills()
{
    std::vector<std::string> codes, hashes;
    _db.session() << "SELECT code, definition_sha256 FROM current_skills", into(codes), into(hashes), now;
    // Sorted here, byte by byte: ORDER BY would follow the database's collation.
    std::vector<std::pair<std::string, std::string>> current;
    for (std::size_t i = 0; i < codes.size(); ++i) current.emplace_back(codes[i], hashes[i]);
    std::sort(current.begin(), current.end());
    std::vector<StoredSkill> result;
    for (const auto& [code, hash] : current)
        if (auto s = skill(code, hash)) result.push_back(std::move(*s));
    return result;
}

std::optional<StoredSkill> DefinitionRepository::currentSkill(const std::string& code)
{
    auto hash = currentVersion(code);
    if (!hash) return std::nullopt;
    return skill(code, *hash);
}

std::vector<SkillVersion> DefinitionRepository::versions(const std::string& code)
{
    std::string c = code;
    Poco::Data::Statement select(_db.session());
    select << _db.sql("SELECT d.content_sha256, d.framework_version, d.source_name, d.imported_at"
                      " FROM definition_versions d JOIN skills s ON s.definition_sha256 = d.content_sha256"
                      " WHERE s.code = ? ORDER BY d.import_seq"),
        use(c), now;
    Poco::Data::RecordSet rs(select);
    std::vector<SkillVersion> result;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext())
        result.push_back({rs[0].convert<std::string>(), rs[1].convert<std::string>(), rs[2].convert<std::string>(),
                          rs[3].convert<std::string>()});
    return result;
}

void DefinitionRepository::makeCurrent(const std::string& code, const std::string& definitionSha256,
                                       const std::string& since)
{
    std::string c = code, hash = definitionSha256, at = since;
    _db.session() << _db.sql("UPDATE current_skills SET definition_sha256 = ?, since = ? WHERE code = ?"), use(hash),
        use(at), use(c), now;
    _db.markChanged();
}

std::optional<std::string> DefinitionRepository::document(const std::string& definitionSha256)
{
    std::string hash = definitionSha256;
    Poco::Nullable<std::string> doc;
    _db.session() << _db.sql("SELECT document FROM definition_versions WHERE content_sha256 = ?"), use(hash), into(doc),
        now;
    if (doc.isNull()) return std::nullopt;
    return doc.value();
}

definition::Framework DefinitionRepository::loadFramework(const std::string& definitionSha256, std::string& importedAt)
{
    std::string hash = definitionSha256;
    Poco::Data::Statement select(_db.session());
    select << _db.sql("SELECT framework_name, framework_version, language, framework_title, source_url, copyright,"
                      " licence, imported_at FROM definition_versions WHERE content_sha256 = ?"),
        use(hash), now;
    Poco::Data::RecordSet rs(select);
    definition::Framework f;
    if (rs.moveFirst())
    {
        f.name = rs["framework_name"].convert<std::string>();
        f.version = rs["framework_version"].convert<std::string>();
        f.language = rs["language"].convert<std::string>();
        f.title = TextCodec::decode(rs["framework_title"].convert<std::string>());
        f.sourceUrl = rs["source_url"].convert<std::string>();
        f.copyright = rs["copyright"].convert<std::string>();
        f.licence = rs["licence"].convert<std::string>();
        importedAt = rs["imported_at"].convert<std::string>();
    }
    return f;
}

std::optional<StoredSkill> DefinitionRepository::skill(const std::string& code, const std::string& definitionSha256)
{
    auto& s = _db.session();
    std::string c = code, hash = definitionSha256;
    StoredSkill stored;
    stored.definitionSha256 = definitionSha256;

    {
        Poco::Data::Statement select(s);
        select << _db.sql("SELECT name, description, guidance_notes, activities_intro, activities, development_intro,"
                          " lower_levels_not_defined FROM skills WHERE definition_sha256 = ? AND code = ?"),
            use(hash), use(c), now;
        Poco::Data::RecordSet rs(select);
        if (!rs.moveFirst()) return std::nullopt;
        definition::Skill& k = stored.skill;
        k.code = code;
        k.name = TextCodec::decode(rs["name"].convert<std::string>());
        k.description = TextCodec::decode(rs["description"].convert<std::string>());
        k.guidanceNotes = TextCodec::decode(rs["guidance_notes"].convert<std::string>());
        k.activitiesIntro = TextCodec::decode(rs["activities_intro"].convert<std::string>());
        k.activities = TextCodec::decodeList(rs["activities"].convert<std::string>());
        k.developmentIntro = TextCodec::decode(rs["development_intro"].convert<std::string>());
        if (!rs["lower_levels_not_defined"].isEmpty())
            k.lowerLevelsNotDefined = TextCodec::decodeGuidance(rs["lower_levels_not_defined"].convert<std::string>());
    }
    {
        Poco::Data::Statement select(s);
        select << _db.sql("SELECT number, defined, guiding_phrase, essence, development_guidance, not_defined,"
                          " text_sha256 FROM levels WHERE definition_sha256 = ? AND skill_code = ? ORDER BY number"),
            use(hash), use(c), now;
        Poco::Data::RecordSet rs(select);
        for (bool more = rs.moveFirst(); more; more = rs.moveNext())
        {
            definition::Level level;
            level.number = rs["number"].convert<int>();
            level.defined = rs["defined"].convert<int>() != 0;
            level.guidingPhrase = TextCodec::decode(rs["guiding_phrase"].convert<std::string>());
            level.essence = TextCodec::decode(rs["essence"].convert<std::string>());
            level.developmentGuidance = TextCodec::decode(rs["development_guidance"].convert<std::string>());
            if (!rs["not_defined"].isEmpty())
                level.notDefined = TextCodec::decodeGuidance(rs["not_defined"].convert<std::string>());
            level.textSha256 = rs["text_sha256"].convert<std::string>();
            stored.skill.levels.push_back(std::move(level));
        }
    }
    {
        Poco::Data::Statement select(s);
        select << _db.sql("SELECT id, level_number, position, text, text_sha256 FROM responsibilities"
                          " WHERE definition_sha256 = ? AND skill_code = ? ORDER BY level_number, position"),
            use(hash), use(c), now;
        Poco::Data::RecordSet rs(select);
        for (bool more = rs.moveFirst(); more; more = rs.moveNext())
        {
            definition::Responsibility r;
            r.id = rs["id"].convert<std::string>();
            r.position = rs["position"].convert<int>();
            r.text = TextCodec::decode(rs["text"].convert<std::string>());
            r.textSha256 = rs["text_sha256"].convert<std::string>();
            const int number = rs["level_number"].convert<int>();
            for (auto& level : stored.skill.levels)
                if (level.number == number) level.responsibilities.push_back(std::move(r));
        }
    }
    stored.framework = loadFramework(definitionSha256, stored.importedAt);
    return stored;
}

}
} // namespace sfe::store
