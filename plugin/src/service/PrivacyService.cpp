//
// PrivacyService.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/PrivacyService.h"

#include "sfe/runtime/Error.h"
#include "sfe/service/StatementSigner.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/StatementRepository.h"
#include "sfe/store/StoredText.h"
#include "sfe/store/Transaction.h"
#include "sfe/xapi/JsonWriter.h"
#include "sfe/xapi/Timestamp.h"

#include "sfe.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/String.h>

#include <limits>
#include <map>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace service {

namespace {

std::string quoted(const std::string& text)
{
    std::string out;
    xapi::JsonWriter::appendQuoted(out, text);
    return out;
}

/// A LIKE pattern (with ESCAPE '!') matching text that contains `token` literally. The escape is
/// explicit because PostgreSQL's default one, the backslash, occurs in JSON-quoted tokens.
std::string containing(const std::string& token)
{
    std::string pattern = "%";
    for (char c : token)
    {
        if (c == '%' || c == '_' || c == '!') pattern += '!';
        pattern += c;
    }
    return pattern + "%";
}

} // namespace

PrivacyService::PrivacyService(store::Database& db, store::LearnerRefs& refs, std::shared_ptr<const SigningKeys> keys):
    _db(db),
    _refs(refs),
    _keys(std::move(keys))
{}

std::vector<store::EvidenceRecord> PrivacyService::evidencePage(const std::string& person, bool asAssessor,
                                                                long long afterSeq, std::size_t limit)
{
    store::EvidenceFilter filter;
    (asAssessor ? filter.assessor : filter.learner) = person;
    filter.afterSeq = afterSeq;
    filter.limit = limit;
    return store::EvidenceRepository(_db).list(filter);
}

std::vector<store::StatementRecord> PrivacyService::statementPage(const std::string& person, long long afterSeq,
                                                                  std::size_t limit)
{
    return store::StatementRepository(_db).list(person, std::nullopt, afterSeq, limit);
}

std::optional<std::string> PrivacyService::ref(const std::string& person)
{
    return _refs.find(person);
}

std::vector<PersonRecords::Attainment> PrivacyService::attainments(const std::string& person)
{
    std::vector<PersonRecords::Attainment> attained;
    std::string who = person;
    Poco::Data::Statement select(_db.session());
    select << _db.sql("SELECT skill_code, level_number, rule, attained_at, statement_id, voided_at FROM attainments"
                      " WHERE learner = ? ORDER BY attained_at, skill_code, level_number, statement_id"),
        use(who), now;
    Poco::Data::RecordSet rs(select);
    for (bool more = rs.moveFirst(); more; more = rs.moveNext())
    {
        auto& a = attained.emplace_back();
        a.skill = rs["skill_code"].convert<std::string>();
        a.level = rs["level_number"].convert<int>();
        a.rule = rs["rule"].convert<std::string>();
        a.attainedAt = rs["attained_at"].convert<std::string>();
        a.statement = rs["statement_id"].convert<std::string>();
        if (!rs["voided_at"].isEmpty()) a.voidedAt = rs["voided_at"].convert<std::string>();
    }
    return attained;
}

std::vector<PersonRecords::Verification>
PrivacyService::verificationPage(const std::string& person, const std::optional<PersonRecords::Verification>& after,
                                 std::size_t limit)
{
    // Keyset paging on (verified_at, evidence_id), compared as bytes, as index
    // verifications_auditor (migrations 11 and 13) is built. On PostgreSQL evidence_id is a uuid,
    // which compares as its bytes already and takes no collation, nor '' as a value: the first
    // page's evidence id is the nil UUID (compared only with verified_at = '', which no row has).
    if (after && !_db.canHoldId(after->evidence))
        throw runtime::Error(SFE_INVALID, "privacy: the cursor names the record '" +
                                              runtime::Error::printable(after->evidence) +
                                              "', which is no record id of this store: not a cursor a page gave");
    const std::string bytes = _db.byteOrder();
    std::string who = person;
    std::string time = after ? after->verifiedAt : "", sameTime = time,
                id = after ? after->evidence : "00000000-0000-0000-0000-000000000000";
    Poco::Int64 lim = limit == 0 ? std::numeric_limits<Poco::Int64>::max() : static_cast<Poco::Int64>(limit);
    std::vector<std::string> ids, times;
    _db.session() << _db.sql("SELECT evidence_id, verified_at FROM verifications WHERE auditor = ?"
                             " AND (verified_at" +
                             bytes +
                             " > ? OR (verified_at = ? AND evidence_id > ?))"
                             " ORDER BY verified_at" +
                             bytes + ", evidence_id LIMIT ?"),
        use(who), use(time), use(sameTime), use(id), use(lim), into(ids), into(times), now;
    std::vector<PersonRecords::Verification> verified;
    for (std::size_t i = 0; i < ids.size(); ++i) verified.push_back({ids[i], times[i]});
    return verified;
}

