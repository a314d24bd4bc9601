//
// TextHash.cpp
//
// Library: sfe_definition
// Package: definition
//

#include "sfe/definition/TextHash.h"
#include "sfe/definition/Canonical.h"
#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace sfe {
namespace definition {

std::string TextHash::sha256Hex(const std::string& bytes)
{
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes);
    return Poco::DigestEngine::digestToHex(engine.digest());
}

void TextHash::apply(Definition& definition, const std::string& documentBytes)
{
    definition.contentSha256 = sha256Hex(documentBytes);
    for (auto& skill : definition.skills)
    {
        for (auto& level : skill.levels)
        {
            for (auto& responsibility : level.responsibilities)
                responsibility.textSha256 = sha256Hex(Canonical::responsibilityText(responsibility));
            level.textSha256 = sha256Hex(Canonical::levelText(level));
        }
    }
}

}
} // namespace sfe::definition
