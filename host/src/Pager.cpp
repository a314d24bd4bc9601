//
// Pager.cpp
//
// Library: sfia-evidence (host)
// Package: host
//

#include "Pager.h"

#include "CommandContext.h"
#include "PluginSession.h"
#include "render/TextTable.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>

#include <Poco/Environment.h>
#include <Poco/NumberParser.h>

#include <memory>
#include <sstream>

namespace sfe {
namespace host {

Pager::Pager(CommandContext& context, std::string operation, const Poco::JSON::Object& request):
    _context(context),
    _operation(std::move(operation)),
    _request(context.envelope(request))
{
    // SFE_PAGE_SIZE goes to the plugin as given: it refuses a bad one naming "limit".
    const std::string size = Poco::Environment::get(kPageSizeVariable, "");
    int limit = 0;
    if (!_request->has("limit"))
        _request->set("limit", size.empty() ? Poco::Dynamic::Var(static_cast<int>(kPageSize))
                               : Poco::NumberParser::tryParse(size, limit) ? Poco::Dynamic::Var(limit)
                                                                           : Poco::Dynamic::Var(size));
}

bool Pager::next(std::string& response)
{
    if (_done) return false;
    if (!_after.empty()) _request->set("after", _after);
    response = _context.plugin().call(_operation, *_request);
    _after = cursorOf(response);
    _done = _after.empty();
    // Only the first page is shifted by an offset; the cursor says where the next one starts.
    // (Set to 0, not removed: Poco 1.11's Object::remove reads a key it has just freed.)
    if (_request->has("offset")) _request->set("offset", 0);
    return true;
}

std::string Pager::cursorOf(const std::string& response)
{
    static const std::string key = ",\"next\":\"";
    if (response.size() < key.size() + 2 || response.compare(response.size() - 2, 2, "\"}") != 0) return {};
    const std::size_t at = response.rfind(key);
    if (at == std::string::npos) return {};
    const std::string cursor = response.substr(at + key.size(), response.size() - 2 - at - key.size());
    // A cursor is plain text ("<operation>:<seq>"); anything else ending the text is a value of
    // the page, not its cursor.
    if (cursor.empty() || cursor.find_first_of("\"\\{}[],") != std::string::npos) return {};
    return cursor;
}

std::size_t Pager::printTable(CommandContext& context, const std::string& operation, const Poco::JSON::Object& request,
                              std::size_t most, const Header& header, const Rows& rows, std::ostream& out)
{
    std::unique_ptr<TextTable> table;
    std::size_t count = 0;
    std::vector<std::vector<std::string>> page;
    std::string text;
    // First pass: the widths. A listing of a million rows is never held to align it.
    Pager measuring(context, operation, request);
    while ((most == 0 || count < most) && measuring.next(text))
    {
        const Poco::JSON::Object::Ptr response = PluginSession::parse(operation, text);
        if (!table) table = std::make_unique<TextTable>(header(*response));
        page.clear();
        rows(*response, page);
        for (auto& row : page)
        {
            if (most != 0 && count == most) break;
            table->measure(std::move(row));
            ++count;
        }
    }
    if (count == 0) return 0;
    // Second pass: the rows measured, no more (items added since then are for the next listing).
    table->write(out);
    std::size_t printed = 0;
    Pager printing(context, operation, request);
    while (printed < count && printing.next(text))
    {
        const Poco::JSON::Object::Ptr response = PluginSession::parse(operation, text);
        page.clear();
        rows(*response, page);
        for (auto& row : page)
        {
            if (printed == count) break;
            table->writeRow(out, std::move(row));
            ++printed;
        }
    }
    return printed;
}

std::size_t Pager::printJson(CommandContext& context, const std::string& operation, const Poco::JSON::Object& request,
                             const std::string& arrayKey, std::size_t most, std::ostream& out)
{
    // As Poco::JSON::Stringifier::stringify(array, out, 2) writes a whole array: "[", a line
    // break, the elements indented by 2 and separated by ",\n", a line break and "]".
    out << "[\n";
    std::size_t count = 0;
    std::string text;
    Pager pager(context, operation, request);
    while ((most == 0 || count < most) && pager.next(text))
    {
        Poco::JSON::Array::Ptr items = PluginSession::parse(operation, text)->getArray(arrayKey);
        for (std::size_t i = 0; items && i < items->size() && (most == 0 || count < most); ++i)
        {
            // Each element as the only one of an array, then cut out: the same bytes as in the whole.
            Poco::JSON::Array::Ptr one = new Poco::JSON::Array;
            one->add(items->get(static_cast<unsigned>(i)));
            std::ostringstream element;
            Poco::JSON::Stringifier::stringify(one, element, 2);
            const std::string bytes = element.str();
            if (count++ > 0) out << ",\n";
            out << bytes.substr(2, bytes.size() - 4);
        }
    }
    out << "\n]\n";
    return count;
}

}
} // namespace sfe::host
