//
// TextDictionaries.h
//
// Library: sfe_core
// Package: store
//
// The store's own compression dictionaries: one per definition version and skill.
//

#ifndef SFE_STORE_TEXTDICTIONARIES_H
#define SFE_STORE_TEXTDICTIONARIES_H

#include "sfe/store/StoredText.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace sfe {
namespace store {

class Database;

/// What most of a compressed statement body still is after the built-in dictionary: the texts of
/// the definition (skill and level names and descriptions, responsibility sentences, in each
/// language) and its hashes, which no built-in vocabulary can know. A store dictionary is the
/// built-in one followed by those texts of one skill of one definition version, as JSON strings;
/// StoredText version 2 compresses against it.
///
/// Dictionaries live in table text_dictionaries (schema 10) and are immutable: every value encoded
/// with one names it by id and checksum and must decode as long as the store exists, so an edit
/// would silently turn those texts (and the hashes of the log) into something else. Triggers refuse
/// UPDATE and DELETE; a definition version's dictionaries are written when it is imported (or by the
/// migration for versions imported before), never after. They hold definition texts only, no
/// personal data: erasing a learner leaves them as they are.
class TextDictionaries
{
public:
    explicit TextDictionaries(Database& db);

    /// The dictionary for the definition version and skill that `text` (a statement body or a log
    /// entry as this plugin writes them) names, or null when it names none or the store has none for
    /// them (the text is then encoded with the built-in dictionary). Reads the table once per pair.
    const StoredText::Dictionary* forText(const std::string& text);

    /// Writes the dictionaries of a stored definition version, one per skill, that are not there
    /// yet; call inside the write transaction that stores the version.
    void create(const std::string& definitionSha256);

    /// Gives every dictionary of the store to StoredText::remember() (when the store opens).
    void loadAll();

    /// The bytes of the dictionary of one skill of a stored definition version (deterministic).
    std::string build(const std::string& definitionSha256, const std::string& skillCode);

private:
    Database& _db;
    std::mutex _mutex;
    /// (definition, skill) -> dictionary; null for a pair the store had none for when last asked.
    std::map<std::pair<std::string, std::string>, std::shared_ptr<const StoredText::Dictionary>> _cache;
};

}
} // namespace sfe::store

#endif
