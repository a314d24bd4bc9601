//
// AuditExporter.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/AuditExporter.h"

#include "sfe/runtime/Error.h"
#include "sfe/service/LogContent.h"
#include "sfe/store/DefinitionRepository.h"
#include "sfe/store/EvidenceLog.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/StatementRepository.h"

#include "sfe/xapi/JsonWriter.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Crypto/RSADigestEngine.h>
#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/Path.h>
#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <sstream>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace service {

extern const char kAuditBundleReadme[];
extern const std::size_t kAuditBundleReadme_size;
extern const char kAuditBundleVerify[];
extern const std::size_t kAuditBundleVerify_size;

namespace {

/// Rows read per query while exporting: memory is bounded by a page, not by the store.
constexpr std::size_t kExportPage = 1000;

/// RFC 4180 field: quoted when it holds a comma, quote or line break.
std::string csv(const std::string& v)
{
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string csv(const std::optional<std::string>& v)
{
    return v ? csv(*v) : std::string();
}

/// Numbers as the log writes them (shortest round-trip form), so that verify.sh compares text.
std::string csv(const std::optional<double>& v)
{
    if (!v) return {};
    std::string out;
    xapi::JsonWriter(out).number(*v);
    return out;
}

/// A path inside the bundle: folders and names of letters, digits, '.', '_' and '-', none of them
/// "." or "..". Anything else is refused, whatever the store holds.
bool safeRelative(const std::string& relative)
{
    std::size_t start = 0;
    while (start <= relative.size())
    {
        const std::size_t end = std::min(relative.find('/', start), relative.size());
        const std::string part = relative.substr(start, end - start);
        if (part.empty() || part == "." || part == "..") return false;
        for (unsigned char c : part)
            if (!std::isalnum(c) && c != '.' && c != '_' && c != '-') return false;
        start = end + 1;
    }
    return true;
}

/// One file of a bundle being written: bytes are appended a buffer at a time and hashed as they
/// go, so a file of any size costs the buffer, not its size.
class BundleFile
{
public:
    BundleFile(int fd, std::string path):
        _fd(fd),
        _path(std::move(path)),
        _sha(Poco::SHA2Engine::SHA_256)
    {
        _buffer.reserve(kBuffer);
    }
    BundleFile(const BundleFile&) = delete;
    BundleFile& operator=(const BundleFile&) = delete;
    ~BundleFile()
    {
        if (_fd >= 0) ::close(_fd);
    }

    BundleFile& operator<<(const std::string& bytes)
    {
        _buffer += bytes;
        if (_buffer.size() >= kBuffer) flush();
        return *this;
    }

    /// Writes what is buffered, closes the file and returns the hex SHA-256 of all its bytes.
    std::string close()
    {
        flush();
        ::fchmod(_fd, 0600);
        const int fd = _fd;
        _fd = -1;
        if (::close(fd) != 0) throw runtime::Error::invalid("audit.export: cannot write " + _path);
        return Poco::DigestEngine::digestToHex(_sha.digest());
    }

private:
    static constexpr std::size_t kBuffer = 1 << 16;

    void flush()
    {
        _sha.update(_buffer.data(), _buffer.size());
        std::size_t done = 0;
        while (done < _buffer.size())
        {
            const ssize_t n = ::write(_fd, _buffer.data() + done, _buffer.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0)
                throw runtime::Error::invalid("audit.export: cannot write " + _path + ": " + std::strerror(errno));
            done += static_cast<std::size_t>(n);
        }
        _buffer.clear();
    }

    int _fd;
    std::string _path;
    Poco::SHA2Engine _sha;
    std::string _buffer;
};

/// The files of one export. Every file is created new (O_EXCL, never through a symlink) with mode
/// 0600 and every folder with 0700: a bundle holds personal data. Files are written as streams
/// (open, append, done), their SHA-256 taken while writing, so no file is ever held whole.
class Bundle
{
public:
    explicit Bundle(const std::string& dir):
        _dir(dir)
    {}

    /// A new file at `relative`, to append to and then pass to done().
    std::unique_ptr<BundleFile> open(const std::string& relative)
    {
        if (!safeRelative(relative))
            throw runtime::Error::invalid("audit.export: refusing to write '" + relative +
                                          "': not a plain name inside " + _dir);
        const auto slash = relative.rfind('/');
        if (slash != std::string::npos) folder(relative.substr(0, slash));
        const std::string path = _dir + "/" + relative;
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0) throw runtime::Error::invalid("audit.export: cannot create " + path + ": " + std::strerror(errno));
        return std::make_unique<BundleFile>(fd, path);
    }

    /// Closes `file` (opened as `relative`) and lists it in SHA256SUMS.
    void done(const std::string& relative, BundleFile& file)
    {
        _sums += file.close() + "  " + relative + "\n";
        _files.push_back(relative);
    }

    void write(const std::string& relative, const std::string& bytes)
    {
        auto file = open(relative);
        *file << bytes;
        done(relative, *file);
    }

    /// Writes SHA256SUMS over every file written before it (in `sha256sum -c` format), and with a
    /// key SHA256SUMS.sig, its RSA-SHA256 signature (`openssl dgst -sha256 -verify`).
    void finish(const Poco::Crypto::RSAKey* key)
    {
        const std::string sums = _sums;
        write("SHA256SUMS", sums);
        if (!key) return;
        Poco::Crypto::RSADigestEngine engine(*key, "SHA256");
        engine.update(sums);
        const auto& signature = engine.signature();
        write("SHA256SUMS.sig", std::string(signature.begin(), signature.end()));
    }

    const std::vector<std::string>& files() const { return _files; }

private:
    void folder(const std::string& relative)
    {
        const std::string path = _dir + "/" + relative;
        if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST)
            throw runtime::Error::invalid("audit.export: cannot create " + path + ": " + std::strerror(errno));
        struct stat st;
        if (::lstat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
            throw runtime::Error::invalid("audit.export: " + path + " is not a folder");
        ::chmod(path.c_str(), 0700);
    }

    std::string _dir;
    std::string _sums;
    std::vector<std::string> _files;
};

/// A record as one line of evidence.json: the logged fields under the log's names and in its order
/// (verify.sh compares them as text), then what the log holds only as hashes or not at all.
std::string recordJson(const store::EvidenceRecord& r)
{
    auto text = [](xapi::JsonWriter& w, const char* key, const std::optional<std::string>& v) {
        w.key(key);
        if (v) w.string(*v);
        else w.null();
    };
    std::string out;
    xapi::JsonWriter w(out);
    w.beginObject();
    w.key("id");
    w.string(r.id);
    w.key("seq");
    w.integer(r.seq);
    LogContent::writeRecordFields(w, r);
    w.key("eventId");
    w.string(r.eventId);
    w.key("learner");
    w.string(r.learner);
    text(w, "assessor", r.assessor);
    text(w, "note", r.note);
    text(w, "withdrawnAt", r.withdrawnAt);
    text(w, "withdrawnReason", r.withdrawnReason);
    w.endObject();
    return out;
}

} // namespace

