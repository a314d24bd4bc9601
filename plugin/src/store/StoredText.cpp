//
// StoredText.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/StoredText.h"

#include "sfe/runtime/Error.h"

#include "sfe.h"

#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <list>
#include <map>
#include <mutex>
#include <vector>

namespace sfe {
namespace store {

namespace {

constexpr unsigned char kVersion1 = 1;
constexpr unsigned char kVersion2 = 2;

// Version 1's preset dictionary: one log entry of each shape and one statement of each kind as
// this plugin writes them, with every value that differs between records (ids, hashes, names,
// times, texts of the definition) left empty. Never edit it: rows encoded with it must decode.
// Its SHA-256 is pinned by tests/store (StoredTextTest).
const std::string
    kDictionary1 = R"dict({"action":"record","evidence":"","seq":1,"kind":"learning","learnerRef":"","skill":"","level":1,"definition":"","levelTextSha256":"","responsibilities":["1.1"],"activity":"","mapping":"","verb":"completed","scoreScaled":0.42,"scoreRaw":42,"scoreMin":0,"scoreMax":100,"success":null,"assessorRef":null,"outcome":null,"noteSha256":null,"evidenceUrl":null,"occurredAt":"","recordedAt":"","eventId":"","s)dict"
                   R"dict(tatements":[{"id":"","evidence":"","bodySha256":"","signatureSha256":null,"blindSha256":""}]}{"action":"record","evidence":"","seq":2,"kind":"learning","learnerRef":"","skill":"","level":3,"definition":"","levelTextSha256":"","responsibilities":[],"activity":"","mapping":"","verb":"completed","scoreScaled":0.04,"scoreRaw":4,"scoreMin":0,"scoreMax":100,"success":null,"assessorRef":null,"outcome":nu)dict"
                   R"dict(ll,"noteSha256":null,"evidenceUrl":null,"occurredAt":"","recordedAt":"","eventId":"","statements":[{"id":"","evidence":"","bodySha256":"","signatureSha256":null,"blindSha256":""}]}{"action":"record","evidence":"","seq":3,"kind":"demonstrated","learnerRef":"","skill":"","level":5,"definition":"","levelTextSha256":"","responsibilities":["5.1"],"activity":null,"mapping":null,"verb":"attested","scoreS)dict"
                   R"dict(caled":1,"scoreRaw":null,"scoreMin":null,"scoreMax":null,"success":true,"assessorRef":"","outcome":"demonstrated","noteSha256":"","evidenceUrl":null,"occurredAt":"","recordedAt":"","eventId":"","statements":[{"id":"","evidence":"","bodySha256":"","signatureSha256":null,"blindSha256":""}]}{"id":"","actor":{"objectType":"Agent","account":{"homePage":"","name":""}},"verb":{"id":"https://sfia-evidence)dict"
                   R"dict(.org/xapi/profile/verbs/attested","display":{"de-DE":"","en-US":"attested"}},"object":{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/frameworks/sfia/9/skills//responsibilities/-5.1","definition":{"name":{"de-DE":""},"description":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/profile/activity-types/responsibility"}},"result":{"score":{"scaled":},"success":true,"response":""},"c)dict"
                   R"dict(ontext":{"instructor":{"objectType":"Agent","account":{"homePage":"","name":""}},"contextActivities":{"parent":[{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/frameworks/sfia/9/skills//levels/5","definition":{"name":{"de-DE":""},"description":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/profile/activity-types/level"}}],"grouping":[{"objectType":"Activity","id":"https://sfia-e)dict"
                   R"dict(vidence.org/xapi/frameworks/sfia/9/skills/","definition":{"name":{"de-DE":""},"description":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/profile/activity-types/skill"}},{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/frameworks/sfia/9","definition":{"name":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/profile/activity-types/framework"}}],"category":[{"objectType":"Activi)dict"
                   R"dict(ty","id":"https://sfia-evidence.org/xapi/profile/v1.0"}]},"language":"de-DE","extensions":{"https://sfia-evidence.org/xapi/profile/extensions/definition-version":"","https://sfia-evidence.org/xapi/profile/extensions/evidence-id":"","https://sfia-evidence.org/xapi/profile/extensions/level-text-sha256":""}},"timestamp":""}{"id":"","actor":{"objectType":"Agent","account":{"homePage":"","name":""}},"v)dict"
                   R"dict(erb":{"id":"http://adlnet.gov/expapi/verbs/completed","display":{"de-DE":"","en-US":"completed"}},"object":{"objectType":"Activity","id":"/activities/","definition":{"name":{"de-DE":""},"type":"http://adlnet.gov/expapi/activities/assessment"}},"result":{"score":{"scaled":,"raw":,"min":,"max":},"completion":true},"context":{"contextActivities":{"parent":[{"objectType":"Activity","id":"https://sfia-)dict"
                   R"dict(evidence.org/xapi/frameworks/sfia/9/skills//levels/1","definition":{"name":{"de-DE":""},"description":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/profile/activity-types/level"}},{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/frameworks/sfia/9/skills//responsibilities/-1.1","definition":{"name":{"de-DE":""},"description":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/pro)dict"
                   R"dict(file/activity-types/responsibility"}}],"grouping":[{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/frameworks/sfia/9/skills/","definition":{"name":{"de-DE":""},"description":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/profile/activity-types/skill"}},{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/frameworks/sfia/9","definition":{"name":{"de-DE":""},"type":"https)dict"
                   R"dict(://sfia-evidence.org/xapi/profile/activity-types/framework"}}],"category":[{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/profile/v1.0"}]},"language":"de-DE","extensions":{"https://sfia-evidence.org/xapi/profile/extensions/definition-version":"","https://sfia-evidence.org/xapi/profile/extensions/evidence-id":"","https://sfia-evidence.org/xapi/profile/extensions/level-text-sha256":"")dict"
                   R"dict(}},"timestamp":""}{"id":"","actor":{"objectType":"Agent","account":{"homePage":"","name":""}},"verb":{"id":"http://adlnet.gov/expapi/verbs/failed","display":{"de-DE":"","en-US":"failed"}},"object":{"objectType":"Activity","id":"/activities/","definition":{"name":{"de-DE":""},"type":"http://adlnet.gov/expapi/activities/assessment"}},"result":{"score":{"scaled":,"raw":,"min":,"max":},"success":false)dict"
                   R"dict(,"completion":true},"context":{"contextActivities":{"parent":[{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/frameworks/sfia/9/skills//levels/3","definition":{"name":{"de-DE":""},"description":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/profile/activity-types/level"}}],"grouping":[{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/frameworks/sfia/9/skills/","defin)dict"
                   R"dict(ition":{"name":{"de-DE":""},"description":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/profile/activity-types/skill"}},{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/frameworks/sfia/9","definition":{"name":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/profile/activity-types/framework"}}],"category":[{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/profile/v)dict"
                   R"dict(1.0"}]},"language":"de-DE","extensions":{"https://sfia-evidence.org/xapi/profile/extensions/definition-version":"","https://sfia-evidence.org/xapi/profile/extensions/evidence-id":"","https://sfia-evidence.org/xapi/profile/extensions/level-text-sha256":""}},"timestamp":""}{"id":"","actor":{"objectType":"Agent","account":{"homePage":"","name":""}},"verb":{"id":"http://adlnet.gov/expapi/verbs/passed")dict"
                   R"dict(,"display":{"de-DE":"","en-US":"passed"}},"object":{"objectType":"Activity","id":"/activities/","definition":{"name":{"de-DE":""},"type":"http://adlnet.gov/expapi/activities/module"}},"result":{"score":{"scaled":,"raw":,"min":,"max":},"success":true,"completion":true},"context":{"contextActivities":{"parent":[{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/frameworks/sfia/9/skills//l)dict"
                   R"dict(evels/6","definition":{"name":{"de-DE":""},"description":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/profile/activity-types/level"}}],"grouping":[{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/frameworks/sfia/9/skills/","definition":{"name":{"de-DE":""},"description":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/profile/activity-types/skill"}},{"objectType":"Activity",)dict"
                   R"dict("id":"https://sfia-evidence.org/xapi/frameworks/sfia/9","definition":{"name":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/profile/activity-types/framework"}}],"category":[{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/profile/v1.0"}]},"language":"de-DE","extensions":{"https://sfia-evidence.org/xapi/profile/extensions/definition-version":"","https://sfia-evidence.org/xapi/prof)dict"
                   R"dict(ile/extensions/evidence-id":"","https://sfia-evidence.org/xapi/profile/extensions/level-text-sha256":""}},"timestamp":""}{"id":"","actor":{"objectType":"Agent","account":{"homePage":"","name":""}},"verb":{"id":"https://sfia-evidence.org/xapi/profile/verbs/achieved","display":{"de-DE":"","en-US":"achieved"}},"object":{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/frameworks/sfia/9/sk)dict"
                   R"dict(ills//levels/2","definition":{"name":{"de-DE":""},"description":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/profile/activity-types/level"}},"context":{"contextActivities":{"grouping":[{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/frameworks/sfia/9/skills/","definition":{"name":{"de-DE":""},"description":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/profile/activity-ty)dict"
                   R"dict(pes/skill"}},{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/frameworks/sfia/9","definition":{"name":{"de-DE":""},"type":"https://sfia-evidence.org/xapi/profile/activity-types/framework"}}],"category":[{"objectType":"Activity","id":"https://sfia-evidence.org/xapi/profile/v1.0"}]},"language":"de-DE","extensions":{"https://sfia-evidence.org/xapi/profile/extensions/definition-version":")dict"
                   R"dict(","https://sfia-evidence.org/xapi/profile/extensions/level-text-sha256":""}},"timestamp":""})dict";

