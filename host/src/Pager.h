//
// Pager.h
//
// Library: sfia-evidence (host)
// Package: host
//
// Walks a list operation page by page ("limit", "after" and the response's "next").
//

#ifndef SFE_HOST_PAGER_H
#define SFE_HOST_PAGER_H

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace sfe {
namespace host {

class CommandContext;

/// Calls a list operation of the plugin (evidence, statements, outbox) once per page, each call
/// with the cursor the previous page returned as "next", so a command holds one page at a time
/// whatever the size of the store. Pages hold kPageSize items unless the environment variable
/// SFE_PAGE_SIZE sets another size (the plugin takes 1 to 10000; tests make pages small with it).
class Pager
{
public:
    static constexpr const char* kPageSizeVariable = "SFE_PAGE_SIZE";
    static constexpr std::size_t kPageSize = 1000; ///< items a page, without SFE_PAGE_SIZE

    Pager(CommandContext& context, std::string operation, const Poco::JSON::Object& request);

    bool next(std::string& response);
    /// Sets `response` to the text of the next page and returns true; false once the last
    /// page was read (one without "next"). Throws what CommandContext's calls throw.

    static std::string cursorOf(const std::string& response);
    /// The "next" member of a page's response text, "" when there is none. The plugin writes
    /// it last, so it is read from the end of the text without parsing the page.

    using Header = std::function<std::vector<std::string>(const Poco::JSON::Object& firstPage)>;
    using Rows = std::function<void(const Poco::JSON::Object& page, std::vector<std::vector<std::string>>& rows)>;

    static std::size_t printTable(CommandContext& context, const std::string& operation,
                                  const Poco::JSON::Object& request, std::size_t most, const Header& header,
                                  const Rows& rows, std::ostream& out);
    /// Prints at most `most` (0: all) of the operation's items as one table (TextTable),
    /// `rows` turning a page into its rows. The pages are read twice, first to measure the
    /// columns, then to print the rows, so no more than a page is held. Returns how many rows
    /// were printed; with none, nothing is printed (the caller says there are none).

    static std::size_t printJson(CommandContext& context, const std::string& operation,
                                 const Poco::JSON::Object& request, const std::string& arrayKey, std::size_t most,
                                 std::ostream& out);
    /// Prints at most `most` (0: all) elements of the pages' arrays `arrayKey` as one JSON
    /// array, element by element, byte for byte as CommandContext::printJson prints the array
    /// of a single response.

private:
    CommandContext& _context;
    std::string _operation;
    Poco::JSON::Object::Ptr _request;
    std::string _after;
    bool _done = false;
};

}
} // namespace sfe::host

#endif
