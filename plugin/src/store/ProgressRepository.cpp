//
// ProgressRepository.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/ProgressRepository.h"

#include <Poco/Data/RecordSet.h>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

ProgressRepository::ProgressRepository(Database& db): _db(db)
{
}

ProgressRepository::~ProgressRepository() = default;

const std::vector<ProgressRow>& ProgressRepository::rows(const std::string& learner, const std::string& skill)
{
    if (!_select)
    {
        // COALESCE keeps every column non-null, so plain vectors can take them in one fetch.
        _select = std::make_unique<Poco::Data::Statement>(_db.session());
        *_select << "SELECT e.id, e.kind, e.level_number, e.verb, COALESCE(e.outcome, ''),"
                    " COALESCE(e.activity_id, ''), COALESCE(r.responsibility_id, ''),"
                    " CASE WHEN e.withdrawn_at IS NULL THEN 0 ELSE 1 END,"
                    " CASE WHEN EXISTS (SELECT 1 FROM verifications v WHERE v.evidence_id = e.id) THEN 1 ELSE 0 END,"
                    " e.occurred_at"
                    " FROM evidence e LEFT JOIN evidence_responsibilities r ON r.evidence_id = e.id"
                    " WHERE e.learner = ? AND e.skill_code = ? ORDER BY e.level_number, e.seq",
            use(_learner), use(_skill), into(_ids), into(_kinds), into(_levels), into(_verbs), into(_outcomes),
            into(_activities), into(_responsibilities), into(_withdrawn), into(_verified), into(_occurred);
    }
    _learner = learner;
    _skill = skill;
    for (auto* v : {&_ids, &_kinds, &_verbs, &_outcomes, &_activities, &_responsibilities, &_occurred}) v->clear();
    _levels.clear();
    _withdrawn.clear();
    _verified.clear();
    _select->execute();
    _rows.clear();
    _rows.reserve(_ids.size());
    for (std::size_t i = 0; i < _ids.size(); ++i)
        _rows.push_back({_ids[i], _kinds[i], _levels[i], _verbs[i], _outcomes[i], _activities[i], _responsibilities[i],
                         _withdrawn[i] != 0, _verified[i] != 0, _occurred[i]});
    return _rows;
}

std::optional<Attainment> ProgressRepository::activeAttainment(const std::string& learner, const std::string& skill,
                                                               int level)
{
    for (auto& a : activeAttainments(learner, skill))
        if (a.level == level) return a;
    return std::nullopt;
}

std::vector<Attainment> ProgressRepository::activeAttainments(const std::string& learner,
                                                              const std::optional<std::string>& skill)
{
    std::string who = learner, code = skill.value_or("");
    int anySkill = skill ? 0 : 1;
    Poco::Data::Statement select(_db.session());
    select << "SELECT id, learner, skill_code, level_number, rule, attained_at, statement_id FROM attainments"
              " WHERE learner = ? AND (? = 1 OR skill_code = ?) AND voided_at IS NULL"
              " ORDER BY skill_code, level_number",
        use(who), use(anySkill), use(code), now;
    Poco::Data::RecordSet rs(select);
    std::vector<Attainment> result;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext())
        result.push_back({rs["id"].convert<std::string>(), rs["learner"].convert<std::string>(),
                          rs["skill_code"].convert<std::string>(), rs["level_number"].convert<int>(),
                          rs["rule"].convert<std::string>(), rs["attained_at"].convert<std::string>(),
                          rs["statement_id"].convert<std::string>()});
    return result;
}

void ProgressRepository::addAttainment(const Attainment& a)
{
    std::string id = a.id, learner = a.learner, skill = a.skillCode, rule = a.rule, at = a.attainedAt,
                statement = a.statementId;
    int level = a.level;
    _db.session() << "INSERT INTO attainments(id, learner, skill_code, level_number, rule, attained_at, statement_id)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?)",
        use(id), use(learner), use(skill), use(level), use(rule), use(at), use(statement), now;
}

void ProgressRepository::voidAttainment(const std::string& id, const std::string& at,
                                        const std::string& voidingStatementId)
{
    std::string key = id, when = at, voiding = voidingStatementId;
    _db.session() << "UPDATE attainments SET voided_at = ?, voiding_statement_id = ? WHERE id = ?",
        use(when), use(voiding), use(key), now;
}

} } // namespace sfe::store
