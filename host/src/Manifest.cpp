//
// Manifest.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// What a plugin manifest says.
//

#include "Manifest.h"

namespace sfe {
namespace host {

const ConfigurationKey* Manifest::key(const std::string& keyName) const
{
    for (const auto& k : configuration)
    {
        if (k.name == keyName) return &k;
    }
    return nullptr;
}

}
} // namespace sfe::host
