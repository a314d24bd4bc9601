//
// JsonText.h
//
// Library: sfe_core
// Package: presenter
//
// A JSON text read in place: checked once, then split into spans on demand, without a DOM.
//

#ifndef SFE_PRESENTER_JSONTEXT_H
#define SFE_PRESENTER_JSONTEXT_H

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sfe {
namespace presenter {

/// Reads a request without building Poco::JSON's DOM, which costs about 290 times the text for a
/// batch of events: check() validates the whole text once (RFC 8259, strict UTF-8, no unpaired
/// surrogate escapes, nesting at most kMaxDepth, at most kMaxMembers per object), and the other functions then cut a checked value
/// into spans of the same text. A caller keeps the text alive while it holds spans of it.
class JsonText
{
public:
    enum class Kind
    {
        Null,
        Boolean,
        Number,
        String,
        Object,
        Array
    };

    /// One member of an object: its key, decoded, and its value's text.
    struct Member
    {
        std::string key;
        std::string_view value;
    };

    /// Why and where (a byte offset into the text) check() refused a text.
    class SyntaxError: public std::runtime_error
    {
    public:
        SyntaxError(std::size_t offset, const std::string& reason);
        std::size_t offset() const { return _offset; }

    private:
        std::size_t _offset;
    };

    static constexpr int kMaxDepth = 64;
    /// No request object has more fields than this; a text with a million keys in one object
    /// would cost more to split than it is long.
    static constexpr std::size_t kMaxMembers = 1024;

    /// Checks that `text` is one JSON value, with whitespace around it. Returns the value's span
    /// (without the whitespace). Throws SyntaxError.
    static std::string_view check(std::string_view text);

    /// The kind of a checked value, from its first character.
    static Kind kind(std::string_view value);

    /// The members of a checked object, in order (duplicates included; the caller decides).
    static std::vector<Member> members(std::string_view object);

    /// Walks a checked array without holding its elements: `cursor` starts at 0; each call returns
    /// the next element and moves the cursor past it, or an empty view after the last.
    static std::string_view next(std::string_view array, std::size_t& cursor);

    /// The text of a checked string, escapes decoded (valid UTF-8, since check() passed).
    static std::string string(std::string_view value);
};

}
} // namespace sfe::presenter

#endif
