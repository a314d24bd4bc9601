//
// Uuid.cpp
//
// Library: sfe_xapi
// Package: syntax
//

#include "sfe/xapi/Uuid.h"
#include <Poco/Exception.h>
#include <Poco/SHA1Engine.h>
#include <Poco/UUID.h>
#include <Poco/UUIDGenerator.h>

namespace sfe {
namespace xapi {

std::string Uuid::random()
{
    return Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
}

std::string Uuid::nameBased(const std::string& namespaceUuid, const std::string& name)
{
    Poco::UUID ns;
    if (!ns.tryParse(namespaceUuid))
        throw Poco::SyntaxException("UUID namespace is not a UUID", namespaceUuid);
    Poco::SHA1Engine sha1;
    return Poco::UUIDGenerator::defaultGenerator()
        .createFromName(ns, name, sha1, Poco::UUID::UUID_NAME_BASED_SHA1)
        .toString();
}

std::string Uuid::check(const std::string& value)
{
    static const char* const kForm = "8-4-4-4-12 hex digits";
    if (value.size() != 36)
        return "is not a UUID: it has " + std::to_string(value.size()) + " characters, expected 36 (" + kForm + ")";
    bool upper = false;
    for (std::size_t i = 0; i < value.size(); ++i)
    {
        const char c = value[i];
        if (i == 8 || i == 13 || i == 18 || i == 23)
        {
            if (c != '-') return "is not a UUID: expected '-' at position " + std::to_string(i + 1) + " (" + kForm + ")";
            continue;
        }
        if (c >= 'A' && c <= 'F') { upper = true; continue; }
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return "is not a UUID: '" + std::string(1, c) + "' at position " + std::to_string(i + 1) + " is not a hex digit";
    }
    if (upper) return "has uppercase hex digits; the lowercase form is required";
    const char variant = value[19];
    if (!(variant == '8' || variant == '9' || variant == 'a' || variant == 'b'))
        return "does not have the RFC 4122 variant: character 20 is '" + std::string(1, variant)
               + "', it must be 8, 9, a or b";
    const char version = value[14];
    if (version < '1' || version > '8')
        return "has version '" + std::string(1, version) + "' (character 15); versions 1 to 8 are defined";
    return {};
}

} } // namespace sfe::xapi
