//
// MappingService.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/MappingService.h"

#include "sfe/runtime/Error.h"
#include "sfe/service/MappingCsv.h"
#include "sfe/service/StatementFactory.h"
#include "sfe/store/Transaction.h"
#include "sfe/xapi/Timestamp.h"
#include "sfe/xapi/Uuid.h"

#include "sfe.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace sfe {
namespace service {

namespace {

// The activity id is a key, and so is its IRI (made from it, percent-encoded, up to three times as
// long); PostgreSQL refuses index entries over 2704 bytes, so both stores take the same bound.
constexpr std::size_t kMaxActivityIdLength = 512;

std::string joined(const std::vector<std::string>& parts, const char* separator)
{
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
    return out;
}

bool validType(const std::string& type)
{
    return type == "course" || type == "module" || type == "assessment" || type == "task";
}

} // namespace

MappingService::MappingService(store::Database& db, DefinitionCache& definitions, const StatementFactory& statements):
    _db(db),
    _definitions(definitions),
    _statements(statements)
{}

std::optional<store::MappingRecord> MappingService::prepare(const MapRequest& request, const ProblemSink& problem)
{
    bool ok = true;
    auto fail = [&](const std::string& field, int status, const std::string& message) {
        problem(field, status, message);
        ok = false;
    };
    const store::StoredSkill* skill = _definitions.current(request.skill);
    const definition::Level* level = nullptr;
    if (!skill) fail("skill", SFE_NOTFOUND, "no skill with code '" + request.skill + "' has been imported");
    else if (request.level < 1 || request.level > 7)
        fail("level", SFE_INVALID, "level " + std::to_string(request.level) + " is not a level from 1 to 7");
    else if (!(level = skill->skill.level(request.level)) || !level->defined)
    {
        fail("level", SFE_INVALID,
             "level " + std::to_string(request.level) + " of " + request.skill +
                 " is not defined, so no activity can develop it");
        level = nullptr;
    }
    const std::string type = request.type.value_or("course");
    if (!validType(type))
        fail("type", SFE_INVALID, "type '" + type + "' is not one of course, module, assessment, task");
    if (request.activity.empty()) fail("activity", SFE_INVALID, "the activity id must not be empty");
    else if (request.activity.size() > kMaxActivityIdLength)
        fail("activity", SFE_INVALID,
             "the activity id is longer than " + std::to_string(kMaxActivityIdLength) + " bytes");
    if (!level) return std::nullopt;

    store::MappingRecord m;
    m.skillCode = request.skill;
    m.level = request.level;
    m.definitionSha256 = skill->definitionSha256;
    std::set<std::string> seen;
    for (const std::string& id : request.responsibilities)
    {
        const definition::Responsibility* r = nullptr;
        for (const auto& candidate : level->responsibilities)
            if (candidate.id == id) r = &candidate;
        if (!r)
            fail("responsibilities", SFE_INVALID,
                 "'" + id + "' is not a responsibility of " + request.skill + " level " +
                     std::to_string(request.level));
        else if (seen.insert(id).second) m.responsibilities.push_back({id, r->textSha256});
    }
    if (!ok) return std::nullopt;
    return m;
}

MapOutcome MappingService::apply(store::MappingRepository& repo, const MapRequest& request,
                                 std::optional<store::MappingRecord> mapping, const std::string& at)
{
    MapOutcome outcome;
    auto existing = repo.activity(request.activity);
    store::ActivityRecord activity;
    if (existing)
    {
        activity = *existing;
        if (request.name && *request.name != activity.name)
        {
            outcome.renamedFrom = activity.name;
            activity.name = *request.name;
        }
        if (request.type && *request.type != activity.type)
        {
            outcome.retypedFrom = activity.type;
            activity.type = *request.type;
        }
    }
    else
    {
        activity.id = request.activity;
        activity.iri = _statements.activityIri(request.activity);
        activity.name = request.name.value_or(request.activity);
        activity.type = request.type.value_or("course");
        activity.createdAt = at;
    }
    if (!existing || outcome.renamedFrom || outcome.retypedFrom) repo.saveActivity(activity);
    for (const auto& old : repo.activeMappings(request.skill, activity.id))
    {
        if (old.level != request.level) continue;
        if (!mapping)
        {
            outcome.mapping = old; // kept as it is
            continue;
        }
        repo.removeMapping(old.id, at);
        outcome.replaced = old;
    }
    if (mapping)
    {
        mapping->id = xapi::Uuid::random();
        mapping->createdAt = at;
        mapping->activity = activity;
        repo.addMapping(*mapping);
        outcome.mapping = *mapping;
    }
    outcome.mapping.activity = activity;
    outcome.activityMappings = repo.activeMappings(std::nullopt, activity.id).size();
    return outcome;
}

MapOutcome MappingService::map(const MapRequest& request, const Poco::Timestamp& now)
{
    auto mapping = prepare(request, [](const std::string&, int status, const std::string& message) {
        throw runtime::Error(status, "map: " + message);
    });
    store::MappingRepository repo(_db);
    store::Transaction tx(_db);
    MapOutcome outcome = apply(repo, request, *mapping, xapi::Timestamp::format(now));
    tx.commit();
    _definitions.invalidate();
    return outcome;
}

const std::vector<std::string>& MappingService::csvColumns()
{
    static const std::vector<std::string> columns{"activity",         "name",  "type", "skill", "level",
                                                  "responsibilities", "review"};
    return columns;
}

MappingImport MappingService::importCsv(const std::string& csv, const std::string& file, bool dryRun,
                                        const Poco::Timestamp& now)
{
    std::vector<definition::Problem> problems;
    auto report = [&](int line, int column, const std::string& message) {
        problems.push_back({file, line, column, message});
    };
    const std::vector<MappingCsv::Row> rows = MappingCsv::parse(csv, file, problems);

    // The header: which column holds what. activity, skill and level are required.
    std::map<std::string, std::size_t> columns;
    const std::size_t syntaxProblems = problems.size();
    bool headerOk = !rows.empty();
    if (rows.empty())
        report(1, 1, "the file is empty: its first line names the columns (" + joined(csvColumns(), ",") + ")");
    else
    {
        for (std::size_t i = 0; i < rows[0].size(); ++i)
        {
            const MappingCsv::Cell& cell = rows[0][i];
            if (cell.bad)
            {
                headerOk = false;
                continue;
            }
            if (std::find(csvColumns().begin(), csvColumns().end(), cell.text) == csvColumns().end())
                report(cell.line, cell.column,
                       "'" + runtime::Error::printable(cell.text) + "' is not a column of mappings (" +
                           joined(csvColumns(), ",") + ")");
            else if (!columns.emplace(cell.text, i).second)
                report(cell.line, cell.column, "the column '" + cell.text + "' is named twice");
        }
        for (const char* required : {"activity", "skill", "level"})
            if (!columns.count(required))
                report(rows[0][0].line, 1, std::string("the header names no '") + required + "' column");
    }

    struct Planned
    {
        int line = 0;
        MapRequest request;
        std::optional<store::MappingRecord> mapping; ///< empty: the stored one stays
        bool replaces = false;
    };
    std::vector<Planned> planned;
    MappingImport result;
    result.dryRun = dryRun;
    store::MappingRepository repo(_db);
    store::Transaction tx(_db);
    std::map<std::string, int> keys;                                 // activity, skill, level -> line
    std::map<std::string, std::pair<std::string, int>> names, types; // activity -> value, line
    headerOk = headerOk && problems.size() == syntaxProblems;
    for (std::size_t r = 1; headerOk && r < rows.size(); ++r)
    {
        const MappingCsv::Row& row = rows[r];
        const int line = row[0].line;
        // A record with a syntax problem (reported) is not checked further: its cells may be cut wrongly.
        if (std::any_of(row.begin(), row.end(), [](const MappingCsv::Cell& c) { return c.bad; })) continue;
        if (row.size() != rows[0].size())
        {
            report(line, row.back().column,
                   "this record has " + std::to_string(row.size()) + " cells, but the header names " +
                       std::to_string(rows[0].size()) + " columns");
            continue;
        }
        auto cell = [&](const std::string& column) -> const MappingCsv::Cell* {
            auto it = columns.find(column);
            return it == columns.end() ? nullptr : &row[it->second];
        };
        auto at = [&](const std::string& column, const std::string& message) {
            const MappingCsv::Cell* c = cell(column);
            report(line, c ? c->column : 1, column + ": " + message);
        };
        auto value = [&](const std::string& column) -> std::optional<std::string> {
            const MappingCsv::Cell* c = cell(column);
            if (!c || c->text.empty()) return std::nullopt;
            return c->text;
        };

        Planned p;
        p.line = line;
        p.request.activity = value("activity").value_or("");
        p.request.name = value("name");
        p.request.type = value("type");
        p.request.skill = value("skill").value_or("");
        if (p.request.skill.empty())
        {
            at("skill", "the skill's code must not be empty");
            continue;
        }
        const std::string levelText = value("level").value_or("");
        if (levelText.size() != 1 || levelText[0] < '1' || levelText[0] > '7')
        {
            at("level", "'" + runtime::Error::printable(levelText) + "' is not a level from 1 to 7");
            continue;
        }
        p.request.level = levelText[0] - '0';
        std::istringstream words(value("responsibilities").value_or(""));
        for (std::string id; words >> id;) p.request.responsibilities.push_back(id);

        auto stored = p.request.activity.empty() ? std::nullopt : repo.activity(p.request.activity);
        const std::string activityId = stored ? stored->id : p.request.activity;
        const std::string key = activityId + '\n' + p.request.skill + '\n' + levelText;
        if (!keys.emplace(key, line).second)
        {
            at("activity", "the same activity, skill and level as on line " + std::to_string(keys[key]));
            continue;
        }
        bool consistent = true;
        for (auto [column, seen] : {std::make_pair("name", &names), std::make_pair("type", &types)})
        {
            auto given = value(column);
            if (!given) continue;
            auto [it, added] = seen->emplace(activityId, std::make_pair(*given, line));
            if (!added && it->second.first != *given)
            {
                at(column, "'" + runtime::Error::printable(*given) + "' differs from the " + column + " '" +
                               runtime::Error::printable(it->second.first) + "' given on line " +
                               std::to_string(it->second.second) + ": an activity has one " + column);
                consistent = false;
            }
        }
        if (!consistent) continue;

        std::optional<store::MappingRecord> current;
        if (stored)
            for (const auto& m : repo.activeMappings(p.request.skill, stored->id))
                if (m.level == p.request.level) current = m;
        std::set<std::string> wanted(p.request.responsibilities.begin(), p.request.responsibilities.end());
        auto same = [&](const store::MappingRecord& m) {
            std::set<std::string> have;
            for (const auto& mr : m.responsibilities) have.insert(mr.id);
            return have == wanted;
        };
        if (value("review"))
        {
            // The review note is the plugin's: a row may carry it back only for the flagged mapping it came from.
            if (!current || !current->flaggedAt || !same(*current))
                at("review", "only the plugin flags a mapping for review; empty this cell to map the row against "
                             "the current definition");
            else planned.push_back(std::move(p));
            continue;
        }
        p.mapping =
            prepare(p.request, [&](const std::string& field, int, const std::string& message) { at(field, message); });
        if (!p.mapping) continue;
        if (current && !current->flaggedAt && same(*current)) p.mapping.reset();
        else p.replaces = current.has_value();
        planned.push_back(std::move(p));
    }
    if (!problems.empty())
    {
        std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) {
            return a.line != b.line ? a.line < b.line : a.column < b.column;
        });
        std::string message;
        for (const auto& problem : problems) message += (message.empty() ? "" : "\n") + problem.toString();
        throw runtime::Error(SFE_INVALID, message, problems);
    }

    const std::string at = xapi::Timestamp::format(now);
    for (Planned& p : planned)
    {
        MappingImport::Row row;
        row.line = p.line;
        row.outcome = !p.mapping ? "unchanged" : p.replaces ? "replaced" : "added";
        ++(!p.mapping ? result.unchanged : p.replaces ? result.replaced : result.added);
        row.map = apply(repo, p.request, std::move(p.mapping), at);
        result.rows.push_back(std::move(row));
    }
    if (!dryRun)
    {
        tx.commit();
        _definitions.invalidate();
    }
    return result;
}

