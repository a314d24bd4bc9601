//
// DefinitionReader.cpp
//
// Library: sfe_definition
// Package: definition
//

#include "sfe/definition/DefinitionReader.h"
#include "sfe/definition/DefinitionChecker.h"
#include "sfe/definition/DefinitionParser.h"
#include "sfe/definition/LineMap.h"
#include "sfe/definition/PrologScanner.h"
#include "sfe/definition/TextHash.h"
#include "sfe/definition/Utf8Validator.h"
#include "sfe/definition/XsdValidator.h"
#include <algorithm>
#include <filesystem>
#include <fstream>

namespace sfe {
namespace definition {

namespace {

ReadResult failed(std::vector<Problem> problems)
{
    // Within a stage, by position; problems at one position keep the order they were found in.
    std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    ReadResult result;
    result.problems = std::move(problems);
    return result;
}

ReadResult failed(const std::string& name, const std::string& message)
{
    return failed(std::vector<Problem>{{name, 1, 1, message}});
}

std::string tooLarge(std::uintmax_t size, std::size_t limit)
{
    return "file is " + std::to_string(size) + " bytes, over the limit of " + std::to_string(limit) + " bytes";
}

} // namespace

DefinitionReader::DefinitionReader(ReadOptions options):
    _options(options)
{}

ReadResult DefinitionReader::readFile(const std::string& path) const
{
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error) return failed(path, "cannot read the file: " + error.message());
    if (fs::is_directory(status)) return failed(path, "cannot read the file: it is a directory");
    if (fs::is_regular_file(status))
    {
        // Refuse before opening: an oversized file is never read.
        const std::uintmax_t size = fs::file_size(path, error);
        if (error) return failed(path, "cannot read the file: " + error.message());
        if (size > _options.maxBytes) return failed(path, tooLarge(size, _options.maxBytes));
    }

    std::ifstream stream(path, std::ios::binary);
    if (!stream) return failed(path, "cannot read the file: it cannot be opened");
    // Read at most one byte over the limit, in case the file grew or is not a regular file.
    std::string bytes;
    char buffer[65536];
    while (stream && bytes.size() <= _options.maxBytes)
    {
        stream.read(buffer, sizeof buffer);
        bytes.append(buffer, static_cast<std::size_t>(stream.gcount()));
    }
    if (stream.bad()) return failed(path, "cannot read the file: a read error occurred");
    if (bytes.size() > _options.maxBytes)
        return failed(path, "file is over the limit of " + std::to_string(_options.maxBytes) + " bytes");
    return readBuffer(bytes, path);
}

ReadResult DefinitionReader::readBuffer(const std::string& bytes, const std::string& name) const
{
    if (bytes.size() > _options.maxBytes) return failed(name, tooLarge(bytes.size(), _options.maxBytes));
    if (bytes.empty()) return failed(name, "file is empty; a definition document was expected");

    const LineMap lines(bytes);
    std::vector<Problem> problems = Utf8Validator::check(bytes, name, lines);
    std::vector<Problem> prolog = PrologScanner::check(bytes, name, lines);
    problems.insert(problems.end(), prolog.begin(), prolog.end());
    if (!problems.empty()) return failed(std::move(problems));

    problems = XsdValidator::check(bytes, name, lines);
    if (!problems.empty()) return failed(std::move(problems));

    DefinitionParser::Result parsed = DefinitionParser::parse(bytes, name, lines);
    if (!parsed.problems.empty()) return failed(std::move(parsed.problems));

    problems = DefinitionChecker::check(parsed.definition, name);
    if (!problems.empty()) return failed(std::move(problems));

    Definition& definition = parsed.definition;
    TextHash::apply(definition, bytes);
    definition.xml = bytes;
    definition.sourceName = name;
    ReadResult result;
    result.definition = std::move(definition);
    return result;
}

}
} // namespace sfe::definition
