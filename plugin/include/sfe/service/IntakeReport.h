//
// IntakeReport.h
//
// Library: sfe_core
// Package: service
//
// What taking in a set of xAPI statements did.
//

#ifndef SFE_SERVICE_INTAKEREPORT_H
#define SFE_SERVICE_INTAKEREPORT_H

#include <cstddef>
#include <string>
#include <vector>

namespace sfe {
namespace service {

/// A statement that cannot count as evidence, and why.
struct SkippedStatement
{
    std::string statementId; ///< as given (may be empty or invalid for an invalid statement)
    std::string reason;      ///< a code: invalid, own, voiding, voided, group-actor, unknown-actor,
                             ///< not-an-activity, unmapped-activity, no-result, unsupported-verb, future
    std::string detail;      ///< what exactly: the problem, the verb or activity IRI, the voiding statement
};

/// Counts, and every statement that did not count with its reason: nothing is dropped silently.
struct IntakeReport
{
    std::size_t statements = 0; ///< looked at
    std::size_t recorded = 0;   ///< became learning evidence now
    std::size_t evidence = 0;   ///< evidence records they made (one per mapping of the activity)
    std::size_t duplicates = 0; ///< taken in before (their id is a recorded event id): nothing written
    std::vector<SkippedStatement> skipped;

    void add(const IntakeReport& other)
    {
        statements += other.statements;
        recorded += other.recorded;
        evidence += other.evidence;
        duplicates += other.duplicates;
        skipped.insert(skipped.end(), other.skipped.begin(), other.skipped.end());
    }
};

}
} // namespace sfe::service

#endif