std::string MappingService::exportCsv(const std::vector<store::MappingRecord>& page, bool header)
{
    std::string out = header ? MappingCsv::record(csvColumns()) : std::string();
    for (const auto& m : page)
    {
        std::vector<std::string> ids;
        for (const auto& r : m.responsibilities) ids.push_back(r.id);
        out +=
            MappingCsv::record({m.activity.id, m.activity.name, m.activity.type, m.skillCode, std::to_string(m.level),
                                joined(ids, " "), m.flagReason.value_or(m.flaggedAt ? "flagged" : "")});
    }
    return out;
}

std::vector<std::string> MappingService::unmap(const std::optional<std::string>& mappingId,
                                               const std::optional<std::string>& activity,
                                               const std::optional<std::string>& skill, const std::optional<int>& level,
                                               const Poco::Timestamp& now)
{
    if (!mappingId && !activity) throw runtime::Error::invalid("unmap: give an activity or a mapping id");
    store::MappingRepository repo(_db);
    store::Transaction tx(_db);
    const std::string at = xapi::Timestamp::format(now);
    std::vector<std::string> removed;
    if (mappingId)
    {
        if (repo.removeMapping(*mappingId, at)) removed.push_back(*mappingId);
    }
    else
    {
        auto known = repo.activity(*activity);
        if (known)
            for (const auto& m : repo.activeMappings(skill, known->id))
                if ((!level || m.level == *level) && repo.removeMapping(m.id, at)) removed.push_back(m.id);
    }
    if (removed.empty())
        throw runtime::Error::notFound("unmap: no active mapping matches " +
                                       (mappingId ? "id " + *mappingId : "activity '" + *activity + "'"));
    tx.commit();
    _definitions.invalidate();
    return removed;
}

