//
// PrivacyExportCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence privacy export --learner ID`: everything the store holds about a person, as JSON.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "PersonOption.h"
#include "Pager.h"
#include "PrettyJson.h"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace sfe {
namespace host {

namespace {

/// The members of a compact JSON object's text, or the elements of an array's, as spans of it:
/// the export is read a page at a time and written piece by piece, never parsed into a DOM.
class CompactJson
{
public:
    using Span = std::pair<std::size_t, std::size_t>; ///< offset and length in the text

    /// The end of the value starting at `at` (one past its last character).
    static std::size_t valueEnd(const std::string& text, std::size_t at)
    {
        std::size_t depth = 0;
        for (std::size_t i = at; i < text.size(); ++i)
        {
            const char c = text[i];
            if (c == '"')
            {
                ++i;
                while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
                if (depth == 0) return i + 1;
            }
            else if (c == '{' || c == '[') ++depth;
            else if (c == '}' || c == ']')
            {
                if (depth == 0) return i; // a scalar ends at its container's end
                if (--depth == 0) return i + 1;
            }
            else if (c == ',' && depth == 0) return i;
        }
        return text.size();
    }

    /// An object's members as (key with its quotes, value), in order.
    static std::vector<std::pair<Span, Span>> members(const std::string& text, Span object)
    {
        std::vector<std::pair<Span, Span>> out;
        const std::size_t end = object.first + object.second - 1;
        for (std::size_t i = object.first + 1; i < end;)
        {
            const std::size_t keyEnd = valueEnd(text, i);
            const std::size_t at = valueEnd(text, keyEnd + 1);
            out.push_back({{i, keyEnd - i}, {keyEnd + 1, at - keyEnd - 1}});
            i = at + 1;
        }
        return out;
    }

    /// An array's elements, in order.
    static std::vector<Span> elements(const std::string& text, Span array)
    {
        std::vector<Span> out;
        const std::size_t end = array.first + array.second - 1;
        for (std::size_t i = array.first + 1; i < end;)
        {
            const std::size_t at = valueEnd(text, i);
            out.push_back({i, at - i});
            i = at + 1;
        }
        return out;
    }
};

/// Writes the export as the one document its pages make, indented as PrettyJson indents a whole
/// response: each list with the items of every page in turn, the other members as the first page
/// has them.
class ExportWriter
{
public:
    explicit ExportWriter(std::ostream& out):
        _out(out)
    {}

    /// Takes a page's text; its lists' items follow those of the pages before.
    void page(const std::string& text)
    {
        const auto members = CompactJson::members(text, {0, text.size()});
        if (_names.empty())
        {
            for (const auto& [key, value] : members)
            {
                if (text.compare(key.first, key.second, "\"next\"") == 0) continue;
                _names.push_back(text.substr(key.first, key.second));
                _values.push_back(text.substr(value.first, value.second));
            }
            start();
        }
        for (std::size_t m = 0; m < members.size() && m < _names.size(); ++m)
        {
            const CompactJson::Span value = members[m].second;
            if (text[value.first] != '[') continue;
            for (const auto& element : CompactJson::elements(text, value))
            {
                advanceTo(m);
                _out << (_items++ == 0 ? "[\n    " : ",\n    ");
                PrettyJson::write(text.substr(element.first, element.second), _out, 2);
            }
        }
    }

    void finish()
    {
        if (_names.empty()) return;
        advanceTo(_names.size());
        _out << "\n}\n";
    }

private:
    void start()
    {
        if (_names.empty()) return;
        _out << "{\n  " << _names[0] << ": ";
        startValue();
    }

    void startValue()
    {
        const std::string& value = _values[_open];
        _isArray = !value.empty() && value.front() == '[';
        _items = 0;
        if (!_isArray) PrettyJson::write(value, _out, 1);
    }

    /// Closes the members before `member` and opens it (its key written; an array's "[" waits
    /// for its first element).
    void advanceTo(std::size_t member)
    {
        while (_open < member)
        {
            if (_isArray) _out << (_items == 0 ? "[\n\n  ]" : "\n  ]");
            if (++_open == _names.size()) return;
            _out << ",\n  " << _names[_open] << ": ";
            startValue();
        }
    }

    std::ostream& _out;
    std::vector<std::string> _names;  ///< the members (keys with their quotes), in order
    std::vector<std::string> _values; ///< their values on the first page
    std::size_t _open = 0;            ///< the member being written
    bool _isArray = false;
    std::size_t _items = 0; ///< the elements written of it
};

/// Writes everything the plugin holds about one person (privacy.export), as indented JSON.
class PrivacyExportCommand: public Command
{
public:
    std::string name() const override { return "privacy export"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.privacy.export"); }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override { PersonOption::define(options); }

    int run(CommandContext& context) const override
    {
        Poco::JSON::Object request;
        PersonOption::apply(context.line(), request);
        // The plugin's pages indented as they come (PrettyJson), not parsed: a person with many
        // records costs a page, not the whole text nor a DOM of it.
        ExportWriter writer(context.out());
        std::string text;
        Pager pager(context, "privacy.export", request);
        while (pager.next(text)) writer.page(text);
        writer.finish();
        return EXIT_OK;
    }
};

const CommandRegistration<PrivacyExportCommand> registeredPrivacyExportCommand;

} // namespace

}
} // namespace sfe::host
