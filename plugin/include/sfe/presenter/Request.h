//
// Request.h
//
// Library: sfe_core
// Package: presenter
//
// Typed, checked access to an operation's JSON arguments.
//

#ifndef SFE_PRESENTER_REQUEST_H
#define SFE_PRESENTER_REQUEST_H

#include "sfe/i18n/MessageArgs.h"
#include "sfe/presenter/JsonText.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sfe {
namespace presenter {

/// An operation's request object. Every accessor names the operation and the field in its
/// error (runtime::Error, SFE_INVALID), e.g. "show: 'level' must be an integer", in the language
/// the request asks for in "lang" (catalog errors.<lang>.properties; English without it).
///
/// The request is read in place (JsonText): the text is checked once, and each object is cut into
/// its members only when it is read, so a batch of 200,000 events costs its text plus one event at
/// a time, not a DOM. The text must outlive the Request and every Request taken from it.
///
/// Strict strings: every string getter refuses invalid UTF-8 (the text check), and control
/// characters (U+0000-U+001F, U+007F, U+0080-U+009F) naming the field and the character's
/// position; text()/optText() allow tab, line feed and carriage return in free text (notes,
/// reasons). No operation can miss the check: there is no other way to read a string.
class Request
{
public:
    /// Checks `json` (empty means {}). Throws SFE_INVALID if it is not a JSON object, naming the
    /// byte where the text goes wrong.
    Request(const std::string& operation, std::string_view json);

    /// The elements of an array of objects, each read when asked for. Nothing is held per element:
    /// reading them in order walks the text once (the cursor), so 200,000 events cost no index.
    class Objects
    {
    public:
        std::size_t size() const { return _size; }
        /// Element i as a Request named "<operation> <key>[i]". Throws SFE_INVALID if it is not an
        /// object. In order it is a step; out of order it walks from the start.
        Request at(std::size_t i) const;

    private:
        friend class Request;
        std::string _operation;
        std::string _language;
        std::string _key;
        std::string_view _array;
        std::size_t _size = 0;
        mutable std::size_t _cursorIndex = 0; ///< the index of the element the cursor is before
        mutable std::size_t _cursor = 0;
    };

    const std::string& operation() const { return _operation; }
    bool has(const std::string& key) const;

    std::string string(const std::string& key) const; ///< required, non-empty
    std::optional<std::string> optString(const std::string& key) const;
    std::string text(const std::string& key) const;                   ///< required free text
    std::optional<std::string> optText(const std::string& key) const; ///< free text: tabs, line breaks
    std::optional<int> optInt(const std::string& key) const;
    std::optional<double> optNumber(const std::string& key) const;
    std::optional<bool> optBool(const std::string& key) const;
    bool isNumber(const std::string& key) const;
    bool isObject(const std::string& key) const;
    std::vector<std::string> strings(const std::string& key) const; ///< optional, at most kMaxStrings
    static constexpr std::size_t kMaxStrings = 1024;
    /// An optional object, as a Request named "<operation> <key>".
    std::optional<Request> optObject(const std::string& key) const;
    /// A required array of objects.
    Objects objects(const std::string& key) const;
    /// The value of `key` as its JSON text (checked: syntax, UTF-8), or nullopt when absent or null:
    /// for a value handed whole to a reader of its own (record.statements' xAPI statements).
    std::optional<std::string_view> json(const std::string& key) const;

    /// The same request under another name (for messages), e.g. "event 3 (attest)".
    Request renamed(const std::string& operation) const;

    /// Fields every request may carry besides its own: who calls (auth.enforce) and the language
    /// of what people read. allowOnly() accepts them at the top level, never inside an object.
    static constexpr const char* kCaller = "caller";
    static constexpr const char* kLang = "lang";

    /// Throws SFE_INVALID naming the first field that is not one of `known`: a misspelt field
    /// must not be dropped silently.
    void allowOnly(std::initializer_list<const char*> known) const;

    /// "limit" when not given, and the largest taken: a caller written before paging gets every
    /// item of a list up to this size in one page, as before; a page's memory stays bounded.
    static constexpr std::size_t kPageLimit = 10000;
    static constexpr std::size_t kMaxPageLimit = 10000;

    /// One page of a list operation (evidence, statements, outbox, ...): at most `limit` items,
    /// those after the cursor `afterSeq` (0: from the first). Every list operation reads its page
    /// with page() and returns nextCursor() as "next" when there may be more.
    struct Page
    {
        std::size_t limit = kPageLimit;
        long long afterSeq = 0;
        std::string afterKey; ///< keyedPage(): the key the previous page ended at ("": from the first)
    };

    /// The request's "limit" (an integer from 1 to kMaxPageLimit) and "after" (a cursor this
    /// operation returned as "next"). Throws SFE_INVALID naming the field for any other value,
    /// e.g. a cursor of another operation.
    Page page() const;

    /// The cursor ("next") for the page after one that ended at `seq`: opaque to callers, good
    /// only for this operation.
    std::string nextCursor(long long seq) const;

    /// As page(), for a list whose order is not a sequence number (mappings: skill, level,
    /// activity): "after" carries a key of the operation's own, which `valid` checks (a cursor
    /// holding any other text is refused naming "after", as page() refuses one).
    Page keyedPage(const std::function<bool(const std::string& key)>& valid) const;

    /// The cursor ("next") for the page after one that ended at the item with `key`.
    std::string nextCursor(const std::string& key) const;

    /// Throws SFE_INVALID naming the field and the reason (as given: English).
    [[noreturn]] void fail(const std::string& key, const std::string& reason) const;

    /// The language the request's own messages are in: its top-level "lang" when there are
    /// messages for it, else "en". Objects inside a request speak their request's language.
    const std::string& language() const { return _language; }

private:
    using Members = std::vector<JsonText::Member>;
    Request(std::string operation, std::string_view object, std::string language);

    /// Throws SFE_INVALID with the catalog message errors.request.<message> ("{operation}:
    /// '{field}' ..."), in language().
    [[noreturn]] void refuse(const std::string& key, const std::string& message, i18n::MessageArgs args = {}) const;

    /// The value of `key`, or nullptr when absent or null.
    const std::string_view* find(const std::string& key) const;
    std::string checkedString(const std::string& key, std::string_view value, bool freeText) const;

    std::string _operation;
    std::shared_ptr<const Members> _members;
    bool _envelope = false; ///< the request itself, not an object inside it
    std::string _language = "en";
};

}
} // namespace sfe::presenter

#endif
