//
// AuditService.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/AuditService.h"

#include "sfe/runtime/Error.h"
#include "sfe/service/LogContent.h"
#include "sfe/service/StatementBinding.h"
#include "sfe/store/EvidenceLog.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/LogCursor.h"
#include "sfe/store/StatementRepository.h"

#include <Poco/Data/RecordSet.h>

#include <algorithm>
#include <climits>
#include <cstring>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace service {

namespace {

/// Whether `person` is the one `ref` names: their salt gives that ref (`actual`, their ref in
/// learner_refs now), or they were erased and the pseudonym names it.
bool belongsTo(const std::string& person, const std::optional<std::string>& actual, const std::string& ref)
{
    if (person.rfind("erased-", 0) == 0) return person == "erased-" + ref;
    return actual && *actual == ref;
}

/// Reads `"name":"value"` at `at` (a string without escapes) and the character after it.
bool field(const std::string& text, std::size_t& at, const char* name, std::optional<std::string>& value, char next)
{
    const std::size_t n = std::strlen(name);
    if (text.compare(at, n, name) != 0) return false;
    at += n;
    if (text.compare(at, 4, "null") == 0)
    {
        value.reset();
        at += 4;
    }
    else
    {
        if (at >= text.size() || text[at] != '"') return false;
        const std::size_t end = text.find_first_of("\\\"", at + 1);
        if (end == std::string::npos || text[end] != '"') return false;
        value = text.substr(at + 1, end - at - 1);
        at = end + 1;
    }
    if (at >= text.size() || text[at] != next) return false;
    ++at;
    return true;
}

/// The "statements" of an entry whose content before them (`at`: where `,"statements":[` starts)
/// is known to be our canonical JSON, when they are written exactly as StatementBinding::write
/// writes them: the same as StatementBinding::read gives, without a JSON parser, which took most of
/// a verification's time. False for anything else: the caller then reads them with the parser.
bool fastBindings(const std::string& content, std::size_t at, std::optional<std::vector<StatementBinding>>& out)
{
    static const std::string kKey = ",\"statements\":[";
    if (at == content.size() - 1)
    {
        out.reset(); // no "statements": written before binding
        return content.size() >= 2 && content.back() == '}';
    }
    if (content.compare(at, kKey.size(), kKey) != 0) return false;
    at += kKey.size();
    std::vector<StatementBinding> result;
    if (content.compare(at, 2, "]}") != 0)
        for (;;)
        {
            if (content.compare(at, 1, "{") != 0) return false;
            ++at;
            std::optional<std::string> id, evidence, body, signature, blind;
            if (!field(content, at, "\"id\":", id, ',') || !id || !field(content, at, "\"evidence\":", evidence, ',') ||
                !field(content, at, "\"bodySha256\":", body, ',') || !body ||
                !field(content, at, "\"signatureSha256\":", signature, ',') ||
                !field(content, at, "\"blindSha256\":", blind, '}') || !blind)
                return false;
            result.push_back(StatementBinding{*id, evidence, *body, signature, *blind});
            if (content.compare(at, 1, ",") == 0) ++at;
            else break;
        }
    if (content.compare(at, 2, "]}") != 0 || at + 2 != content.size()) return false;
    out = std::move(result);
    return true;
}

} // namespace

AuditService::AuditService(store::Database& db, CheckpointVerifier verifier):
    _db(db),
    _verifier(std::move(verifier))
{}

AuditReport AuditService::verify(std::size_t maxProblems)
{
    return verify(VerifyScope(), maxProblems);
}

