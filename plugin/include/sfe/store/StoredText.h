//
// StoredText.h
//
// Library: sfe_core
// Package: store
//
// How long JSON texts (statement bodies, evidence-log contents) are kept: compressed, versioned.
//

#ifndef SFE_STORE_STOREDTEXT_H
#define SFE_STORE_STOREDTEXT_H

#include <Poco/Data/LOB.h>
#include <Poco/Nullable.h>
#include <Poco/Types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace sfe {
namespace store {

/// Compresses the JSON texts the store keeps most of (a statement body is ~2.4 KB, an evidence-log
/// entry ~1.1 KB; both mostly the same keys and IRIs) into a BLOB column beside the text column.
///
/// An encoded value is one version byte and a raw deflate stream (zlib) made with that version's
/// preset dictionary: version 1 is a built-in vocabulary of our statements' and log entries' JSON
/// (keys, profile, verb and activity-type IRIs; no personal data). A dictionary once released is
/// never edited: a new one gets the next version byte, and rows written with an older one still
/// decode. decode(encode(text)) == text byte for byte, so a re-sent statement is the one recorded
/// and a log entry hashes as it did.
///
/// Version 2 (schema 10) uses one of the store's own dictionaries (table text_dictionaries, made by
/// store::TextDictionaries from a definition version's texts for one skill): the version byte, the
/// dictionary's id in that table (a varint), the CRC-32 of the dictionary's bytes (4 bytes, big
/// endian), then raw deflate with that dictionary. A process decodes version 2 with the dictionaries
/// it has been given (remember(); store::Database gives every one of its store's when it opens): the
/// CRC finds the dictionary whatever store it came from, the id names it in errors.
///
/// A row whose BLOB column is NULL holds its text in the text column (rows written before schema
/// version 8 and not yet converted, rows written by hand): read() takes whichever is there.
class StoredText
{
public:
    /// One of a store's dictionaries (version 2): its row id, its bytes, their CRC-32.
    struct Dictionary
    {
        Poco::Int64 id = 0;
        std::string bytes;
        std::uint32_t crc = 0;
    };

    /// A dictionary of a store's table, ready to encode with and to remember().
    static std::shared_ptr<const Dictionary> dictionary(Poco::Int64 id, const std::string& bytes);

    /// Makes a store's dictionary known to decode() in this process. Two different dictionaries
    /// with the same CRC-32 are both refused for decoding (decode() names the clash): never a guess.
    static void remember(const std::shared_ptr<const Dictionary>& dictionary);

    /// The encoded bytes of `text`: version 2 with `dictionary` when given, else version 1.
    static std::string encode(const std::string& text, const Dictionary* dictionary = nullptr);

    /// The text of encoded bytes. Throws runtime::Error (SFE_STORE) naming `what` (e.g. "statement
    /// 1234") when the bytes are not a version this build knows or do not inflate.
    static std::string decode(const std::string& bytes, const std::string& what);

    /// The same, from `size` bytes at `data` into `text` (replaced; its capacity is reused), for
    /// readers of many rows (`audit verify`): nothing is copied or allocated per row beyond the text.
    /// `what` is called only to name the text in an error.
    static void decode(const char* data, std::size_t size, std::string& text, const std::function<std::string()>& what);

    /// The stored text of a row: decode(blob) when the BLOB column is not NULL, else `plain`.
    static std::string read(const std::string& plain, const Poco::Nullable<Poco::Data::BLOB>& blob,
                            const std::string& what);

    /// As a BLOB to bind.
    static Poco::Data::BLOB blob(const std::string& bytes);

    /// The column type for encoded values: BLOB on SQLite, BYTEA on PostgreSQL.
    static const char* columnType(bool postgresql) { return postgresql ? "BYTEA" : "BLOB"; }

    /// The built-in preset dictionary of a version (1), for tests and tools that decode rows themselves.
    static const std::string& dictionary(int version);
};

}
} // namespace sfe::store

#endif