std::vector<store::MappingRecord> MappingService::mappings(const std::optional<std::string>& skill,
                                                           const std::string& afterId, std::size_t limit)
{
    store::MappingRepository repo(_db);
    return repo.activeMappingsPage(skill, afterId, limit);
}

bool MappingService::isMapping(const std::string& id)
{
    store::MappingRepository repo(_db);
    return repo.hasMapping(id);
}

CoverageView MappingService::coverage(const std::string& code)
{
    const store::StoredSkill* skill = _definitions.current(code);
    if (!skill) throw runtime::Error::notFound("coverage: no skill with code '" + code + "' has been imported");
    store::MappingRepository repo(_db);
    CoverageView view;
    view.skill = code;
    view.name = skill->skill.name;
    view.definitionLanguage = skill->framework.language;
    view.definitionSha256 = skill->definitionSha256;
    std::vector<CoverageView::Mapping> mappings;
    const auto records = repo.activeMappings(code);
    for (const auto& m : records)
    {
        CoverageView::Mapping vm;
        vm.id = m.id;
        vm.activity = m.activity.id;
        vm.name = m.activity.name;
        vm.type = m.activity.type;
        vm.flagged = m.flaggedAt.has_value();
        vm.flaggedAt = m.flaggedAt;
        vm.flagReason = m.flagReason;
        if (vm.flagged && m.definitionSha256 != skill->definitionSha256) vm.reasons = reviewReasons(m, skill->skill);
        if (vm.flagged) ++view.flagged;
        mappings.push_back(std::move(vm));
    }
    for (const definition::Level& level : skill->skill.levels)
    {
        if (!level.defined) continue;
        CoverageView::Level c;
        c.number = level.number;
        c.guidingPhrase = level.guidingPhrase;
        bool wholeLevel = false;
        for (std::size_t i = 0; i < records.size(); ++i)
        {
            if (records[i].level != level.number || !records[i].responsibilities.empty()) continue;
            c.wholeLevel.push_back(mappings[i]);
            wholeLevel = wholeLevel || !mappings[i].flagged;
        }
        for (const auto& r : level.responsibilities)
        {
            CoverageView::Sentence sentence;
            sentence.id = r.id;
            sentence.text = r.text;
            bool covered = false;
            for (std::size_t i = 0; i < records.size(); ++i)
            {
                if (records[i].level != level.number) continue;
                for (const auto& mr : records[i].responsibilities)
                {
                    if (mr.id != r.id) continue;
                    sentence.mappings.push_back(mappings[i]);
                    covered = covered || !mappings[i].flagged; // a mapping under review covers nothing
                }
            }
            sentence.state = covered      ? CoverageView::State::Covered
                             : wholeLevel ? CoverageView::State::CoveredAsWhole
                                          : CoverageView::State::Uncovered;
            ++(covered ? c.covered : wholeLevel ? c.coveredAsWhole : c.uncovered);
            c.responsibilities.push_back(std::move(sentence));
        }
        view.responsibilities += c.responsibilities.size();
        view.covered += c.covered;
        view.coveredAsWhole += c.coveredAsWhole;
        view.uncovered += c.uncovered;
        view.levels.push_back(std::move(c));
    }
    return view;
}