AuditReport AuditService::verify(const VerifyScope& scope, std::size_t maxProblems)
{
    if (scope.from < 1)
        throw runtime::Error::invalid("audit.verify: from: " + std::to_string(scope.from) +
                                      " is not an entry's seq (entries start at 1)");
    if (scope.checkpoint)
    {
        if (scope.from <= *scope.checkpoint)
            throw runtime::Error::invalid("audit.verify: from: " + std::to_string(scope.from) +
                                          " is not after the checkpoint at entry " + std::to_string(*scope.checkpoint));
        requireCheckpoint(*scope.checkpoint);
    }
    AuditReport report;
    auto problem = [&](long long seq, const std::string& evidenceId, const std::string& message) {
        if (report.problems.size() < maxProblems) report.problems.push_back({seq, evidenceId, message});
        else ++report.problemsOmitted;
    };

    // The store first: a damaged page can hide in a table no other check reads.
    std::vector<AuditProblem> storeProblems;
    if (scope.store) checkStore(report, storeProblems, scope.fullStoreCheck);
    report.last = store::LogCursor::lastSeq(_db);
    report.from = scope.from;
    // Never past the log's end: a part covers the entries it read, so that entries appended while
    // a caller goes through the parts are left to the next part, not skipped.
    report.to = std::min(scope.to.value_or(report.last), report.last);
    try
    {
        verifyEntries(report, report.from, report.to, problem);
        if (scope.rest) verifyRest(report, scope, problem);
    }
    catch (const Poco::Exception& e)
    {
        // Only a damaged store gets here (tampering is reported, not thrown): say so, with what was found.
        if (storeProblems.empty()) throw;
        problem(0, "", "the store could not be read to the end: " + e.displayText());
    }

    // Report in log order so the first problem is the first bad entry; the store's own damage first.
    std::stable_sort(report.problems.begin(), report.problems.end(), [](const AuditProblem& a, const AuditProblem& b) {
        return (a.seq == 0 ? LLONG_MAX : a.seq) < (b.seq == 0 ? LLONG_MAX : b.seq);
    });
    report.problems.insert(report.problems.begin(), storeProblems.begin(), storeProblems.end());
    report.storeProblems = static_cast<long long>(storeProblems.size());
    if (report.problems.size() > maxProblems)
    {
        report.problemsOmitted += static_cast<long long>(report.problems.size() - maxProblems);
        report.problems.resize(maxProblems);
        report.storeProblems = std::min<long long>(report.storeProblems, static_cast<long long>(maxProblems));
    }
    return report;
}

void AuditService::requireCheckpoint(long long seq)
{
    const std::string from = "audit.verify: from: " + std::to_string(seq + 1) + " ";
    Poco::Int64 at = seq;
    std::vector<std::string> hash, jws;
    _db.session() << _db.sql("SELECT chain_hash, jws FROM checkpoints WHERE seq = ?"), use(at), into(hash), into(jws),
        now;
    if (hash.empty())
        throw runtime::Error::invalid(from + "does not follow a checkpoint: there is no checkpoint at entry " +
                                      std::to_string(seq) + " (start right after one: `audit export` lists them)");
    if (!_verifier)
        throw runtime::Error::invalid(
            from + "follows the checkpoint at entry " + std::to_string(seq) +
            ", but no certificate is configured to verify its signature (audit.signing_cert)");
    std::string why;
    if (!_verifier(seq, hash[0], jws[0], why))
        throw runtime::Error::invalid(from + "follows the checkpoint at entry " + std::to_string(seq) +
                                      ", whose signature does not verify: " + why + " (run a full `audit verify`)");
    if (store::LogCursor::chainHashAt(_db, seq) != hash[0])
        throw runtime::Error::invalid(
            from + "follows the checkpoint at entry " + std::to_string(seq) +
            ", but the log's chain hash there is not the signed one (run a full `audit verify`)");
}

