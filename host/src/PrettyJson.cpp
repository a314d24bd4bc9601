//
// PrettyJson.cpp
//
// Library: sfia-evidence (host)
// Package: host
//

#include "PrettyJson.h"

namespace sfe {
namespace host {

void PrettyJson::write(const std::string& text, std::ostream& out, std::size_t depth)
{
    // Poco's layout: a non-empty container opens with a line break, its members each on a line
    // indented one step deeper ("key": value), and closes on a line of its own; an empty object
    // is "{", a line break, "}"; an empty array "[", two line breaks, "]" (at the container's indent).
    std::string buffer;
    const auto indent = [&](std::size_t level) { buffer.append(level * 2, ' '); };
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n; ++i)
    {
        const char c = text[i];
        switch (c)
        {
            case '"':
            {
                std::size_t end = i + 1;
                while (end < n && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
                buffer.append(text, i, end - i + 1);
                i = end;
                break;
            }
            case '{':
            case '[':
            {
                const char close = c == '{' ? '}' : ']';
                buffer += c;
                buffer += '\n';
                if (i + 1 < n && text[i + 1] == close)
                {
                    if (c == '[') buffer += '\n';
                    indent(depth);
                    buffer += close;
                    ++i;
                }
                else indent(++depth);
                break;
            }
            case '}':
            case ']':
                buffer += '\n';
                indent(depth > 0 ? --depth : 0);
                buffer += c;
                break;
            case ',':
                buffer += ",\n";
                indent(depth);
                break;
            case ':':
                buffer += ": ";
                break;
            default:
                buffer += c;
        }
        if (buffer.size() >= (1 << 16))
        {
            out << buffer;
            buffer.clear();
        }
    }
    out << buffer;
}

}
} // namespace sfe::host
