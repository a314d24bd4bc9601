//
// MappingRepository.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/MappingRepository.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Nullable.h>

#include <algorithm>
#include <map>
#include <tuple>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

namespace {

/// The columns mappingFrom reads: a mapping and its activity.
const char* const kSelectMappings =
    "SELECT m.id, m.skill_code, m.level_number, m.definition_sha256, m.created_at, m.flagged_at, m.flag_reason,"
    " a.id AS activity_id, a.iri, a.name, a.type, a.created_at AS activity_created_at"
    " FROM mappings m JOIN activities a ON a.id = m.activity_id";

/// The mapping on the row set's current row (kSelectMappings), without its responsibilities.
MappingRecord mappingFrom(Poco::Data::RecordSet& rs)
{
    MappingRecord m;
    m.id = rs["id"].convert<std::string>();
    m.skillCode = rs["skill_code"].convert<std::string>();
    m.level = rs["level_number"].convert<int>();
    m.definitionSha256 = rs["definition_sha256"].convert<std::string>();
    m.createdAt = rs["created_at"].convert<std::string>();
    if (!rs["flagged_at"].isEmpty()) m.flaggedAt = rs["flagged_at"].convert<std::string>();
    if (!rs["flag_reason"].isEmpty()) m.flagReason = rs["flag_reason"].convert<std::string>();
    m.activity = ActivityRecord{rs["activity_id"].convert<std::string>(), rs["iri"].convert<std::string>(),
                                rs["name"].convert<std::string>(), rs["type"].convert<std::string>(),
                                rs["activity_created_at"].convert<std::string>()};
    return m;
}

/// The mappings on the row set's rows (kSelectMappings), in its order, without their
/// responsibilities; `index` maps each one's id to its place in the result.
std::vector<MappingRecord> mappingsFrom(Poco::Data::RecordSet& rs, std::map<std::string, std::size_t>& index)
{
    std::vector<MappingRecord> result;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext())
    {
        MappingRecord m = mappingFrom(rs);
        index[m.id] = result.size();
        result.push_back(std::move(m));
    }
    return result;
}

/// Adds the responsibilities on the row set's rows (mapping_id, responsibility_id, text_sha256) to
/// the mappings read before (`index` from mappingsFrom), each mapping's sorted by id.
void addResponsibilities(Poco::Data::RecordSet& rr, std::vector<MappingRecord>& mappings,
                         const std::map<std::string, std::size_t>& index)
{
    for (bool more = rr.moveFirst(); more; more = rr.moveNext())
    {
        auto it = index.find(rr["mapping_id"].convert<std::string>());
        if (it == index.end()) continue; // mapped by another process between the two reads
        mappings[it->second].responsibilities.push_back(
            {rr["responsibility_id"].convert<std::string>(), rr["text_sha256"].convert<std::string>()});
    }
    for (auto& m : mappings)
        std::sort(
            m.responsibilities.begin(), m.responsibilities.end(),
            [](const MappingRecord::Responsibility& a, const MappingRecord::Responsibility& b) { return a.id < b.id; });
}

} // namespace

MappingRepository::MappingRepository(Database& db):
    _db(db)
{}

void MappingRepository::saveActivity(const ActivityRecord& a)
{
    std::string id = a.id, iri = a.iri, name = a.name, type = a.type, at = a.createdAt;
    int exists = 0;
    _db.session() << _db.sql("SELECT COUNT(*) FROM activities WHERE id = ?"), use(id), into(exists), now;
    if (exists)
        _db.session() << _db.sql("UPDATE activities SET name = ?, type = ? WHERE id = ?"), use(name), use(type),
            use(id), now;
    else
        _db.session() << _db.sql("INSERT INTO activities(id, iri, name, type, created_at) VALUES (?, ?, ?, ?, ?)"),
            use(id), use(iri), use(name), use(type), use(at), now;
}

std::optional<ActivityRecord> MappingRepository::activity(const std::string& idOrIri)
{
    std::string key = idOrIri;
    Poco::Data::Statement select(_db.session());
    // One activity's id may be another's IRI: the one known by this id wins.
    select << _db.sql("SELECT id, iri, name, type, created_at FROM activities WHERE id = ? OR iri = ?"
                      " ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END"),
        use(key), use(key), use(key), now;
    Poco::Data::RecordSet rs(select);
    if (!rs.moveFirst()) return std::nullopt;
    return ActivityRecord{rs["id"].convert<std::string>(), rs["iri"].convert<std::string>(),
                          rs["name"].convert<std::string>(), rs["type"].convert<std::string>(),
                          rs["created_at"].convert<std::string>()};
}

void MappingRepository::addMapping(const MappingRecord& m)
{
    std::string id = m.id, activityId = m.activity.id, skill = m.skillCode, hash = m.definitionSha256, at = m.createdAt;
    int level = m.level;
    _db.session() << _db.sql("INSERT INTO mappings(id, activity_id, skill_code, level_number, definition_sha256,"
                             " created_at) VALUES (?, ?, ?, ?, ?, ?)"),
        use(id), use(activityId), use(skill), use(level), use(hash), use(at), now;
    for (const auto& r : m.responsibilities)
    {
        std::string rid = r.id, rhash = r.textSha256;
        _db.session() << _db.sql("INSERT INTO mapping_responsibilities(mapping_id, responsibility_id, text_sha256)"
                                 " VALUES (?, ?, ?)"),
            use(id), use(rid), use(rhash), now;
    }
    _db.markChanged();
}