void AuditService::checkStore(AuditReport& report, std::vector<AuditProblem>& problems, bool full)
{
    auto& session = _db.session();
    if (_db.isSQLite())
    {
        // quick_check reads the same pages as integrity_check but does not look up every index entry
        // in its table (at 1M records a third of the CPU time); the entries are checked either way.
        const std::string pragma = full ? "integrity_check" : "quick_check";
        report.storeCheck = "SQLite " + pragma;
        std::vector<std::string> lines;
        try
        {
            session << "PRAGMA " + pragma, into(lines), now;
        }
        catch (const Poco::Exception& e)
        {
            problems.push_back({0, "", "the store file is damaged: " + pragma + " failed: " + e.displayText()});
            return;
        }
        for (const auto& line : lines)
            if (line != "ok") problems.push_back({0, "", "the store file is damaged (" + pragma + "): " + line});
        return;
    }
    // PostgreSQL: read every row of every table of the store's schema in full (TOASTed values
    // included), so a damaged page or value makes the read fail here. (amcheck would also check
    // the indexes; it is an extension the store's user may not have.)
    report.storeCheck = "every table read in full";
    std::vector<std::string> tables;
    session << "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename", into(tables),
        now;
    for (const auto& table : tables)
    {
        try
        {
            Poco::Int64 rows = 0;
            session << "SELECT COUNT(*) FROM \"" + table + "\" t WHERE LENGTH(CAST(t AS TEXT)) >= 0", into(rows), now;
        }
        catch (const Poco::Exception& e)
        {
            problems.push_back({0, "", "table " + table + " could not be read in full: " + e.displayText()});
        }
    }
}

