//
// MappingChanges.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The lines that say what a mapping replaced and how it renamed its activity (`map`, `mappings import`).
//

#ifndef SFE_HOST_RENDER_MAPPINGCHANGES_H
#define SFE_HOST_RENDER_MAPPINGCHANGES_H

#include "sfe/i18n/Messages.h"

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace sfe {
namespace host {

/// Words (catalog admin.map.*, admin.target.*) the "replaced", "renamed" and "retyped" members of a map outcome (MappingPresenter::outcomeJson):
/// replacing a mapping or renaming an activity (in all its mappings) must never happen unsaid.
class MappingChanges
{
public:
    /// "replaced mapping ID (CSMG level 3 for CSMG-3.1)", "renamed activity X from "A" to "B" in its
    /// 2 mappings", ...; none when the outcome changed nothing but the mapping itself.
    static std::vector<std::string> lines(const i18n::Messages& messages, const Poco::JSON::Object& outcome);

    /// "CSMG level 3 as a whole" or "CSMG level 3 for CSMG-3.1, CSMG-3.3".
    static std::string target(const i18n::Messages& messages, const Poco::JSON::Object& mapping);
};

}
} // namespace sfe::host

#endif