// The store dictionaries this process may decode with, by CRC-32 of their bytes. A CRC that two
// different dictionaries share maps to nullptr: values naming it are refused, never guessed.
struct Registry
{
    std::mutex mutex;
    std::map<std::uint32_t, std::shared_ptr<const StoredText::Dictionary>> byCrc;
};

Registry& registry()
{
    static Registry r;
    return r;
}

/// Memory for one thread's deflate streams, given back to the thread rather than to malloc: a
/// stream copied for each text allocates ~260 KB in five blocks, and freeing blocks that large lets
/// malloc return them to the system, so that the next text faults them in again (as costly as the
/// compression). Blocks carry their size in front; at most kKept free blocks are held.
class StreamMemory
{
public:
    // Room for every block it keeps, made now: release() is called from inside zlib and must not
    // allocate (nor throw).
    StreamMemory() { _free.reserve(kKept); }
    StreamMemory(const StreamMemory&) = delete;
    StreamMemory& operator=(const StreamMemory&) = delete;
    ~StreamMemory()
    {
        for (const auto& block : _free) std::free(block.second);
    }

    static voidpf allocate(voidpf opaque, uInt items, uInt size)
    {
        auto& self = *static_cast<StreamMemory*>(opaque);
        const std::size_t bytes = static_cast<std::size_t>(items) * size;
        for (std::size_t i = 0; i < self._free.size(); ++i)
            if (self._free[i].first == bytes)
            {
                char* block = self._free[i].second;
                self._free[i] = self._free.back();
                self._free.pop_back();
                return block + kHeader;
            }
        auto* block = static_cast<char*>(std::malloc(bytes + kHeader));
        if (!block) return Z_NULL;
        std::memcpy(block, &bytes, sizeof bytes);
        return block + kHeader;
    }