void AuditService::verifyEntries(AuditReport& report, long long from, long long to, const Problem& problem)
{
    store::LogCursor cursor(_db, from, to);
    store::EvidenceRepository evidence(_db);

    // The checkpoints signed over entries of this range (one per many entries: few).
    std::vector<Poco::Int64> cpSeq;
    std::vector<std::string> cpHash, cpJws;
    {
        Poco::Int64 a = from, b = to;
        _db.session() << _db.sql(
            "SELECT seq, chain_hash, jws FROM checkpoints WHERE seq >= ? AND seq <= ? ORDER BY seq"),
            use(a), use(b), into(cpSeq), into(cpHash), into(cpJws), now;
    }
    report.checkpoints += static_cast<long long>(cpSeq.size());
    if (!cpSeq.empty() && !_verifier) report.checkpointsUnverified = true;
    std::size_t cp = 0;
    auto checkpoint = [&](std::size_t i, const std::string* chainHash) {
        const std::string at = "checkpoint at entry " + std::to_string(cpSeq[i]) + ": ";
        if (!chainHash) problem(cpSeq[i], "", at + "the log has no such entry (entries were deleted)");
        else if (*chainHash != cpHash[i])
            problem(cpSeq[i], "", at + "the log's chain hash differs from the signed one (the log was rewritten)");
        if (_verifier)
        {
            std::string why;
            if (_verifier(cpSeq[i], cpHash[i], cpJws[i], why)) ++report.checkpointsVerified;
            else problem(cpSeq[i], "", at + "signature does not verify: " + why);
        }
    };

    // The first entry links to the chain hash stored before it, which the part before this one checked.
    std::string prev = store::EvidenceLog::kGenesis;
    if (from > 1)
        prev = store::LogCursor::chainHashAt(_db, from - 1)
                   .value_or("(entry " + std::to_string(from - 1) + " is missing)");
    long long expected = from;
    store::LogRow row;
    std::vector<std::string> seen;
    while (cursor.next(row))
    {
        const store::LogEntry& e = row.entry;
        ++report.entries;
        // Where a problem is: built only when there is one (a verification reads millions of entries).
        struct At
        {
            const store::LogEntry& e;
            operator std::string() const
            {
                return "entry " + std::to_string(e.seq) + " (" + e.action + " " + e.evidenceId + "): ";
            }
            std::string operator+(const std::string& text) const { return std::string(*this) + text; }
            std::string operator+(const char* text) const { return std::string(*this) + text; }
        } at{e};
        if (e.seq != expected)
            problem(e.seq, e.evidenceId,
                    at + "expected entry " + std::to_string(expected) + " here: entries were deleted or inserted");
        if (store::EvidenceLog::sha256(e.content) != e.contentSha256)
            problem(e.seq, e.evidenceId, at + "its content does not match its content_sha256 (the entry was changed)");
        // Linked to the entry read before it (the chain hash stored before `from` for the first).
        if (store::EvidenceLog::link(prev, e.contentSha256) != e.chainHash)
            problem(e.seq, e.evidenceId,
                    at + "does not link to the entry before it: its chain_hash is not SHA-256(prev_hash ||"
                         " content_sha256), prev_hash being the chain_hash before it");
        prev = e.chainHash;
        expected = e.seq + 1;
        for (; cp < cpSeq.size() && cpSeq[cp] <= e.seq; ++cp)
            checkpoint(cp, cpSeq[cp] == e.seq ? &e.chainHash : nullptr);

        // The record, as it is now, against what was logged.
        const std::string fields = LogContent::withoutStatements(e.content);
        bool canonical = false; // `fields` was rebuilt byte for byte, so it is our JSON
        const std::optional<store::EvidenceRecord>& r = row.record;
        if (!r) problem(e.seq, e.evidenceId, at + "evidence record " + e.evidenceId + " is missing (deleted)");
        else if (e.action == "record")
        {
            canonical = LogContent::record(*r, std::nullopt) == fields;
            if (!canonical)
                problem(e.seq, e.evidenceId, at + "evidence record " + e.evidenceId + " differs from what was logged");
            if (r->note && r->noteSha256 && store::EvidenceLog::sha256(*r->note) != *r->noteSha256)
                problem(e.seq, e.evidenceId, at + "the note of evidence " + e.evidenceId + " was changed");
            // People are logged by ref only; their ids must still lead to those refs.
            if (!belongsTo(r->learner, row.learnerRefNow, r->learnerRef))
                problem(e.seq, e.evidenceId, at + "the learner of evidence " + e.evidenceId + " was changed");
            if (r->assessor && (!r->assessorRef || !belongsTo(*r->assessor, row.assessorRefNow, *r->assessorRef)))
                problem(e.seq, e.evidenceId, at + "the assessor of evidence " + e.evidenceId + " was changed");
        }
        else if (e.action == "withdraw")
        {
            // Erasing the learner or the assessor removes the reason (NULL): the time is still compared; a reason present must be the logged one.
            auto beforeReason = [](const std::string& c) { return c.substr(0, c.rfind(",\"reasonSha256\":")); };
            bool same = false;
            if (r->withdrawnAt && r->withdrawnReason)
                same = canonical =
                    LogContent::withdraw(r->id, *r->withdrawnAt, *r->withdrawnReason, std::nullopt) == fields;
            else if (r->withdrawnAt && (r->erasedAt || (r->assessor && r->assessor->rfind("erased-", 0) == 0)))
                same = beforeReason(LogContent::withdraw(r->id, *r->withdrawnAt, "", std::nullopt)) ==
                       beforeReason(fields);
            if (!same)
                problem(e.seq, e.evidenceId,
                        at + "the withdrawal of " + e.evidenceId + " differs from what was logged");
        }

        // The statements this entry binds: each must be in the outbox, name this entry, and be as logged.
        std::optional<std::vector<StatementBinding>> bindings;
        if (!canonical || !fastBindings(e.content, fields.size() - 1, bindings))
        {
            try
            {
                bindings = StatementBinding::read(e.content);
            }
            catch (const Poco::Exception&)
            {
                problem(e.seq, e.evidenceId, at + "its content is not JSON");
            }
        }
        if (!bindings) continue;
        seen.clear();
        for (const StatementBinding& b : *bindings)
        {
            if (std::find(seen.begin(), seen.end(), b.id) != seen.end())
            {
                problem(e.seq, e.evidenceId, at + "statement " + b.id + " is bound twice by this entry");
                continue;
            }
            seen.push_back(b.id);
            const auto s = cursor.statement(b.id, e.seq);
            if (!s)
            {
                problem(e.seq, b.evidenceId.value_or(""),
                        "entry " + std::to_string(e.seq) + ": statement " + b.id +
                            " is bound here but missing from the outbox (deleted)");
                continue;
            }
            auto what = [&s] {
                return "statement " + s->id + " (" + s->state + ", evidence " + s->evidenceId.value_or("none") + ")";
            };
            if (s->logSeq != e.seq)
            {
                problem(e.seq, s->evidenceId.value_or(""),
                        "entry " + std::to_string(e.seq) + ": " + what() + " is bound here, but the outbox names " +
                            (s->logSeq ? "entry " + std::to_string(*s->logSeq) : std::string("no entry")) +
                            " as its binding (bound by another entry too, or moved)");
                continue;
            }
            ++report.statementsBound;
            ++report.statements;
            std::vector<std::string> people{s->learner};
            std::optional<std::string> note;
            std::optional<store::EvidenceRecord> other;
            const store::EvidenceRecord* owner = nullptr;
            if (s->evidenceId)
            {
                if (r && r->id == *s->evidenceId) owner = &*r;
                else if ((other = evidence.find(*s->evidenceId))) owner = &*other;
            }
            if (owner)
            {
                people.push_back(owner->learner);
                if (owner->assessor) people.push_back(*owner->assessor);
                note = owner->note;
            }
            std::string why;
            switch (b.check(*s, people, note, why))
            {
                case StatementBinding::Match::Same:
                    ++report.statementsMatched;
                    break;
                case StatementBinding::Match::Erased:
                    ++report.statementsErased;
                    break;
                case StatementBinding::Match::Differs:
                    problem(e.seq, s->evidenceId.value_or(""),
                            "entry " + std::to_string(e.seq) + ": " + what() +
                                " was changed after it was logged: " + why);
                    break;
            }
        }
    }
    // Checkpoints over entries this range should have held but does not (deleted at its end).
    for (; cp < cpSeq.size(); ++cp) checkpoint(cp, nullptr);
    report.head = prev;
    if (report.entries == 0 && from > 1 && prev.rfind("(entry", 0) == 0) report.head.clear();
}

