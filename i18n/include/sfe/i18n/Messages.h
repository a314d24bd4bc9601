//
// Messages.h
//
// Library: sfe_i18n
// Package: i18n
//
// One language's message catalog.
//

#ifndef SFE_I18N_MESSAGES_H
#define SFE_I18N_MESSAGES_H

#include "sfe/i18n/MessageArgs.h"

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace sfe {
namespace i18n {

/// Every text a person reads, in one language: the catalogs messages/<area>.<lang>.properties,
/// one `key = pattern` per line, `#` starts a comment. Patterns are ICU MessageFormat
/// ("{count, plural, one {# Aktivität} other {# Aktivitäten}}"), compiled when the catalog is
/// first used, so a broken pattern fails at once, naming its file and line.
///
/// The catalogs are compiled into the library; of() hands out one shared, immutable instance
/// per language. [thread-safe]
class Messages
{
public:
    /// Thrown for an unknown language, a key no catalog has, or a catalog that does not parse.
    class Error: public std::runtime_error
    {
    public:
        using std::runtime_error::runtime_error;
    };

    /// The catalog of `language`: "de" or "en"; a tag with a region ("de-DE", "en_GB") picks its
    /// language. Throws Error naming the language and the ones there are.
    static const Messages& of(const std::string& language);

    /// Whether of(language) would succeed.
    static bool speaks(const std::string& language);

    /// The languages there are catalogs for, e.g. {"de", "en"}.
    static std::vector<std::string> languages();

    /// The catalog's language, "de" or "en".
    const std::string& language() const { return _language; }

    /// The message `key` formatted with `args`. Throws Error for a key the catalog lacks (a
    /// programming error; tests/i18n checks that every catalog has the same keys).
    std::string format(const std::string& key, const MessageArgs& args = {}) const;

    /// Whether the catalog has `key`.
    bool has(const std::string& key) const;

    /// Every key, sorted.
    std::vector<std::string> keys() const;

    ~Messages();
    Messages(const Messages&) = delete;
    Messages& operator=(const Messages&) = delete;

private:
    struct Pattern;
    explicit Messages(std::string language);
    void load(const std::string& file, const char* data, std::size_t size);

    std::string _language;
    std::map<std::string, std::unique_ptr<Pattern>, std::less<>> _patterns;
};

}
} // namespace sfe::i18n

#endif
