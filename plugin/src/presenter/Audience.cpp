//
// Audience.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/Audience.h"

#include "sfe/presenter/Request.h"
#include "sfe/runtime/Error.h"

namespace sfe {
namespace presenter {

Audience::Audience(const i18n::Messages& messages, i18n::TimeText times):
    _messages(&messages),
    _times(std::move(times))
{}

Audience Audience::of(const Request& request, const Defaults& defaults, const std::string& definitionLanguage)
{
    std::string language = request.optString(Request::kLang).value_or("");
    if (!language.empty() && !i18n::Messages::speaks(language))
        request.fail(Request::kLang, "must be one of de, en (not '" + runtime::Error::printable(language, 32) + "')");
    if (language.empty()) language = defaults.language;
    if (language.empty() && i18n::Messages::speaks(definitionLanguage)) language = definitionLanguage;
    if (language.empty()) language = "en";
    const i18n::Messages& messages = i18n::Messages::of(language);
    return Audience(messages, i18n::TimeText(messages.language(), defaults.timeZone));
}

}
} // namespace sfe::presenter