    static void release(voidpf opaque, voidpf address)
    {
        auto& self = *static_cast<StreamMemory*>(opaque);
        char* block = static_cast<char*>(address) - kHeader;
        std::size_t bytes = 0;
        std::memcpy(&bytes, block, sizeof bytes);
        if (self._free.size() < kKept) self._free.emplace_back(bytes, block);
        else std::free(block);
    }

private:
    static constexpr std::size_t kHeader = 16; // keeps the blocks 16-byte aligned, as malloc's are
    static constexpr std::size_t kKept = 16;
    std::vector<std::pair<std::size_t, char*>> _free;
};

/// One thread's deflate streams primed with a preset dictionary: the state deflateSetDictionary
/// leaves, kept so that each text starts from a copy of it (deflateCopy, a few memcpy) instead of
/// a reset and the dictionary set again, which hashes every byte of the dictionary (14.5 KB for a
/// store dictionary) for every text: about a third of compressing a statement body. The bytes out
/// are the same either way. Per thread, so no lock; the last kPrimed dictionaries used are kept
/// (one store has one per skill of a definition version), ~260 KB each.
class PrimedStreams
{
public:
    static PrimedStreams& ofThisThread()
    {
        thread_local PrimedStreams streams;
        return streams;
    }

    PrimedStreams() = default;
    PrimedStreams(const PrimedStreams&) = delete;
    PrimedStreams& operator=(const PrimedStreams&) = delete;
    ~PrimedStreams()
    {
        for (auto& primed : _primed) deflateEnd(&primed.z);
    }