void AuditService::verifyRest(AuditReport& report, const VerifyScope& scope, const Problem& problem)
{
    const long long start = scope.checkpoint ? *scope.checkpoint + 1 : 1;
    const long long to = report.to;

    // Evidence rows the log does not know: every row must have its "record" entry, every withdrawn
    // row its "withdraw" entry. After a checkpoint: the rows recorded after the last one it covers.
    Poco::Int64 after = 0;
    if (scope.checkpoint)
    {
        Poco::Int64 cpAt = *scope.checkpoint;
        Poco::Nullable<Poco::Int64> last;
        _db.session() << _db.sql("SELECT e.seq FROM evidence_log l JOIN evidence e ON e.id = l.evidence_id"
                                 " WHERE l.seq <= ? AND l.action = 'record' ORDER BY l.seq DESC LIMIT 1"),
            use(cpAt), into(last), now;
        if (!last.isNull()) after = last.value();
    }
    Poco::Int64 records = 0;
    _db.session() << _db.sql("SELECT COUNT(*) FROM evidence WHERE seq > ?"), use(after), into(records), now;
    report.evidenceRecords = records;
    const std::string logged = "EXISTS (SELECT 1 FROM evidence_log l WHERE l.evidence_id = e.id AND l.action = ";
    for (Poco::Int64 page = after;;)
    {
        std::vector<std::string> ids;
        std::vector<Poco::Int64> seqs;
        std::vector<int> unrecorded, hidden;
        Poco::Int64 limit = 1000;
        _db.session() << _db.sql("SELECT e.id, e.seq, CASE WHEN " + logged +
                                 "'record') THEN 0 ELSE 1 END,"
                                 " CASE WHEN e.withdrawn_at IS NOT NULL AND NOT " +
                                 logged +
                                 "'withdraw') THEN 1 ELSE 0 END"
                                 " FROM evidence e WHERE e.seq > ? AND (NOT " +
                                 logged +
                                 "'record')"
                                 " OR (e.withdrawn_at IS NOT NULL AND NOT " +
                                 logged +
                                 "'withdraw')))"
                                 " ORDER BY e.seq LIMIT ?"),
            use(page), use(limit), into(ids), into(seqs), into(unrecorded), into(hidden), now;
        for (std::size_t i = 0; i < ids.size(); ++i)
        {
            if (unrecorded[i])
                problem(0, ids[i],
                        "evidence " + ids[i] + " (seq " + std::to_string(seqs[i]) +
                            ") has no entry in the log (inserted outside the plugin)");
            if (hidden[i])
                problem(0, ids[i], "evidence " + ids[i] + " is marked withdrawn but the log has no withdrawal");
        }
        if (ids.size() < static_cast<std::size_t>(limit)) break;
        page = seqs.back();
    }

    // The outbox against the log. Every statement naming an entry in [start, to] (log_seq) must be
    // bound by it: the parts counted those that are (statementsBound); any more are named here.
    Poco::Nullable<Poco::Int64> boundFrom;
    _db.session() << "SELECT value FROM sequences WHERE name = 'statements_bound_from'", into(boundFrom), now;
    store::LogCursor cursor(_db, 1, 0);
    Poco::Int64 naming = 0, a = start, b = to;
    _db.session() << _db.sql("SELECT COUNT(*) FROM statements WHERE log_seq >= ? AND log_seq <= ?"), use(a), use(b),
        into(naming), now;
    long long unbound = naming - (scope.boundBefore + report.statementsBound);
    report.statements += std::max(0LL, unbound);
    const std::string inRange = "log_seq >= " + std::to_string(start) + " AND log_seq <= " + std::to_string(to);
    store::EvidenceLog log(_db);
    for (long long page = 0; unbound > 0;)
    {
        const auto statements = cursor.statementsWhere(inRange, page, 1000);
        if (statements.empty()) break;
        for (const store::StatementRecord& s : statements)
        {
            const auto entry = log.entries(*s.logSeq, 1);
            bool binds = false;
            if (!entry.empty() && entry.front().seq == *s.logSeq) try
                {
                    if (auto bindings = StatementBinding::read(entry.front().content))
                        for (const auto& binding : *bindings) binds = binds || binding.id == s.id;
                }
                catch (const Poco::Exception&)
                {
                    // Reported with the entry.
                }
            if (binds) continue;
            --unbound;
            // Listed after the entries (seq 0), as a statement with no entry: the first problem stays the first bad entry.
            problem(0, s.evidenceId.value_or(""),
                    "statement " + s.id + " (" + s.state + ", evidence " + s.evidenceId.value_or("none") +
                        ") names entry " + std::to_string(*s.logSeq) +
                        ", which does not bind it (inserted outside the plugin)");
        }
        page = statements.back().seq;
    }
    // Statements naming no entry, or one outside the log.
    const std::string outside =
        "log_seq IS NULL OR log_seq > " + std::to_string(to) + (scope.checkpoint ? std::string() : " OR log_seq < 1");
    for (long long page = 0;;)
    {
        const auto statements = cursor.statementsWhere(outside, page, 1000);
        if (statements.empty()) break;
        for (const store::StatementRecord& s : statements)
        {
            ++report.statements;
            const std::string what =
                "statement " + s.id + " (" + s.state + ", evidence " + s.evidenceId.value_or("none") + ")";
            if (!s.logSeq && !boundFrom.isNull() && s.seq < boundFrom.value())
                ++report.statementsUnbound; // made before statements were bound: reported, not checked
            else if (!s.logSeq)
                problem(0, s.evidenceId.value_or(""), what + " has no entry in the log (inserted outside the plugin)");
            else
                problem(0, s.evidenceId.value_or(""),
                        what + " names entry " + std::to_string(*s.logSeq) + ", which the log does not have");
        }
        page = statements.back().seq;
    }

    // Signed checkpoints past the log's end.
    std::vector<Poco::Int64> cpSeq;
    Poco::Int64 end = to;
    _db.session() << _db.sql(scope.checkpoint ? "SELECT seq FROM checkpoints WHERE seq > ? ORDER BY seq"
                                              : "SELECT seq FROM checkpoints WHERE seq > ? OR seq < 1 ORDER BY seq"),
        use(end), into(cpSeq), now;
    report.checkpoints += static_cast<long long>(cpSeq.size());
    for (Poco::Int64 seq : cpSeq)
        problem(seq, "",
                "checkpoint at entry " + std::to_string(seq) + ": the log has no such entry (entries were deleted)");
    if (!cpSeq.empty() && !_verifier) report.checkpointsUnverified = true;
}

}
} // namespace sfe::service
