//
// PullCursor.h
//
// Library: sfe_core
// Package: store
//
// Where `pull` left off in an LRS's statement feed.
//

#ifndef SFE_STORE_PULLCURSOR_H
#define SFE_STORE_PULLCURSOR_H

#include "sfe/store/Database.h"

#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace store {

/// A position in an LRS's feed (statements in `stored` order): the `stored` time of the last
/// statement taken in, as the LRS wrote it, and the ids of the statements taken in that were
/// stored at that same instant. The next pull asks from just before that time and skips those ids,
/// so statements with equal `stored` times are neither lost nor taken twice.
struct FeedPosition
{
    std::string stored;
    std::vector<std::string> ids;
};

/// Reads and writes the position of each LRS (by its endpoint) in the table pull_cursor
/// (migration 9). save() writes in a transaction of its own.
class PullCursor
{
public:
    explicit PullCursor(Database& db);

    /// The position reached in the feed of `lrs`; empty when nothing was pulled from it yet.
    std::optional<FeedPosition> load(const std::string& lrs);

    /// Stores the position reached (replacing the previous one), stamped `at`.
    void save(const std::string& lrs, const FeedPosition& position, const std::string& at);

private:
    Database& _db;
};

}
} // namespace sfe::store

#endif
