//
// BadFilesTest.cpp
//
// Definition tests: every malformed or hostile file in tests/data/definition/bad/ is refused with
// exactly the lines of its NAME.expected (see bad/README.md), FILE standing for the path given.
//

#include "TestFiles.h"
#include "sfe/definition/DefinitionReader.h"
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <set>

using namespace sfe::definition;
namespace fs = std::filesystem;

namespace {

/// The expected lines with FILE replaced by `path`, joined by '\n' as ReadResult::message() is.
std::string expectedMessage(const std::string& expectedFile, const std::string& path)
{
    std::ifstream stream(expectedFile, std::ios::binary);
    std::string line, message;
    while (std::getline(stream, line))
    {
        BOOST_TEST_REQUIRE(line.rfind("FILE:", 0) == 0u, expectedFile << ": line does not start with FILE: " << line);
        if (!message.empty()) message += '\n';
        message += path + line.substr(4);
    }
    return message;
}

void expectRefused(const std::string& path, const std::string& expectedFile)
{
    const ReadResult result = DefinitionReader().readFile(path);
    BOOST_TEST(!result.ok());
    BOOST_TEST(!result.definition.has_value());
    BOOST_TEST(!result.problems.empty());
    for (const Problem& problem : result.problems)
    {
        BOOST_TEST(problem.file == path);
        BOOST_TEST(problem.line >= 1);
        BOOST_TEST(problem.column >= 1);
    }
    BOOST_TEST(result.message() == expectedMessage(expectedFile, path));
}

/// Files whose .xml is generated at test time instead of committed.
const std::set<std::string> kGenerated = {"too-large"};

} // namespace

BOOST_AUTO_TEST_SUITE(bad_files)

BOOST_AUTO_TEST_CASE(each_committed_bad_file_gives_exactly_its_expected_problems)
{
    const fs::path folder = sfe::test::definitionData("bad");
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().extension() == ".expected") names.insert(entry.path().stem().string());
    BOOST_TEST(names.size() >= 24u);

    std::size_t read = 0;
    for (const std::string& name : names)
    {
        BOOST_TEST_CONTEXT("bad/" << name)
        {
            const fs::path xml = folder / (name + ".xml");
            if (kGenerated.count(name) != 0)
            {
                BOOST_TEST(!fs::exists(xml));
                continue;
            }
            BOOST_TEST_REQUIRE(fs::exists(xml));
            expectRefused(xml.string(), (folder / (name + ".expected")).string());
            ++read;
        }
    }
    // No .xml without its .expected.
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().extension() == ".xml")
            BOOST_TEST(names.count(entry.path().stem().string()) == 1u, entry.path() << " has no .expected");
    BOOST_TEST_MESSAGE(read << " committed bad files refused as expected");
}

BOOST_AUTO_TEST_CASE(too_large_file_is_refused_unread)
{
    // As bad/README.md says: a file of the default limit plus one byte, made here.
    sfe::test::TempDir temp;
    const std::string path = temp.file("too-large.xml");
    {
        std::ofstream out(path, std::ios::binary);
        out.seekp(static_cast<std::streamoff>(ReadOptions().maxBytes));
        out.put('<');
    }
    BOOST_TEST_REQUIRE(fs::file_size(path) == ReadOptions().maxBytes + 1);
    expectRefused(path, sfe::test::definitionData("bad/too-large.expected"));
}

BOOST_AUTO_TEST_CASE(bad_files_read_from_memory_give_the_same_problems)
{
    const fs::path folder = sfe::test::definitionData("bad");
    for (const char* name : {"xxe", "billion-laughs", "level-8", "id-wrong-skill", "invalid-utf8", "mismatched-tags"})
    {
        BOOST_TEST_CONTEXT(name)
        {
            const std::string bytes = sfe::test::readBytes((folder / (std::string(name) + ".xml")).string());
            const ReadResult result = DefinitionReader().readBuffer(bytes, "upload.xml");
            BOOST_TEST(result.message() ==
                       expectedMessage((folder / (std::string(name) + ".expected")).string(), "upload.xml"));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