AuditExporter::AuditExporter(store::Database& db, Checkpointer& checkpoints, std::shared_ptr<const SigningKeys> keys):
    _db(db),
    _checkpoints(checkpoints),
    _keys(std::move(keys))
{}

std::string AuditExporter::readme()
{
    return std::string(kAuditBundleReadme, kAuditBundleReadme_size);
}

std::string AuditExporter::verifyScript()
{
    return std::string(kAuditBundleVerify, kAuditBundleVerify_size);
}

ExportResult AuditExporter::exportTo(const std::string& dir, const Poco::Timestamp& when)
{
    // A bundle proves itself with the key's certificate and signature, or it is not written. Only a
    // store that never signed anything (no key, no checkpoint) exports unsigned, and verify.sh says so.
    const bool signing = _keys && _keys->canSign();
    if (signing && _keys->x5c().empty())
        throw runtime::Error::config("audit.export: a bundle carries the certificate of the key that signs its "
                                     "checkpoints and SHA256SUMS: set audit.signing_cert (with audit.signing_key)");
    std::vector<Poco::Int64> seqs;
    std::vector<std::string> hashes, times, kids, jws;
    auto readCheckpoints = [&] {
        seqs.clear();
        hashes.clear();
        times.clear();
        kids.clear();
        jws.clear();
        _db.session() << "SELECT seq, chain_hash, signed_at, key_id, jws FROM checkpoints ORDER BY seq", into(seqs),
            into(hashes), into(times), into(kids), into(jws), now;
    };
    readCheckpoints();
    if (!signing && !seqs.empty())
        throw runtime::Error::config("audit.export: the log has " + std::to_string(seqs.size()) +
                                     " signed "
                                     "checkpoint(s); a bundle carries the certificate that checks them and is signed "
                                     "itself: set audit.signing_key and audit.signing_cert");
    std::map<std::string, std::string> publicKeys;
    if (signing)
    {
        publicKeys.emplace(_keys->keyId(), _keys->publicKeyPem());
        for (const auto& p : _keys->previous()) publicKeys.emplace(p.keyId, p.publicKeyPem);
    }
    for (std::size_t i = 0; i < seqs.size(); ++i)
        if (!publicKeys.count(kids[i]))
            throw runtime::Error::config("audit.export: the checkpoint at entry " + std::to_string(seqs[i]) +
                                         " was signed by key " + kids[i] +
                                         ", whose certificate is not in "
                                         "audit.signing_cert (keep earlier certificates after the current one)");

    Poco::File folder(dir);
    if (folder.exists() && (!folder.isDirectory() || Poco::DirectoryIterator(folder) != Poco::DirectoryIterator()))
        throw runtime::Error::invalid("audit.export: " + dir + " exists and is not an empty folder");
    try
    {
        folder.createDirectories();
    }
    catch (const Poco::Exception& e)
    {
        throw runtime::Error::invalid("audit.export: cannot create " + dir + ": " + e.message());
    }
    ::chmod(dir.c_str(), 0700); // it will hold personal data

    _checkpoints.checkpointNow(when);

    ExportResult result;
    result.dir = dir;
    Bundle bundle(dir);

    // Evidence, as CSV and JSON (one record per line), a page at a time: the files are streamed,
    // so an export costs a page of records whatever the size of the store.
    store::EvidenceRepository evidence(_db);
    auto table = bundle.open("evidence.csv");
    auto json = bundle.open("evidence.json");
    *table << "id,seq,kind,learner_ref,skill,level,responsibilities,definition,level_text_sha256,activity,"
              "verb,score_scaled,score_raw,score_min,score_max,success,assessor_ref,outcome,note_sha256,"
              "evidence_url,occurred_at,recorded_at,withdrawn_at,withdrawn_reason\n";
    *json << "[";
    std::set<std::string> definitions;
    store::EvidenceFilter page;
    page.limit = kExportPage;
    for (;;)
    {
        const auto records = evidence.list(page);
        for (const auto& r : records)
        {
            std::string responsibilities;
            for (const auto& id : r.responsibilities) responsibilities += (responsibilities.empty() ? "" : " ") + id;
            *table << csv(r.id) + "," + std::to_string(r.seq) + "," + csv(r.kind) + "," + csv(r.learnerRef) + "," +
                          csv(r.skillCode) + "," + std::to_string(r.level) + "," + csv(responsibilities) + "," +
                          csv(r.definitionSha256) + "," + csv(r.levelTextSha256) + "," + csv(r.activityId) + "," +
                          csv(r.verb) + "," + csv(r.scoreScaled) + "," + csv(r.scoreRaw) + "," + csv(r.scoreMin) + "," +
                          csv(r.scoreMax) + "," + (r.success ? (*r.success ? "true" : "false") : "") + "," +
                          csv(r.assessorRef) + "," + csv(r.outcome) + "," + csv(r.noteSha256) + "," +
                          csv(r.evidenceUrl) + "," + csv(r.occurredAt) + "," + csv(r.recordedAt) + "," +
                          csv(r.withdrawnAt) + "," + csv(r.withdrawnReason) + "\n";
            *json << (result.evidence++ ? ",\n" : "\n") + recordJson(r);
            definitions.insert(r.definitionSha256);
        }
        if (records.size() < page.limit) break;
        page.afterSeq = records.back().seq;
    }
    bundle.done("evidence.csv", *table);
    *json << "\n]\n";
    bundle.done("evidence.json", *json);

    // Statements, bodies verbatim, one per line.
    auto statements = bundle.open("statements.json");
    *statements << "[";
    store::StatementRepository outbox(_db);
    for (long long after = 0;;)
    {
        const auto bodies = outbox.list(std::nullopt, std::nullopt, after, kExportPage);
        for (const auto& s : bodies) *statements << (result.statements++ ? ",\n" : "\n") + s.body;
        if (bodies.size() < kExportPage) break;
        after = bodies.back().seq;
    }
    *statements << "\n]\n";
    bundle.done("statements.json", *statements);

    // The log and its checkpoints.
    auto contents = bundle.open("log/contents.txt");
    auto chain = bundle.open("log/chain.tsv");
    store::EvidenceLog log(_db);
    for (long long from = 0;;)
    {
        auto entries = log.entries(from, kExportPage);
        if (entries.empty()) break;
        for (const auto& e : entries)
        {
            *contents << e.content + "\n";
            *chain << std::to_string(e.seq) + "\t" + e.action + "\t" + e.evidenceId + "\t" + e.contentSha256 + "\t" +
                          e.prevHash + "\t" + e.chainHash + "\n";
            ++result.entries;
        }
        from = entries.back().seq + 1;
    }
    bundle.done("log/contents.txt", *contents);
    bundle.done("log/chain.tsv", *chain);
    readCheckpoints(); // with the one just made
    std::string checkpoints;
    for (std::size_t i = 0; i < seqs.size(); ++i)
        checkpoints +=
            std::to_string(seqs[i]) + "\t" + hashes[i] + "\t" + times[i] + "\t" + kids[i] + "\t" + jws[i] + "\n";
    bundle.write("log/checkpoints.tsv", checkpoints);
    result.checkpoints = static_cast<long long>(seqs.size());

    // The definition versions the evidence refers to, byte for byte, each named by the SHA-256 of
    // the bytes written (never by what the store calls it).
    store::DefinitionRepository repo(_db);
    std::set<std::string> written;
    for (const auto& hash : definitions)
        if (auto document = repo.document(hash))
        {
            const std::string sha = store::EvidenceLog::sha256(*document);
            if (written.insert(sha).second) bundle.write("definitions/" + sha + ".xml", *document);
        }

    // The keys: the current one, and every earlier one whose checkpoints are here, with their certificates.
    if (signing)
    {
        bundle.write("signing-cert.pem", _keys->certificatesPem());
        bundle.write("public-key.pem", _keys->publicKeyPem());
        for (const auto& [id, pem] : publicKeys) bundle.write("keys/" + id + ".pem", pem);
    }
    bundle.write("verify.sh", verifyScript());
    bundle.write("README.md", readme());
    bundle.finish(signing ? &_keys->key() : nullptr);
    result.files = bundle.files();
    return result;
}

}
} // namespace sfe::service
