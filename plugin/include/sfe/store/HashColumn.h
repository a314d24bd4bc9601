//
// HashColumn.h
//
// Library: sfe_core
// Package: store
//
// How the store keeps a SHA-256 it computed: its 32 bytes, read back as the hex the rest uses.
//

#ifndef SFE_STORE_HASHCOLUMN_H
#define SFE_STORE_HASHCOLUMN_H

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Nullable.h>

#include <cstddef>
#include <optional>
#include <string>

namespace sfe {
namespace store {

/// The log's content and chain hashes and the evidence row's level-text hash, people's refs and
/// note hash are kept as 32-byte BLOBs (BYTEA on PostgreSQL; schema 12), not 64 hex digits: half the
/// bytes, on every row. Everything above the store, the chain's arithmetic included, keeps using
/// lower-case hex; the conversion happens only where a repository binds or reads such a column.
class HashColumn
{
public:
    /// The bytes to store for a hash given as hex. Throws Poco::DataFormatException for anything
    /// that is not hex.
    static Poco::Data::BLOB bytes(const std::string& hex);

    /// The same, NULL for nullopt or "".
    static Poco::Nullable<Poco::Data::BLOB> nullableBytes(const std::optional<std::string>& hex);

    /// The hex of stored bytes: of whatever the column holds, so that a value someone wrote there as
    /// text reads as something no SHA-256 hex is, and verification names it.
    static std::string hex(const void* bytes, std::size_t size);

    /// The hex of column `name` of the current row; nullopt for NULL.
    static std::optional<std::string> hexAt(Poco::Data::RecordSet& rs, const std::string& name);
};

}
} // namespace sfe::store

#endif
