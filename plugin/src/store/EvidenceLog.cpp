//
// EvidenceLog.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/EvidenceLog.h"
#include "sfe/store/BatchInsert.h"
#include "sfe/store/HashColumn.h"
#include "sfe/store/PgStatement.h"
#include "sfe/store/SQLiteStatement.h"
#include "sfe/store/TextDictionaries.h"

#include "sfe/store/StoredText.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <openssl/evp.h>

#include <stdexcept>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

const std::string EvidenceLog::kGenesis(64, '0');

EvidenceLog::EvidenceLog(Database& db):
    _db(db)
{}

std::string EvidenceLog::sha256(const std::string& bytes)
{
    // OpenSSL's SHA-256 (SHA-NI / AVX2 where the CPU has them): `audit verify` hashes every entry,
    // statement body and signature, and Poco's portable SHA2Engine was several times slower.
    // The algorithm is fetched once: an implicit fetch per call costs as much as hashing an entry.
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!md || EVP_Digest(bytes.data(), bytes.size(), digest, &length, md, nullptr) != 1 || length != 32)
        throw std::runtime_error("OpenSSL's SHA-256 failed");
    return HashColumn::hex(digest, length);
}

std::string EvidenceLog::link(const std::string& prevHash, const std::string& contentSha256)
{
    return sha256(prevHash + contentSha256);
}

std::string EvidenceLog::prevHashSql(const std::string& alias)
{
    return "(SELECT p.chain_hash FROM evidence_log p WHERE p.seq = " + alias + ".seq - 1)";
}

std::string EvidenceLog::prevHash(long long seq, const std::optional<std::string>& chainHashBefore)
{
    if (chainHashBefore) return *chainHashBefore;
    return seq == 1 ? kGenesis : std::string();
}

std::optional<LogEntry> EvidenceLog::head()
{
    auto last = entries(-1, 1);
    if (last.empty()) return std::nullopt;
    return last.front();
}

namespace {

/// The last entry's seq and chain hash, through the statement class of the store (one round trip on
/// PostgreSQL, where this runs under the write lock of every write transaction).
template<class Statement>
std::pair<long long, std::string> lastLink(Database& db)
{
    Statement last(db, "SELECT seq, chain_hash FROM evidence_log ORDER BY seq DESC LIMIT 1");
    last.execute();
    if (last.rows() == 0) return {0, EvidenceLog::kGenesis};
    const std::string hash = last.bytes(0, 1);
    return {std::stoll(last.text(0, 0)), HashColumn::hex(hash.data(), hash.size())};
}

} // namespace

std::pair<long long, std::string> EvidenceLog::headLink()
{
    return _db.isSQLite() ? lastLink<SQLiteStatement>(_db) : lastLink<PgStatement>(_db);
}

LogEntry EvidenceLog::append(const std::vector<std::string>& evidenceIds, const std::vector<std::string>& actions,
                             const std::vector<std::string>& contents, const std::string& at, TextEncoder& encoder)
{
    // The head read here stays the head until commit: the caller's Transaction holds the store's
    // write lock, which every writer of this store, in any process, takes first.
    auto [seq, prev] = headLink();
    const std::size_t n = evidenceIds.size();
    std::vector<Poco::Int64> seqs;
    std::vector<std::string> hashes, prevs, chains, times(n, at);
    LogEntry last;
    for (std::size_t i = 0; i < n; ++i)
    {
        const std::string contentHash = sha256(contents[i]);
        const std::string chain = link(prev, contentHash);
        seqs.push_back(++seq);
        hashes.push_back(contentHash);
        prevs.push_back(prev);
        chains.push_back(chain);
        prev = chain;
    }
    if (n == 0) return head().value_or(LogEntry{});
    const std::vector<std::string> empty(n);
    // The content is kept compressed in content_z (StoredText), content left empty; its hash is
    // the hash of the text.
    std::vector<Poco::Data::BLOB> encoded, hashBlobs, chainBlobs;
    for (std::size_t i = 0; i < n; ++i)
    {
        hashBlobs.push_back(HashColumn::bytes(hashes[i]));
        chainBlobs.push_back(HashColumn::bytes(chains[i]));
    }
    TextDictionaries& dictionaries = _db.textDictionaries();
    const std::size_t queued = encoder.size();
    for (std::size_t i = 0; i < n; ++i) encoder.add(contents[i], dictionaries.forText(contents[i]));
    for (const std::string& bytes : encoder.take(queued, queued + n)) encoded.push_back(StoredText::blob(bytes));
    BatchInsert::rows(_db,
                      "INSERT INTO evidence_log(seq, evidence_id, action, content, content_z, content_sha256,"
                      " chain_hash, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      seqs, evidenceIds, actions, empty, encoded, hashBlobs, chainBlobs, times);
    last.seq = seqs.back();
    last.evidenceId = evidenceIds.back();
    last.action = actions.back();
    last.content = contents.back();
    last.contentSha256 = hashes.back();
    last.prevHash = prevs.back();
    last.chainHash = chains.back();
    last.loggedAt = at;
    return last;
}

std::vector<LogEntry> EvidenceLog::entries(long long fromSeq, std::size_t limit)
{
    Poco::Data::Statement select(_db.session());
    Poco::Int64 lim = static_cast<Poco::Int64>(limit);
    Poco::Int64 from = fromSeq;
    // fromSeq < 0 asks for the last entries (the head).
    const std::string columns = "SELECT l.seq, " + _db.idText("l.evidence_id") +
                                ", l.action, l.content, l.content_z, l.content_sha256, " + prevHashSql("l") +
                                " AS prev_hash, l.chain_hash, l.logged_at FROM evidence_log l";
    if (fromSeq < 0) select << _db.sql(columns + " ORDER BY l.seq DESC LIMIT ?"), use(lim), now;
    else select << _db.sql(columns + " WHERE l.seq >= ? ORDER BY l.seq LIMIT ?"), use(from), use(lim), now;
    Poco::Data::RecordSet rs(select);
    std::vector<LogEntry> result;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext())
    {
        LogEntry e;
        e.seq = rs["seq"].convert<Poco::Int64>();
        e.evidenceId = rs["evidence_id"].convert<std::string>();
        e.action = rs["action"].convert<std::string>();
        e.content = rs["content"].convert<std::string>();
        if (!rs["content_z"].isEmpty())
            e.content = StoredText::read(e.content, rs["content_z"].extract<Poco::Data::BLOB>(),
                                         "evidence log entry " + std::to_string(e.seq));
        e.contentSha256 = HashColumn::hexAt(rs, "content_sha256").value_or("");
        e.prevHash = prevHash(e.seq, HashColumn::hexAt(rs, "prev_hash"));
        e.chainHash = HashColumn::hexAt(rs, "chain_hash").value_or("");
        e.loggedAt = rs["logged_at"].convert<std::string>();
        result.push_back(std::move(e));
    }
    return result;
}

}
} // namespace sfe::store