    /// The stream primed with `preset` (matched by its bytes, never by address: a dictionary freed
    /// and another made at its address must not be mistaken for it). Primes one when none is.
    z_stream& primedWith(const std::string& preset)
    {
        for (auto it = _primed.begin(); it != _primed.end(); ++it)
            if (it->dictionary == preset)
            {
                _primed.splice(_primed.begin(), _primed, it);
                return it->z;
            }
        if (_primed.size() == kPrimed)
        {
            deflateEnd(&_primed.back().z);
            _primed.pop_back();
        }
        // A list: a primed z_stream must stay where it was initialised (its state points back to it).
        Primed& primed = _primed.emplace_front();
        primed.dictionary = preset;
        primed.z.zalloc = &StreamMemory::allocate;
        primed.z.zfree = &StreamMemory::release;
        primed.z.opaque = &_memory;
        if (deflateInit2(&primed.z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        {
            _primed.pop_front();
            throw runtime::Error(SFE_STORE, "stored text: cannot start compressing");
        }
        if (deflateSetDictionary(&primed.z, reinterpret_cast<const Bytef*>(preset.data()),
                                 static_cast<uInt>(preset.size())) != Z_OK)
        {
            deflateEnd(&primed.z);
            _primed.pop_front();
            throw runtime::Error(SFE_STORE, "stored text: cannot set the compression dictionary");
        }
        return primed.z;
    }

private:
    struct Primed
    {
        std::string dictionary;
        z_stream z{};
    };
    static constexpr std::size_t kPrimed = 4;
    StreamMemory _memory;      // declared first: destroyed after the streams that use it
    std::list<Primed> _primed; // most recently used first
};

/// A copy of a primed stream, for one text; ended (its memory back to the thread's pool) when it
/// goes out of scope.
struct CopiedStream
{
    explicit CopiedStream(z_stream& primed)
    {
        if (deflateCopy(&z, &primed) != Z_OK) throw runtime::Error(SFE_STORE, "stored text: cannot start compressing");
    }
    ~CopiedStream() { deflateEnd(&z); }
    CopiedStream(const CopiedStream&) = delete;
    CopiedStream& operator=(const CopiedStream&) = delete;
    z_stream z{};
};

void inflateWith(const char* data, std::size_t size, std::size_t offset, const std::string& dictionary,
                 std::string& out, const std::function<std::string()>& what);

} // namespace

const std::string& StoredText::dictionary(int version)
{
    if (version != kVersion1)
        throw runtime::Error(SFE_STORE, "stored text: no dictionary version " + std::to_string(version));
    return kDictionary1;
}

std::shared_ptr<const StoredText::Dictionary> StoredText::dictionary(Poco::Int64 id, const std::string& bytes)
{
    auto d = std::make_shared<Dictionary>();
    d->id = id;
    d->bytes = bytes;
    d->crc = static_cast<std::uint32_t>(
        crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
    return d;
}

void StoredText::remember(const std::shared_ptr<const Dictionary>& dictionary)
{
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    auto found = r.byCrc.find(dictionary->crc);
    if (found == r.byCrc.end()) r.byCrc.emplace(dictionary->crc, dictionary);
    else if (found->second && found->second->bytes != dictionary->bytes) found->second = nullptr;
}

std::string StoredText::encode(const std::string& text, const Dictionary* dictionary)
{
    // Level 6 with the dictionary: ~2.4 KB bodies become ~0.3-0.6 KB; raw deflate (windowBits -15)
    // leaves out zlib's header and checksum, which the version byte and the caller's hashes cover.
    // Measured (bench/storedtext, per body): level 3 saves ~10 us of ~40 for +33 bytes, level 1
    // ~11 us for +88; a smaller window or memLevel saves nothing. Level 6 stays: the bytes are kept
    // for ever. Each text starts from a copy of a stream primed with the dictionary (PrimedStreams).
    const std::string& preset = dictionary ? dictionary->bytes : kDictionary1;
    CopiedStream stream(PrimedStreams::ofThisThread().primedWith(preset));
    z_stream& z = stream.z;
    std::string header(1, static_cast<char>(dictionary ? kVersion2 : kVersion1));
    if (dictionary)
    {
        for (auto id = static_cast<std::uint64_t>(dictionary->id);; id >>= 7)
        {
            if (id < 0x80)
            {
                header += static_cast<char>(id);
                break;
            }
            header += static_cast<char>((id & 0x7f) | 0x80);
        }
        for (int shift = 24; shift >= 0; shift -= 8) header += static_cast<char>((dictionary->crc >> shift) & 0xff);
    }
    std::string out(header.size() + deflateBound(&z, static_cast<uLong>(text.size())), '\0');
    out.replace(0, header.size(), header);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(&out[header.size()]);
    z.avail_out = static_cast<uInt>(out.size() - header.size());
    const int rc = deflate(&z, Z_FINISH);
    const std::size_t written = out.size() - header.size() - z.avail_out;
    if (rc != Z_STREAM_END)
        throw runtime::Error(SFE_STORE, "stored text: cannot compress " + std::to_string(text.size()) + " bytes");
    out.resize(header.size() + written);
    return out;
}

std::string StoredText::decode(const std::string& bytes, const std::string& what)
{
    std::string text;
    decode(bytes.data(), bytes.size(), text, [&what] { return what; });
    return text;
}

void StoredText::decode(const char* data, std::size_t size, std::string& text, const std::function<std::string()>& what)
{
    const unsigned char* bytes = reinterpret_cast<const unsigned char*>(data);
    const int version = size == 0 ? 0 : bytes[0];
    if (version == kVersion1) return inflateWith(data, size, 1, kDictionary1, text, what);
    if (version != kVersion2)
        throw runtime::Error(SFE_STORE,
                             what() + ": the stored text has " +
                                 (size == 0 ? std::string("no bytes") : "encoding version " + std::to_string(version)) +
                                 ", which this build cannot read (it reads versions 1 and 2)");
    std::uint64_t id = 0;
    std::size_t at = 1;
    for (int shift = 0;; shift += 7, ++at)
    {
        if (at >= size || shift > 56)
            throw runtime::Error(SFE_STORE, what() + ": the stored text is damaged (its dictionary id is cut short)");
        const unsigned char b = bytes[at];
        id |= static_cast<std::uint64_t>(b & 0x7f) << shift;
        if (b < 0x80)
        {
            ++at;
            break;
        }
    }
    if (at + 4 > size)
        throw runtime::Error(SFE_STORE, what() + ": the stored text is damaged (its dictionary checksum is cut short)");
    std::uint32_t crc = 0;
    for (std::size_t k = 0; k < 4; ++k) crc = (crc << 8) | bytes[at + k];
    std::shared_ptr<const Dictionary> dictionary;
    bool clash = false;
    {
        Registry& r = registry();
        std::lock_guard<std::mutex> lock(r.mutex);
        auto found = r.byCrc.find(crc);
        if (found != r.byCrc.end())
        {
            dictionary = found->second;
            clash = !dictionary;
        }
    }
    if (!dictionary)
        throw runtime::Error(SFE_STORE, what() + ": the stored text uses the store's dictionary " + std::to_string(id) +
                                            (clash ? ", whose checksum another dictionary loaded in this process shares"
                                                   : ", which is not loaded (table text_dictionaries; open the store "
                                                     "through store::Database)"));
    inflateWith(data, size, at + 4, dictionary->bytes, text, what);
}

namespace {

void inflateWith(const char* data, std::size_t size, std::size_t offset, const std::string& dictionary,
                 std::string& out, const std::function<std::string()>& what)
{
    // One decompressor per thread, reset for each text (as encode() keeps one compressor): setting
    // one up and ending it allocated its state and a 32 KiB window per text, two per log entry in
    // `audit verify`. The text is inflated straight into `out`, grown as needed, not through a buffer.
    struct Decompressor
    {
        Decompressor() { ready = inflateInit2(&z, -15) == Z_OK; }
        ~Decompressor()
        {
            if (ready) inflateEnd(&z);
        }
        z_stream z{};
        bool ready = false;
    };
    thread_local Decompressor decompressor;
    if (!decompressor.ready) throw runtime::Error(SFE_STORE, what() + ": cannot start decompressing");
    z_stream& z = decompressor.z;
    inflateReset(&z);
    inflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dictionary.data()), static_cast<uInt>(dictionary.size()));
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data + offset));
    z.avail_in = static_cast<uInt>(size - offset);
    // Our texts inflate to 3-5 times their bytes; start at 6 times (or what `out` holds already).
    std::size_t produced = 0;
    if (out.size() < 6 * size + 256) out.resize(6 * size + 256);
    int rc = Z_OK;
    for (;;)
    {
        if (produced == out.size()) out.resize(2 * out.size());
        z.next_out = reinterpret_cast<Bytef*>(&out[produced]);
        z.avail_out = static_cast<uInt>(out.size() - produced);
        rc = inflate(&z, Z_NO_FLUSH);
        produced = out.size() - z.avail_out;
        if (rc != Z_OK) break;
        if (z.avail_out != 0 && z.avail_in == 0) break; // input used up, no end of stream: cut short
    }
    const bool complete = rc == Z_STREAM_END && z.avail_in == 0;
    if (!complete)
    {
        out.clear();
        throw runtime::Error(SFE_STORE, what() + ": the stored text is damaged (its " + std::to_string(size) +
                                            " bytes do not inflate to a complete text)");
    }
    out.resize(produced);
}

} // namespace

std::string StoredText::read(const std::string& plain, const Poco::Nullable<Poco::Data::BLOB>& blob,
                             const std::string& what)
{
    if (blob.isNull()) return plain;
    const Poco::Data::BLOB& b = blob.value();
    return decode(std::string(reinterpret_cast<const char*>(b.rawContent()), b.size()), what);
}

Poco::Data::BLOB StoredText::blob(const std::string& bytes)
{
    return Poco::Data::BLOB(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

}
} // namespace sfe::store
