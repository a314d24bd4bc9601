//
// Request.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/Request.h"

#include "sfe/i18n/Messages.h"
#include "sfe/runtime/Error.h"
#include "sfe/xapi/Utf8.h"

#include <Poco/NumberParser.h>

#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

namespace sfe {
namespace presenter {

Request::Request(const std::string& operation, std::string_view json):
    _operation(operation)
{
    if (json.find_first_not_of(" \t\r\n") == std::string_view::npos)
    {
        _members = std::make_shared<const Members>();
        return;
    }
    std::string_view value;
    try
    {
        value = JsonText::check(json);
    }
    catch (const JsonText::SyntaxError& e)
    {
        throw runtime::Error::invalid(operation + ": the request is not valid JSON: " + e.what());
    }
    if (JsonText::kind(value) != JsonText::Kind::Object)
        throw runtime::Error::invalid(operation + ": the request must be a JSON object");
    *this = Request(operation, value, std::string());
    _envelope = true;
}

Request::Request(std::string operation, std::string_view object, std::string language):
    _operation(std::move(operation))
{
    auto members = std::make_shared<Members>(JsonText::members(object));
    // The request itself (language "") says in "lang" which language its messages are to be in;
    // a 'lang' there are no messages for is refused by Audience, where it is read for the reply.
    if (language.empty())
    {
        for (const auto& m : *members)
        {
            if (m.key != kLang || JsonText::kind(m.value) != JsonText::Kind::String) continue;
            const std::string asked = JsonText::string(m.value);
            if (i18n::Messages::speaks(asked)) language = i18n::Messages::of(asked).language();
        }
    }
    _language = language.empty() ? "en" : language;
    // A field given twice would be read as one of them, silently: refused.
    std::set<std::string_view> seen;
    for (const auto& m : *members)
        if (!seen.insert(m.key).second) refuse(m.key, "twice");
    _members = std::move(members);
}

Request Request::renamed(const std::string& operation) const
{
    Request r(*this);
    r._operation = operation;
    return r;
}

const std::string_view* Request::find(const std::string& key) const
{
    for (const auto& m : *_members)
        if (m.key == key) return JsonText::kind(m.value) == JsonText::Kind::Null ? nullptr : &m.value;
    return nullptr;
}

std::optional<std::string_view> Request::json(const std::string& key) const
{
    const std::string_view* value = find(key);
    if (!value) return std::nullopt;
    return *value;
}

bool Request::has(const std::string& key) const
{
    return find(key) != nullptr;
}

void Request::allowOnly(std::initializer_list<const char*> known) const
{
    for (const auto& m : *_members)
    {
        // Every request may say who calls and in which language (read by the runtime, not here).
        bool ok = _envelope && (m.key == kCaller || m.key == kLang);
        for (const char* k : known) ok = ok || m.key == k;
        if (!ok) refuse(m.key, "unknownField");
    }
}

void Request::fail(const std::string& key, const std::string& reason) const
{
    throw runtime::Error::invalid(_operation + ": '" + runtime::Error::printable(key) + "' " + reason);
}

void Request::refuse(const std::string& key, const std::string& message, i18n::MessageArgs args) const
{
    args.set("operation", _operation).set("field", runtime::Error::printable(key));
    throw runtime::Error::invalid(i18n::Messages::of(_language).format("errors.request." + message, args));
}

std::string Request::checkedString(const std::string& key, std::string_view value, bool freeText) const
{
    std::string text = JsonText::string(value);
    // Valid UTF-8 already (JsonText::check); what is left is characters that have no place in an
    // id or a note: NUL cuts a value short in C strings, ESC drives terminals, and so on.
    std::size_t offset = 0, position = 0;
    std::uint32_t c = 0;
    while (xapi::Utf8::decode(text, offset, c))
    {
        ++position;
        if (!xapi::Utf8::isControl(c)) continue;
        if (freeText && (c == '\t' || c == '\n' || c == '\r')) continue;
        refuse(key, freeText ? "control" : "controlInId",
               i18n::MessageArgs()
                   .set("character", xapi::Utf8::codePointName(c))
                   .set("position", std::to_string(position)));
    }
    return text;
}

Request::Objects Request::objects(const std::string& key) const
{
    const std::string_view* v = find(key);
    if (!v) refuse(key, "required");
    if (JsonText::kind(*v) != JsonText::Kind::Array) refuse(key, "objects");
    Objects out;
    out._operation = _operation;
    out._language = _language;
    out._key = key;
    out._array = *v;
    std::size_t cursor = 0;
    while (!JsonText::next(out._array, cursor).empty()) ++out._size;
    return out;
}

Request Request::Objects::at(std::size_t i) const
{
    const std::string name = _key + "[" + std::to_string(i) + "]";
    if (i >= _size) throw std::out_of_range(name);
    if (i < _cursorIndex)
    {
        _cursorIndex = 0;
        _cursor = 0;
    }
    std::string_view element = JsonText::next(_array, _cursor);
    for (; _cursorIndex < i; ++_cursorIndex) element = JsonText::next(_array, _cursor);
    ++_cursorIndex;
    if (JsonText::kind(element) != JsonText::Kind::Object)
        throw runtime::Error::invalid(i18n::Messages::of(_language).format(
            "errors.request.object", i18n::MessageArgs().set("operation", _operation).set("field", name)));
    return Request(_operation + " " + name, element, _language);
}

std::optional<Request> Request::optObject(const std::string& key) const
{
    const std::string_view* v = find(key);
    if (!v) return std::nullopt;
    if (JsonText::kind(*v) != JsonText::Kind::Object) refuse(key, "object");
    return Request(_operation + " " + key, *v, _language);
}

std::string Request::string(const std::string& key) const
{
    auto value = optString(key);
    if (!value) refuse(key, "required");
    if (value->empty()) refuse(key, "empty");
    return *value;
}

std::optional<std::string> Request::optString(const std::string& key) const
{
    const std::string_view* v = find(key);
    if (!v) return std::nullopt;
    if (JsonText::kind(*v) != JsonText::Kind::String) refuse(key, "string");
    return checkedString(key, *v, false);
}

std::string Request::text(const std::string& key) const
{
    auto value = optText(key);
    if (!value) refuse(key, "required");
    if (value->empty()) refuse(key, "empty");
    return *value;
}

std::optional<std::string> Request::optText(const std::string& key) const
{
    const std::string_view* v = find(key);
    if (!v) return std::nullopt;
    if (JsonText::kind(*v) != JsonText::Kind::String) refuse(key, "string");
    return checkedString(key, *v, true);
}

bool Request::isNumber(const std::string& key) const
{
    const std::string_view* v = find(key);
    return v && JsonText::kind(*v) == JsonText::Kind::Number;
}

bool Request::isObject(const std::string& key) const
{
    const std::string_view* v = find(key);
    return v && JsonText::kind(*v) == JsonText::Kind::Object;
}

std::optional<double> Request::optNumber(const std::string& key) const
{
    const std::string_view* v = find(key);
    if (!v) return std::nullopt;
    double d = 0;
    if (JsonText::kind(*v) != JsonText::Kind::Number || !Poco::NumberParser::tryParseFloat(std::string(*v), d))
        refuse(key, "number");
    if (!std::isfinite(d)) refuse(key, "finite");
    return d;
}

std::optional<int> Request::optInt(const std::string& key) const
{
    const std::string_view* v = find(key);
    if (!v) return std::nullopt;
    if (JsonText::kind(*v) != JsonText::Kind::Number) refuse(key, "integer");
    const std::string literal(*v);
    if (literal.find_first_of(".eE") == std::string::npos)
    {
        Poco::Int64 n = 0;
        if (!Poco::NumberParser::tryParse64(literal, n) || n < std::numeric_limits<int>::min() ||
            n > std::numeric_limits<int>::max())
            refuse(key, "range");
        return static_cast<int>(n);
    }
    double d = 0;
    if (Poco::NumberParser::tryParseFloat(literal, d) && std::floor(d) == d && std::fabs(d) < 1e9)
        return static_cast<int>(d);
    refuse(key, "integer");
}

Request::Page Request::page() const
{
    // "<operation>:<seq>": a cursor names its operation, so one of another list is refused
    // rather than read as a position in this one.
    Poco::Int64 seq = 0;
    Page page = keyedPage([&seq](const std::string& key) {
        return key.find_first_not_of("0123456789") == std::string::npos && Poco::NumberParser::tryParse64(key, seq) &&
               seq >= 1;
    });
    page.afterSeq = seq;
    return page;
}

std::string Request::nextCursor(long long seq) const
{
    return _operation + ":" + std::to_string(seq);
}

Request::Page Request::keyedPage(const std::function<bool(const std::string& key)>& valid) const
{
    Page page;
    if (const auto limit = optInt("limit"))
    {
        if (*limit < 1 || static_cast<std::size_t>(*limit) > kMaxPageLimit)
            refuse("limit", "limit", i18n::MessageArgs().set("max", std::to_string(kMaxPageLimit)));
        page.limit = static_cast<std::size_t>(*limit);
    }
    if (const auto after = optString("after"))
    {
        const std::string prefix = _operation + ":";
        if (after->compare(0, prefix.size(), prefix) != 0 || after->size() == prefix.size() ||
            !valid(after->substr(prefix.size())))
            refuse("after", "cursor", i18n::MessageArgs().set("value", runtime::Error::printable(*after)));
        page.afterKey = after->substr(prefix.size());
    }
    return page;
}

std::string Request::nextCursor(const std::string& key) const
{
    return _operation + ":" + key;
}

std::optional<bool> Request::optBool(const std::string& key) const
{
    const std::string_view* v = find(key);
    if (!v) return std::nullopt;
    if (JsonText::kind(*v) != JsonText::Kind::Boolean) refuse(key, "boolean");
    return v->front() == 't';
}

std::vector<std::string> Request::strings(const std::string& key) const
{
    std::vector<std::string> out;
    const std::string_view* v = find(key);
    if (!v) return out;
    if (JsonText::kind(*v) != JsonText::Kind::Array) refuse(key, "strings");
    std::size_t cursor = 0;
    for (std::string_view e = JsonText::next(*v, cursor); !e.empty(); e = JsonText::next(*v, cursor))
    {
        // Lists in requests are short (a mapping's responsibilities); a long one is not read whole.
        if (out.size() == kMaxStrings)
            refuse(key, "tooManyStrings", i18n::MessageArgs().set("max", std::to_string(kMaxStrings)));
        if (JsonText::kind(e) != JsonText::Kind::String) refuse(key, "strings");
        out.push_back(checkedString(key + "[" + std::to_string(out.size()) + "]", e, false));
    }
    return out;
}

}
} // namespace sfe::presenter