std::vector<ReviewReason> MappingService::reviewReasons(const store::MappingRecord& m, const definition::Skill& skill)
{
    std::vector<ReviewReason> reasons;
    auto reason = [&](ReviewReason::Kind kind, const std::string& responsibility) {
        ReviewReason r;
        r.kind = kind;
        r.responsibility = responsibility;
        r.level = m.level;
        reasons.push_back(r);
    };
    const definition::Level* level = skill.level(m.level);
    if (!level || !level->defined) reason(ReviewReason::Kind::LevelUndefined, "");
    else if (m.responsibilities.empty())
    {
        // A mapping to the level as a whole refers to all of the level's text.
        const definition::Level* before = _definitions.skill(skill.code, m.definitionSha256).skill.level(m.level);
        if (!before || before->textSha256 != level->textSha256) reason(ReviewReason::Kind::LevelChanged, "");
    }
    else
    {
        for (const auto& mr : m.responsibilities)
        {
            const definition::Responsibility* r = skill.responsibility(mr.id);
            if (!r || std::none_of(level->responsibilities.begin(), level->responsibilities.end(),
                                   [&](const auto& lr) { return lr.id == mr.id; }))
                reason(ReviewReason::Kind::Removed, mr.id);
            else if (r->textSha256 != mr.textSha256) reason(ReviewReason::Kind::Changed, mr.id);
        }
    }
    return reasons;
}

std::vector<FlaggedMapping> MappingService::reviewAfterImport(const definition::Definition& d, const std::string& at)
{
    store::MappingRepository repo(_db);
    std::vector<FlaggedMapping> flagged;
    for (const definition::Skill& skill : d.skills)
    {
        for (auto m : repo.activeMappings(skill.code))
        {
            if (m.definitionSha256 == d.contentSha256)
            {
                // `use` made the version this mapping was made against current again: nothing to review.
                if (m.flaggedAt) repo.moveMapping(m.id, d.contentSha256);
                continue;
            }
            std::vector<ReviewReason> reasons = reviewReasons(m, skill);
            if (reasons.empty())
            {
                repo.moveMapping(m.id, d.contentSha256);
                continue;
            }
            std::string reason = "definition " + d.contentSha256.substr(0, 12) + ":";
            for (const auto& r : reasons) reason += " " + r.toString() + ";";
            reason.pop_back();
            repo.flagMapping(m.id, at, reason);
            m.flaggedAt = at;
            m.flagReason = reason;
            flagged.push_back({std::move(m), std::move(reasons)});
        }
    }
    return flagged;
}

}
} // namespace sfe::service
