//
// EvidencePluginImpl.cpp
//
// Library: sfe_plugin
// Package: door
//

#include "EvidencePluginImpl.h"

#include "sfe/runtime/Error.h"

#include "sfe.h"

#include <Poco/ClassLibrary.h>

namespace sfe {
namespace plugin {

EvidencePluginImpl::~EvidencePluginImpl()
{
    stop();
}

int EvidencePluginImpl::abiVersion() const
{
    return SFE_ABI_VERSION;
}

void EvidencePluginImpl::start(HostServices& host)
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (_runtime) throw runtime::Error::misuse("start: the plugin is already started");
    _runtime = std::make_shared<runtime::Runtime>(host);
}

void EvidencePluginImpl::stop()
{
    std::shared_ptr<runtime::Runtime> stopping;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        stopping = std::move(_runtime);
    }
    if (stopping) stopping->stop();
}

EvidencePlugin::Result EvidencePluginImpl::call(const std::string& operation, const std::string& requestJson)
{
    // A call racing stop() on another thread keeps the Runtime alive and is told it stopped.
    std::shared_ptr<runtime::Runtime> rt;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        rt = _runtime;
    }
    if (!rt)
    {
        // The operation is the host's text: quoted only as far as it keeps the JSON valid.
        std::string message = runtime::Error::printable(operation, 64) + ": the plugin is not started";
        for (auto& c : message)
            if (c == '"' || c == '\\') c = '?';
        return {SFE_MISUSE, "{\"status\":6,\"error\":\"misuse\",\"message\":\"" + message + "\"}", message};
    }
    return rt->call(operation, requestJson);
}

}
} // namespace sfe::plugin

POCO_BEGIN_MANIFEST(sfe::plugin::EvidencePlugin)
POCO_EXPORT_CLASS(sfe::plugin::EvidencePluginImpl)
POCO_END_MANIFEST