bool MappingRepository::removeMapping(const std::string& mappingId, const std::string& at)
{
    std::string id = mappingId, when = at;
    Poco::Data::Statement update(_db.session());
    update << _db.sql("UPDATE mappings SET removed_at = ? WHERE id = ? AND removed_at IS NULL"), use(when), use(id);
    if (update.execute() == 0) return false;
    _db.markChanged();
    return true;
}

void MappingRepository::flagMapping(const std::string& mappingId, const std::string& at, const std::string& reason)
{
    std::string id = mappingId, when = at, why = reason;
    _db.session() << _db.sql("UPDATE mappings SET flagged_at = ?, flag_reason = ? WHERE id = ?"), use(when), use(why),
        use(id), now;
    _db.markChanged();
}

void MappingRepository::moveMapping(const std::string& mappingId, const std::string& definitionSha256)
{
    std::string id = mappingId, hash = definitionSha256;
    // A flag said the texts it refers to changed; in this version they are as when it was made.
    _db.session() << _db.sql("UPDATE mappings SET definition_sha256 = ?, flagged_at = NULL, flag_reason = NULL"
                             " WHERE id = ?"),
        use(hash), use(id), now;
    _db.markChanged();
}

std::vector<MappingRecord> MappingRepository::activeMappings(const std::optional<std::string>& skillCode,
                                                             const std::optional<std::string>& activityId)
{
    std::string skill = skillCode.value_or(""), activity = activityId.value_or("");
    int anySkill = skillCode ? 0 : 1, anyActivity = activityId ? 0 : 1;
    Poco::Data::Statement select(_db.session());
    // Sorted below, byte by byte: ORDER BY on text would follow the database's collation.
    select << _db.sql(std::string(kSelectMappings) +
                      " WHERE m.removed_at IS NULL AND (? = 1 OR m.skill_code = ?) AND (? = 1 OR m.activity_id = ?)"),
        use(anySkill), use(skill), use(anyActivity), use(activity), now;
    Poco::Data::RecordSet rs(select);
    std::map<std::string, std::size_t> index;
    std::vector<MappingRecord> result = mappingsFrom(rs, index);
    if (result.empty()) return result;

    Poco::Data::Statement responsibilities(_db.session());
    responsibilities << _db.sql("SELECT r.mapping_id, r.responsibility_id, r.text_sha256"
                                " FROM mapping_responsibilities r JOIN mappings m ON m.id = r.mapping_id"
                                " WHERE m.removed_at IS NULL AND (? = 1 OR m.skill_code = ?)"
                                " AND (? = 1 OR m.activity_id = ?)"),
        use(anySkill), use(skill), use(anyActivity), use(activity), now;
    Poco::Data::RecordSet rr(responsibilities);
    addResponsibilities(rr, result, index);
    std::sort(result.begin(), result.end(), [](const MappingRecord& a, const MappingRecord& b) {
        return std::tie(a.skillCode, a.level, a.activity.id, a.id) <
               std::tie(b.skillCode, b.level, b.activity.id, b.id);
    });
    return result;
}

std::vector<MappingRecord> MappingRepository::activeMappingsPage(const std::optional<std::string>& skillCode,
                                                                 const std::string& afterId, std::size_t limit)
{
    // The key compared as bytes.
    const std::string bytes = _db.byteOrder();
    const std::string key =
        "(m.skill_code" + bytes + ", m.level_number, m.activity_id" + bytes + ", m.id" + bytes + ")";
    const std::string where = " WHERE m.removed_at IS NULL AND (? = 1 OR m.skill_code = ?)"
                              " AND (? = 1 OR " +
                              key +
                              " > (SELECT c.skill_code, c.level_number, c.activity_id, c.id"
                              " FROM mappings c WHERE c.id = ?))";
    std::string skill = skillCode.value_or(""), after = afterId;
    int anySkill = skillCode ? 0 : 1, fromFirst = afterId.empty() ? 1 : 0;
    int most = static_cast<int>(limit);
    Poco::Data::Statement select(_db.session());
    select << _db.sql(std::string(kSelectMappings) + where + " ORDER BY " + key.substr(1, key.size() - 2) + " LIMIT ?"),
        use(anySkill), use(skill), use(fromFirst), use(after), use(most), now;
    Poco::Data::RecordSet rs(select);
    std::map<std::string, std::size_t> index;
    std::vector<MappingRecord> result = mappingsFrom(rs, index);
    if (result.empty()) return result;

    // The page's responsibilities: those of the mappings after the cursor, up to the page's last.
    std::string last = result.back().id;
    Poco::Data::Statement responsibilities(_db.session());
    responsibilities << _db.sql("SELECT r.mapping_id, r.responsibility_id, r.text_sha256"
                                " FROM mapping_responsibilities r JOIN mappings m ON m.id = r.mapping_id" +
                                where + " AND " + key +
                                " <= (SELECT c.skill_code, c.level_number, c.activity_id, c.id"
                                " FROM mappings c WHERE c.id = ?)"),
        use(anySkill), use(skill), use(fromFirst), use(after), use(last), now;
    Poco::Data::RecordSet rr(responsibilities);
    addResponsibilities(rr, result, index);
    return result;
}

bool MappingRepository::hasMapping(const std::string& mappingId)
{
    std::string id = mappingId;
    int count = 0;
    _db.session() << _db.sql("SELECT COUNT(*) FROM mappings WHERE id = ?"), use(id), into(count), now;
    return count > 0;
}

}
} // namespace sfe::store
