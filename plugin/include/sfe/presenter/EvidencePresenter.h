//
// EvidencePresenter.h
//
// Library: sfe_core
// Package: presenter
//
// The operations complete, attest, record, withdraw, evidence, evidence.show and statements.
//

#ifndef SFE_PRESENTER_EVIDENCEPRESENTER_H
#define SFE_PRESENTER_EVIDENCEPRESENTER_H

#include "sfe/presenter/Audience.h"
#include "sfe/presenter/Request.h"
#include "sfe/service/EvidenceService.h"

#include <Poco/JSON/Object.h>

namespace sfe {
namespace runtime {
class Error;
}
namespace plugin {
class HostServices;
}
namespace presenter {

/// Presents LMS events and evidence to hosts (docs/operations.md, "Evidence").
class EvidencePresenter
{
public:
    /// `clock` is the host, whose now() stamps what is recorded; `readers` are ui.language and
    /// ui.time_zone (the views' "lang").
    EvidencePresenter(plugin::HostServices& clock, service::EvidenceService& evidence, Audience::Defaults readers);

    std::string complete(const Request& request);
    std::string attest(const Request& request);
    std::string record(const Request& request);
    std::string withdraw(const Request& request);
    /// Evidence records selected by the filters learner, assessor, skill, level, kind, state
    /// (active, verified, withdrawn), from and to (RFC 3339 with a zone, or a date: midnight UTC).
    std::string evidence(const Request& request);
    /// One record with its proof: log entries and their hashes, covering checkpoints, statements.
    std::string show(const Request& request);
    std::string statements(const Request& request);

    /// The event a request describes (the fields of complete or attest).
    static service::LmsEvent event(const Request& request, service::LmsEvent::Type type);
    /// Events a record call writes per transaction. A larger batch is checked whole first, then
    /// written in chunks: memory stays bounded, and other writers get the store between chunks.
    static constexpr std::size_t kRecordChunk = 1000;
    static Poco::JSON::Object::Ptr evidenceJson(const store::EvidenceRecord& r);

private:
    static service::LmsEvent recordEvent(const Request::Objects& items, std::size_t i);
    /// The service's error for a chunk starting at event `first`, numbered within the request and
    /// saying which events were written before it.
    static runtime::Error chunkFailure(const runtime::Error& e, std::size_t first, std::size_t count);

    plugin::HostServices& _clock;
    service::EvidenceService& _evidence;
    Audience::Defaults _readers;
};

}
} // namespace sfe::presenter

#endif
