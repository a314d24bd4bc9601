//
// TextCodec.h
//
// Library: sfe_core
// Package: store
//
// How localised texts are kept in a TEXT column: a JSON object from language tag to text.
//

#ifndef SFE_STORE_TEXTCODEC_H
#define SFE_STORE_TEXTCODEC_H

#include "sfe/definition/Model.h"

#include <string>
#include <vector>

namespace sfe {
namespace store {

/// Encodes and decodes localised texts for storage: {"de-DE": "…", "en-GB": "…"}.
class TextCodec
{
public:
    static std::string encode(const definition::LocalizedText& text);
    /// Throws Poco::Exception if `json` is not an object of strings.
    static definition::LocalizedText decode(const std::string& json);

    static std::string encodeList(const std::vector<definition::LocalizedText>& texts);
    static std::vector<definition::LocalizedText> decodeList(const std::string& json);

    /// A NotDefinedGuidance as {"understanding": {...}, "development": {...}}.
    static std::string encodeGuidance(const definition::NotDefinedGuidance& guidance);
    static definition::NotDefinedGuidance decodeGuidance(const std::string& json);
};

}
} // namespace sfe::store

#endif
