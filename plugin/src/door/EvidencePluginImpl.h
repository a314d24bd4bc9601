//
// EvidencePluginImpl.h
//
// Library: sfe_plugin
// Package: door
//
// The C++ door: the class the module's Poco::ClassLoader manifest exports.
//

#ifndef SFE_DOOR_EVIDENCEPLUGINIMPL_H
#define SFE_DOOR_EVIDENCEPLUGINIMPL_H

#include "sfe/plugin/EvidencePlugin.h"
#include "sfe/runtime/Runtime.h"

#include <memory>
#include <mutex>

namespace sfe {
namespace plugin {

/// EvidencePlugin over a runtime::Runtime. Exported as "sfe::plugin::EvidencePluginImpl".
class EvidencePluginImpl: public EvidencePlugin
{
public:
    EvidencePluginImpl() = default;
    ~EvidencePluginImpl() override;

    int abiVersion() const override;
    void start(HostServices& host) override;
    void stop() override;
    Result call(const std::string& operation, const std::string& requestJson) override;

private:
    std::mutex _mutex;
    std::shared_ptr<runtime::Runtime> _runtime; ///< shared with calls in flight, which keep it alive
};

}
} // namespace sfe::plugin

#endif
