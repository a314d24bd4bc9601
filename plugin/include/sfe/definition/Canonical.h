//
// Canonical.h
//
// Library: sfe_definition
// Package: definition
//
// The canonical serializations that text hashes are computed over.
//

#ifndef SFE_DEFINITION_CANONICAL_H
#define SFE_DEFINITION_CANONICAL_H

#include "sfe/definition/Model.h"
#include <string>

namespace sfe {
namespace definition {

/// Serializes texts into a deterministic byte form, so their hashes identify the text (in every
/// language) and not the XML around it: reformatting, reordering languages or attributes, or
/// changing another level leaves them unchanged. Specified in docs/definition-format.md:
///
///   header line:  "sfia-evidence <kind> text 1\n"
///   then records: NAME " " BYTE-LENGTH ":" VALUE "\n"   (VALUE is UTF-8, taken as is)
///
/// Localized texts give one record per language, named FIELD "." LANGUAGE, in ascending byte
/// order of the language tag. Empty texts give no record.
class Canonical
{
public:
    /// "sfia-evidence responsibility text 1\n", then "text.<lang>" records.
    static std::string responsibilityText(const Responsibility& responsibility);

    /// "sfia-evidence level text 1\n", then in this order: "number", "defined" ("true"/"false"),
    /// "guidingPhrase.<lang>", "essence.<lang>", for each responsibility "responsibility" (its id)
    /// followed by its "text.<lang>" records, "developmentGuidance.<lang>",
    /// "notDefined.understanding.<lang>", "notDefined.development.<lang>", and for each step
    /// "notDefined.developmentStep" (its 1-based index) followed by its "text.<lang>" records.
    static std::string levelText(const Level& level);
};

}
} // namespace sfe::definition

#endif
