//
// IntakePresenter.h
//
// Library: sfe_core
// Package: presenter
//
// The operations pull and record.statements: xAPI statements taken in as learning evidence.
//

#ifndef SFE_PRESENTER_INTAKEPRESENTER_H
#define SFE_PRESENTER_INTAKEPRESENTER_H

#include "sfe/presenter/Request.h"
#include "sfe/service/IntakeReport.h"
#include "sfe/service/PullService.h"
#include "sfe/service/StatementIntake.h"
#include "sfe/service/StatementReader.h"

#include <Poco/JSON/Object.h>

namespace sfe {
namespace plugin {
class HostServices;
}
namespace presenter {

/// Presents the intake of xAPI statements to hosts (docs/operations.md, "xAPI in").
class IntakePresenter
{
public:
    /// `clock` is the host, whose now() stamps what is recorded.
    IntakePresenter(plugin::HostServices& clock, service::PullService& pull, service::StatementIntake& intake);

    /// {"since"?, "next"?, "pages"?, "limit"?} -> the report of the pages read, "next" while the
    /// feed goes on, and the cursor.
    std::string pull(const Request& request);

    /// {"statements": [xAPI statements]} -> the report. Refuses the whole request (SFE_INVALID),
    /// naming the statement's index and the field, when any statement is not well-formed.
    std::string recordStatements(const Request& request);

private:
    static Poco::JSON::Object::Ptr reportJson(const service::IntakeReport& report);

    plugin::HostServices& _clock;
    service::PullService& _pull;
    service::StatementIntake& _intake;
    service::StatementReader _reader;
};

}
} // namespace sfe::presenter

#endif
