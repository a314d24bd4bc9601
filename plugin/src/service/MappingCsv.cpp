//
// MappingCsv.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/MappingCsv.h"

#include "sfe/xapi/Utf8.h"

namespace sfe {
namespace service {

namespace {

/// Walks the text one code point at a time, knowing the line and column of the next one.
class Cursor
{
public:
    explicit Cursor(const std::string& text):
        _text(text)
    {}

    bool atEnd() const { return _offset >= _text.size(); }
    std::size_t offset() const { return _offset; }
    int line() const { return _line; }
    int column() const { return _column; }

    /// The next code point without taking it; false at the end or where the text is not UTF-8.
    bool peek(std::uint32_t& c) const
    {
        std::size_t at = _offset;
        return xapi::Utf8::decode(_text, at, c);
    }

    /// Takes the next code point without counting a column (a byte order mark).
    void skip()
    {
        std::size_t at = _offset;
        std::uint32_t c = 0;
        xapi::Utf8::decode(_text, at, c);
        _offset = at;
    }

    /// Takes the next code point, appending its bytes to `into` if given.
    void take(std::string* into = nullptr)
    {
        std::size_t at = _offset;
        std::uint32_t c = 0;
        if (!xapi::Utf8::decode(_text, at, c)) at = _offset + 1;
        if (into) into->append(_text, _offset, at - _offset);
        _offset = at;
        if (c == '\n')
        {
            ++_line;
            _column = 1;
        }
        else ++_column;
    }

private:
    const std::string& _text;
    std::size_t _offset = 0;
    int _line = 1;
    int _column = 1;
};

} // namespace

std::vector<MappingCsv::Row> MappingCsv::parse(const std::string& text, const std::string& file,
                                               std::vector<definition::Problem>& problems)
{
    std::vector<Row> rows;
    Cursor in(text);
    std::uint32_t c = 0;
    if (in.peek(c) && c == 0xFEFF) in.skip(); // a byte order mark (spreadsheets write one): no column
    auto report = [&](int line, int column, const std::string& message) {
        problems.push_back({file, line, column, message});
    };
    Row row;
    std::vector<definition::Problem> pending;
    while (true)
    {
        Cell cell;
        cell.line = in.line();
        cell.column = in.column();
        auto column = [&] { return in.column(); };
        bool quoted = in.peek(c) && c == '"';
        if (quoted) in.take();
        bool closed = !quoted;
        while (!in.atEnd())
        {
            if (!in.peek(c))
            {
                report(in.line(), column(), "the text is not valid UTF-8 here");
                return rows;
            }
            if (quoted && !closed)
            {
                if (c == '"')
                {
                    in.take();
                    std::uint32_t next = 0;
                    if (in.peek(next) && next == '"') in.take(&cell.text);
                    else closed = true;
                    continue;
                }
            }
            else
            {
                if (c == ',' || c == '\n') break;
                if (c == '\r')
                {
                    std::string rest = text.substr(in.offset() + 1, 1);
                    if (rest == "\n") break;
                }
                if (c == '"' && !quoted)
                {
                    report(in.line(), column(),
                           "a quote inside an unquoted cell: quote the whole cell and double its quotes");
                    cell.bad = true;
                    in.take();
                    continue;
                }
                if (quoted)
                {
                    if (!cell.bad)
                        report(in.line(), column(),
                               "text after the closing quote of a cell: a quote inside a quoted "
                               "cell is written as two quotes");
                    cell.bad = true;
                    in.take();
                    continue;
                }
            }
            if (xapi::Utf8::isControl(c))
            {
                // Inside quotes, held back: in a cell that is never closed they are the records after it.
                pending.push_back(
                    {file, in.line(), column(),
                     "the control character " + xapi::Utf8::codePointName(c) + " has no place in a mapping cell"});
                cell.bad = true;
            }
            in.take(&cell.text);
        }
        if (!closed)
        {
            report(cell.line, cell.column, "the quoted cell is not closed: the text ends inside it");
            cell.bad = true;
        }
        else problems.insert(problems.end(), pending.begin(), pending.end());
        pending.clear();
        row.push_back(std::move(cell));
        if (in.atEnd())
        {
            if (!(row.size() == 1 && row[0].text.empty() && !quoted)) rows.push_back(std::move(row));
            return rows;
        }
        in.peek(c);
        if (c == ',')
        {
            in.take();
            continue;
        }
        if (c == '\r') in.take();
        in.take(); // the line feed
        // An empty line is no record (a trailing line break, or a blank line between records).
        if (!(row.size() == 1 && row[0].text.empty() && !quoted)) rows.push_back(std::move(row));
        row.clear();
    }
}

std::string MappingCsv::record(const std::vector<std::string>& cells)
{
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i)
    {
        if (i > 0) out += ',';
        const std::string& cell = cells[i];
        if (cell.find_first_of(",\"\r\n") == std::string::npos)
        {
            out += cell;
            continue;
        }
        out += '"';
        for (char ch : cell)
        {
            if (ch == '"') out += '"';
            out += ch;
        }
        out += '"';
    }
    out += "\r\n";
    return out;
}

}
} // namespace sfe::service
