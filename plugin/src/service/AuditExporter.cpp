//
// AuditExporter.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/AuditExporter.h"

#include "sfe/presenter/EvidencePresenter.h"
#include "sfe/presenter/Json.h"
#include "sfe/runtime/Error.h"
#include "sfe/store/DefinitionRepository.h"
#include "sfe/store/EvidenceLog.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/StatementRepository.h"

#include <Poco/Base64Encoder.h>
#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/Path.h>
#include <Poco/SHA2Engine.h>

#include <set>
#include <sstream>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace service {

extern const char kAuditBundleReadme[];
extern const std::size_t kAuditBundleReadme_size;

namespace {

/// RFC 4180 field: quoted when it holds a comma, quote or line break.
std::string csv(const std::string& v)
{
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string csv(const std::optional<std::string>& v) { return v ? csv(*v) : std::string(); }

std::string csv(const std::optional<double>& v)
{
    if (!v) return {};
    std::ostringstream out;
    out.precision(17);
    out << *v;
    return out.str();
}

class Bundle
{
public:
    explicit Bundle(const std::string& dir): _dir(dir) {}

    void write(const std::string& relative, const std::string& bytes)
    {
        const Poco::Path path(_dir + "/" + relative);
        Poco::File(path.parent().toString()).createDirectories();
        Poco::FileOutputStream out(path.toString(), std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out.good()) throw runtime::Error::invalid("audit.export: cannot write " + path.toString());
        Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
        sha.update(bytes);
        _sums += Poco::DigestEngine::digestToHex(sha.digest()) + "  " + relative + "\n";
        _files.push_back(relative);
    }

    /// Writes SHA256SUMS over every file written before it (in `sha256sum -c` format).
    void finish()
    {
        Poco::FileOutputStream out(Poco::Path(_dir, "SHA256SUMS").toString(), std::ios::binary | std::ios::trunc);
        out << _sums;
        out.close();
        if (!out.good()) throw runtime::Error::invalid("audit.export: cannot write SHA256SUMS in " + _dir);
        _files.push_back("SHA256SUMS");
    }

    const std::vector<std::string>& files() const { return _files; }

private:
    std::string _dir;
    std::string _sums;
    std::vector<std::string> _files;
};

} // namespace

AuditExporter::AuditExporter(store::Database& db, Checkpointer& checkpoints, std::shared_ptr<const SigningKeys> keys):
    _db(db),
    _checkpoints(checkpoints),
    _keys(std::move(keys))
{
}

std::string AuditExporter::readme()
{
    return std::string(kAuditBundleReadme, kAuditBundleReadme_size);
}

ExportResult AuditExporter::exportTo(const std::string& dir, const Poco::Timestamp& when)
{
    Poco::File folder(dir);
    if (folder.exists() && (!folder.isDirectory() || Poco::DirectoryIterator(folder) != Poco::DirectoryIterator()))
        throw runtime::Error::invalid("audit.export: " + dir + " exists and is not an empty folder");
    try { folder.createDirectories(); }
    catch (const Poco::Exception& e) { throw runtime::Error::invalid("audit.export: cannot create " + dir + ": " + e.message()); }

    _checkpoints.checkpointNow(when);

    ExportResult result;
    result.dir = dir;
    Bundle bundle(dir);

    // Evidence, as CSV and JSON.
    store::EvidenceRepository evidence(_db);
    const auto records = evidence.list(store::EvidenceFilter{});
    std::string table = "id,seq,kind,learner_ref,skill,level,responsibilities,definition,level_text_sha256,activity,"
                        "verb,score_scaled,score_raw,score_min,score_max,success,assessor_ref,outcome,note_sha256,"
                        "evidence_url,occurred_at,recorded_at,withdrawn_at,withdrawn_reason\n";
    Poco::JSON::Array::Ptr json = new Poco::JSON::Array;
    std::set<std::string> definitions;
    for (const auto& r : records)
    {
        std::string responsibilities;
        for (const auto& id : r.responsibilities) responsibilities += (responsibilities.empty() ? "" : " ") + id;
        table += r.id + "," + std::to_string(r.seq) + "," + r.kind + "," + r.learnerRef + "," + csv(r.skillCode) + "," +
                 std::to_string(r.level) + "," + csv(responsibilities) + "," + r.definitionSha256 + "," +
                 r.levelTextSha256 + "," + csv(r.activityId) + "," + r.verb + "," + csv(r.scoreScaled) + "," +
                 csv(r.scoreRaw) + "," + csv(r.scoreMin) + "," + csv(r.scoreMax) + "," +
                 (r.success ? (*r.success ? "true" : "false") : "") + "," + csv(r.assessorRef) + "," +
                 csv(r.outcome) + "," + csv(r.noteSha256) + "," + csv(r.evidenceUrl) + "," + r.occurredAt + "," +
                 r.recordedAt + "," + csv(r.withdrawnAt) + "," + csv(r.withdrawnReason) + "\n";
        json->add(presenter::EvidencePresenter::evidenceJson(r));
        definitions.insert(r.definitionSha256);
    }
    bundle.write("evidence.csv", table);
    bundle.write("evidence.json", presenter::toJson(json) + "\n");
    result.evidence = static_cast<long long>(records.size());

    // Statements, bodies verbatim.
    std::string statements = "[";
    for (const auto& s : store::StatementRepository(_db).list())
    {
        statements += (result.statements++ ? ",\n" : "\n") + s.body;
    }
    bundle.write("statements.json", statements + "\n]\n");

    // The log and its checkpoints.
    std::string contents, chain;
    store::EvidenceLog log(_db);
    for (long long from = 0;;)
    {
        auto page = log.entries(from, 5000);
        if (page.empty()) break;
        for (const auto& e : page)
        {
            contents += e.content + "\n";
            chain += std::to_string(e.seq) + "\t" + e.action + "\t" + e.evidenceId + "\t" + e.contentSha256 + "\t" +
                     e.prevHash + "\t" + e.chainHash + "\n";
            ++result.entries;
        }
        from = page.back().seq + 1;
    }
    bundle.write("log/contents.txt", contents);
    bundle.write("log/chain.tsv", chain);
    std::vector<Poco::Int64> seqs;
    std::vector<std::string> hashes, times, jws;
    _db.session() << "SELECT seq, chain_hash, signed_at, jws FROM checkpoints ORDER BY seq", into(seqs), into(hashes),
        into(times), into(jws), now;
    std::string checkpoints;
    for (std::size_t i = 0; i < seqs.size(); ++i)
        checkpoints += std::to_string(seqs[i]) + "\t" + hashes[i] + "\t" + times[i] + "\t" + jws[i] + "\n";
    bundle.write("log/checkpoints.tsv", checkpoints);
    result.checkpoints = static_cast<long long>(seqs.size());

    // The definition versions the evidence refers to, byte for byte.
    store::DefinitionRepository repo(_db);
    for (const auto& hash : definitions)
        if (auto document = repo.document(hash)) bundle.write("definitions/" + hash + ".xml", *document);

    if (_keys)
    {
        bundle.write("public-key.pem", _keys->publicKeyPem());
        if (!_keys->x5c().empty())
        {
            std::string pem = "-----BEGIN CERTIFICATE-----\n";
            const std::string& der = _keys->x5c().front();
            for (std::size_t i = 0; i < der.size(); i += 64) pem += der.substr(i, 64) + "\n";
            bundle.write("signing-cert.pem", pem + "-----END CERTIFICATE-----\n");
        }
    }
    bundle.write("README.md", readme());
    bundle.finish();
    result.files = bundle.files();
    return result;
}

} } // namespace sfe::service
