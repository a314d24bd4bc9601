//
// ReviewReason.h
//
// Library: sfe_core
// Package: service
//
// Why a mapping is flagged for review after a definition change.
//

#ifndef SFE_SERVICE_REVIEWREASON_H
#define SFE_SERVICE_REVIEWREASON_H

#include "sfe/store/MappingRepository.h"

#include <string>
#include <vector>

namespace sfe {
namespace service {

/// One text a mapping refers to that the current version no longer holds as it was when the
/// mapping was made. Data, not prose: views word it in the reader's language.
struct ReviewReason
{
    enum class Kind
    {
        LevelUndefined, ///< the level is no longer defined
        LevelChanged,   ///< a whole-level mapping: the level's text changed
        Changed,        ///< the responsibility's sentence changed
        Removed         ///< the responsibility is no longer one of the level's
    };
    Kind kind = Kind::Changed;
    std::string responsibility; ///< for Changed and Removed
    int level = 0;

    /// "changed" | "removed" | "level-changed" | "level-undefined", as the views name it.
    const char* name() const;

    /// The stored, English form ("CSMG-3.1 changed its text") the flag reason has always had.
    std::string toString() const;
};

/// A mapping a definition change flagged for review, with its reasons (MappingService::reviewAfterImport).
struct FlaggedMapping
{
    store::MappingRecord mapping;
    std::vector<ReviewReason> reasons;
};

}
} // namespace sfe::service

#endif
