//
// Audience.h
//
// Library: sfe_core
// Package: presenter
//
// Who reads a response: the language of its texts and the time zone of its dates.
//

#ifndef SFE_PRESENTER_AUDIENCE_H
#define SFE_PRESENTER_AUDIENCE_H

#include "sfe/i18n/MessageArgs.h"
#include "sfe/i18n/Messages.h"
#include "sfe/i18n/TimeText.h"

#include <string>

namespace sfe {
namespace presenter {

class Request;

/// The reader of one response. Views put every text through it (catalog messages, dates in the
/// reader's zone); statements and the store keep UTC and never use it. One per request: its
/// TimeText is not shared across threads.
class Audience
{
public:
    /// What the host configured: ui.language (empty: each definition's own) and ui.time_zone.
    struct Defaults
    {
        std::string language;
        std::string timeZone = "Europe/Berlin";
    };

    /// The request's 'lang' if given, else `defaults.language`, else `definitionLanguage`
    /// (an xml:lang such as "de-DE"), else English. Throws runtime::Error (SFE_INVALID) for a
    /// 'lang' there are no messages for, naming it and the languages there are.
    static Audience of(const Request& request, const Defaults& defaults, const std::string& definitionLanguage);

    const std::string& language() const { return _messages->language(); }
    const i18n::Messages& messages() const { return *_messages; }
    const i18n::TimeText& times() const { return _times; }

    /// The catalog message `key` in the reader's language.
    std::string text(const std::string& key, const i18n::MessageArgs& args = {}) const
    {
        return _messages->format(key, args);
    }

private:
    Audience(const i18n::Messages& messages, i18n::TimeText times);

    const i18n::Messages* _messages;
    i18n::TimeText _times;
};

}
} // namespace sfe::presenter

#endif