PersonRecords PrivacyService::exportPerson(const std::string& person, std::size_t listPage)
{
    PersonRecords held;
    held.ref = _refs.find(person);

    held.asLearner = evidencePage(person, false, 0, listPage);
    held.asAssessor = evidencePage(person, true, 0, listPage);
    held.statements = statementPage(person, 0, listPage);

    held.attainments = attainments(person);
    held.verified = verificationPage(person, std::nullopt, listPage);

    if (!held.ref && held.asLearner.empty() && held.asAssessor.empty() && held.statements.empty() &&
        held.verified.empty())
        throw runtime::Error::notFound("privacy: nothing is held about '" + person + "'");
    return held;
}

ErasureResult PrivacyService::erase(const std::string& person, const Poco::Timestamp& when)
{
    store::Transaction tx(_db);
    auto ref = _refs.find(person);
    if (!ref) throw runtime::Error::notFound("privacy: nothing is held about '" + person + "'");
    ErasureResult result;
    result.pseudonym = "erased-" + *ref;
    std::string who = person, pseudonym = result.pseudonym, at = xapi::Timestamp::format(when);
    auto& s = _db.session();

    // Statements name the person as an agent (account name or mbox local part) and may quote a
    // note they wrote or received (result.response); the JSON tokens are replaced in place, keeping
    // every other byte. Edits are gathered per statement, then each is written (and re-signed) once.
    std::map<std::string, std::pair<std::string, std::string>> edited; // id -> (unsigned body, old signature)
    std::map<std::string, std::pair<std::string, std::string>> before; // id -> (outbox state, unsigned body)
    auto load = [&](const std::string& id, const std::string& body, const std::string& signature,
                    const std::string& state) -> std::string& {
        auto it = edited.find(id);
        if (it == edited.end())
        {
            it = edited.emplace(id, std::make_pair(StatementSigner::unsignedBody(body), signature)).first;
            before[id] = std::make_pair(state, it->second.first);
        }
        return it->second.first;
    };
    std::vector<std::string> notedIds, notes;
    s << _db.sql("SELECT id, note FROM evidence WHERE (learner = ? OR assessor = ?) AND note IS NOT NULL"), use(who),
        use(who), into(notedIds), into(notes), now;
    for (std::size_t i = 0; i < notedIds.size(); ++i)
    {
        std::vector<std::string> ids, bodies, signatures, idStates;
        std::vector<Poco::Nullable<Poco::Data::BLOB>> bodiesZ;
        std::string evidenceId = notedIds[i];
        s << _db.sql("SELECT id, body, body_z, COALESCE(signature, ''), state FROM statements WHERE evidence_id = ?"),
            use(evidenceId), into(ids), into(bodies), into(bodiesZ), into(signatures), into(idStates), now;
        for (std::size_t j = 0; j < ids.size(); ++j)
            bodies[j] = store::StoredText::read(bodies[j], bodiesZ[j], "statement " + ids[j]);
        for (std::size_t j = 0; j < ids.size(); ++j)
            Poco::replaceInPlace(load(ids[j], bodies[j], signatures[j], idStates[j]),
                                 "\"response\":" + quoted(notes[i]), std::string("\"response\":\"[erased]\""));
    }
    {
        std::vector<std::string> ids, learners, bodies, signatures, idStates;
        std::vector<Poco::Nullable<Poco::Data::BLOB>> bodiesZ;
        // mbox is mailto:ID@lms.mbox_domain, or mailto:ID when the id is an address itself.
        auto unclosed = [](std::string q) {
            q.pop_back();
            return q;
        };
        const std::string nameToken = "\"name\":" + quoted(person);
        const std::string mboxToken = "\"mbox\":" + unclosed(quoted("mailto:" + person + "@"));
        const std::string addressToken = "\"mbox\":" + quoted("mailto:" + person);
        // A body names the learner (filed under them) or the assessor of its evidence; compressed
        // bodies (body_z, schema 8) are found by those, plain ones also by LIKE. LIKE only narrows
        // the candidates: its case rules differ (SQLite ignores ASCII case, PostgreSQL does not),
        // so each body is checked for the exact tokens below.
        s << _db.sql(
            "SELECT id, learner, body, body_z, COALESCE(signature, ''), state FROM statements WHERE learner = ?"
            " OR evidence_id IN (SELECT id FROM evidence WHERE assessor = ?)"
            " OR body LIKE ? ESCAPE '!' OR body LIKE ? ESCAPE '!' OR body LIKE ? ESCAPE '!'"),
            use(who), use(who), bind(containing(nameToken)), bind(containing(mboxToken)),
            bind(containing(addressToken)), into(ids), into(learners), into(bodies), into(bodiesZ), into(signatures),
            into(idStates), now;
        for (std::size_t i = 0; i < ids.size(); ++i)
        {
            bodies[i] = store::StoredText::read(bodies[i], bodiesZ[i], "statement " + ids[i]);
            if (learners[i] != person && bodies[i].find(nameToken) == std::string::npos &&
                bodies[i].find(mboxToken) == std::string::npos && bodies[i].find(addressToken) == std::string::npos)
                continue; // matched LIKE's pattern only by letter case
            std::string& body = load(ids[i], bodies[i], signatures[i], idStates[i]);
            Poco::replaceInPlace(body, nameToken, "\"name\":" + quoted(pseudonym));
            Poco::replaceInPlace(body, mboxToken, "\"mbox\":" + unclosed(quoted("mailto:" + pseudonym + "@")));
            Poco::replaceInPlace(body, addressToken, "\"mbox\":" + quoted("mailto:" + pseudonym + "@erased.invalid"));
        }
    }
    std::unique_ptr<StatementSigner> signer;
    if (_keys && _keys->canSign()) signer = std::make_unique<StatementSigner>(_keys);
    for (auto& [id, entry] : edited)
    {
        std::string statementId = id, body = entry.first;
        ++result.statements;
        if (body == before[id].second)
        {
            // Filed under them (a voiding statement names no one) but nothing to rewrite: the body
            // and its signature stay as they are.
            s << _db.sql("UPDATE statements SET learner = ? WHERE id = ? AND learner = ?"), use(pseudonym),
                use(statementId), use(who), now;
            continue;
        }
        Poco::Nullable<std::string> signature;
        if (!entry.second.empty() && signer)
        {
            auto resigned = signer->sign(body);
            body = resigned.body;
            signature = resigned.jws;
        }
        Poco::Data::BLOB encoded = store::StoredText::blob(store::StoredText::encode(body));
        s << _db.sql("UPDATE statements SET body = '', body_z = ?, signature = ?,"
                     " learner = CASE WHEN learner = ? THEN ? ELSE learner END WHERE id = ?"),
            use(encoded), use(signature), use(who), use(pseudonym), use(statementId), now;
        // The LRS keeps the copy it was sent: the person's name (and note) stay there until the
        // LRS's operator erases them. Say which, so that someone can.
        if (before[id].first == "delivered") result.delivered.push_back(id);
    }
    // An LRS's refusal stored for a statement may quote it, and with it the person's id.
    s << _db.sql("UPDATE statements SET last_error = REPLACE(last_error, ?, ?) WHERE last_error LIKE ? ESCAPE '!'"),
        use(who), use(pseudonym), bind(containing(person)), now;

    Poco::Data::Statement learner(s);
    learner << _db.sql("UPDATE evidence SET learner = ?, note = NULL, erased_at = ? WHERE learner = ?"), use(pseudonym),
        use(at), use(who);
    result.evidence = static_cast<long long>(learner.execute());
    Poco::Data::Statement assessor(s);
    assessor << _db.sql("UPDATE evidence SET assessor = ?, note = NULL WHERE assessor = ?"), use(pseudonym), use(who);
    result.assessed = static_cast<long long>(assessor.execute());
    s << _db.sql("UPDATE attainments SET learner = ? WHERE learner = ?"), use(pseudonym), use(who), now;
    // Free texts about them: why their records (as learner or assessor) were withdrawn, and what
    // auditors wrote when verifying them; and the notes they wrote as auditor. The log keeps only
    // the texts' hashes, so the chain still verifies.
    s << _db.sql("UPDATE evidence SET withdrawn_reason = NULL WHERE withdrawn_reason IS NOT NULL"
                 " AND (learner = ? OR assessor = ?)"),
        use(pseudonym), use(pseudonym), now;
    s << _db.sql("UPDATE verifications SET note = NULL WHERE note IS NOT NULL AND (auditor = ? OR evidence_id IN"
                 " (SELECT id FROM evidence WHERE learner = ? OR assessor = ?))"),
        use(who), use(pseudonym), use(pseudonym), now;
    s << _db.sql("UPDATE verifications SET auditor = ? WHERE auditor = ?"), use(pseudonym), use(who), now;

    _refs.erase(person);
    // Other processes cache learner refs (store::LearnerRefs): the erased one must go from theirs.
    _db.markChanged();
    tx.commit();
    result.writeAheadLogCleared = clearWriteAheadLog(person);
    return result;
}

bool PrivacyService::clearWriteAheadLog(const std::string& person)
{
    // The erasure overwrote the old values in place (every connection runs with secure_delete, so
    // freed space is zeroed), but SQLite keeps the pages as they were before it in the write-ahead
    // log (the -wal file) until a checkpoint has copied the new ones into the store file and the
    // log starts over; the store does not checkpoint when it closes, and the LMS keeps it open.
    // TRUNCATE copies every page and empties the file; other connections that are open but not
    // reading (the LMS's idle workers, in this process or another) do not hold it up. One still
    // reading an older snapshot does, past the busy timeout (busy = 1): the caller says so.
    if (!_db.isSQLite()) return true;
    int busy = 0, frames = 0, copied = 0;
    try
    {
        _db.session() << "PRAGMA wal_checkpoint(TRUNCATE)", into(busy), into(frames), into(copied), now;
    }
    catch (const Poco::Exception& e)
    {
        throw runtime::Error(SFE_STORE, "privacy: '" + person + "' was erased, but the write-ahead log of the store " +
                                            _db.target() + " could not be cleared: " + e.displayText());
    }
    return busy == 0;
}

}
} // namespace sfe::service
