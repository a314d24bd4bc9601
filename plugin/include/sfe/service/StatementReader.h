//
// StatementReader.h
//
// Library: sfe_core
// Package: service
//
// Reads xAPI statements made by others (an LRS's feed, an LMS forwarding H5P, cmi5 or SCORM
// xAPI) into the xapi model, with every problem named by its path.
//

#ifndef SFE_SERVICE_STATEMENTREADER_H
#define SFE_SERVICE_STATEMENTREADER_H

#include "sfe/xapi/Problem.h"
#include "sfe/xapi/Statement.h"
#include "sfe/xapi/StatementValidator.h"

#include <Poco/Dynamic/Var.h>

#include <string>
#include <vector>

namespace sfe {
namespace service {

/// A statement as read: the parts the intake uses, and what is wrong with it.
struct IncomingStatement
{
    xapi::Statement statement; ///< id, actor, verb, object, result, context categories
    std::string objectType;    ///< Activity, Agent, Group, StatementRef or SubStatement
    std::string timestamp;     ///< as given (RFC 3339); empty when absent
    std::string stored;        ///< as the LRS gave it; empty when absent
    xapi::Problems problems;   ///< empty: the statement is well-formed
};

/// Reads one statement's JSON (a parsed Poco::JSON value) into the xapi model: only the parts the
/// intake needs (id, actor, verb, object, result, context.contextActivities.category, timestamp,
/// stored); other parts are not read and not checked. A part of the wrong JSON type is a problem
/// naming its path ("statements[3].result.success: must be true or false"), then the model is
/// checked with xapi::StatementValidator (ids are UUIDs, IRIs absolute, one identifier per agent,
/// mbox as mailto:, score ranges, UTF-8), except what the spec only recommends: verb.display, and a
/// timestamp with milliseconds in UTC (any RFC 3339 time with a zone is taken).
class StatementReader
{
public:
    StatementReader();

    /// `path` names the statement in problems, e.g. "statements[3]".
    IncomingStatement read(const Poco::Dynamic::Var& json, const std::string& path) const;

private:
    xapi::StatementValidator _validator;
};

}
} // namespace sfe::service

#endif
