//
// LanguageMap.h
//
// Library: sfe_xapi
// Package: model
//
// xAPI language maps: RFC 5646 language tag to text.
//

#ifndef SFE_XAPI_LANGUAGEMAP_H
#define SFE_XAPI_LANGUAGEMAP_H

#include <map>
#include <string>

namespace sfe {
namespace xapi {

/// A language map ("display", "name", "description"): RFC 5646 tag to text. Ordered by tag, so
/// serialisation is deterministic. StatementValidator checks the tags and refuses empty maps.
using LanguageMap = std::map<std::string, std::string>;

}
} // namespace sfe::xapi

#endif // SFE_XAPI_LANGUAGEMAP_H
