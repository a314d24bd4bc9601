//
// AuditorProofHandler.h
//
// Library: sfia-evidence (host)
// Package: web
//
// GET /auditor/record?evidence=ID (one record with its proof) and GET /auditor/verify (the log checked).
//

#ifndef SFE_HOST_WEB_AUDITORPROOFHANDLER_H
#define SFE_HOST_WEB_AUDITORPROOFHANDLER_H

#include "web/PageHandler.h"

namespace sfe {
namespace host {
namespace web {

/// The auditor's proof pages, for users with the auditor role:
///   /auditor/record?evidence=ID   the plugin's evidence.show: the record, its log entries with
///                                 their hashes and whether they are intact, the checkpoint that
///                                 covers them, its statements and whether each matches the log
///   /auditor/verify               the plugin's audit.verify: the whole log, the records, the
///                                 checkpoints and the statements checked, with every problem
class AuditorProofHandler: public PageHandler
{
public:
    using PageHandler::PageHandler;

protected:
    std::string role() const override { return "auditor"; }
    void page(Exchange& exchange) override;

private:
    void record(Exchange& exchange);
    void verify(Exchange& exchange);
};

}
}
} // namespace sfe::host::web

#endif
