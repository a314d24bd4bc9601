//
// EvidenceSummary.h
//
// Library: sfia-evidence (host)
// Package: render
//
// One evidence record in one line, for explanations.
//

#ifndef SFE_HOST_RENDER_EVIDENCESUMMARY_H
#define SFE_HOST_RENDER_EVIDENCESUMMARY_H

#include <Poco/JSON/Object.h>

#include <string>

namespace sfe {
namespace host {

/// Describes an evidence record in a line, e.g.
/// "214a021b-… attested demonstrated by a7 at 2025-03-01T09:00:00.000Z; statements 8d038149-…",
/// from the "evidence" map that `progress` returns with explain (records by id, each with its
/// statement ids).
class EvidenceSummary
{
public:
    static std::string describe(const Poco::JSON::Object::Ptr& records, const std::string& id);
    /// The record `id` described; just the id when the map lacks it.

    static std::string result(const Poco::JSON::Object& record);
    /// "completed course-101, score 0.85", "attested demonstrated by a7": what the record says.

    static std::string score(const Poco::JSON::Object& record);
    /// The record's score as the LMS reported it: "0.85", "85/100", "85/100 (0.85)"; empty
    /// when it has none.
};

}
} // namespace sfe::host

#endif
