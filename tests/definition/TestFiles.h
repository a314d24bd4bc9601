//
// TestFiles.h
//
// Definition tests: where the test data and the shipped files are, and reading them.
//

#ifndef SFE_TESTS_DEFINITION_TESTFILES_H
#define SFE_TESTS_DEFINITION_TESTFILES_H

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace sfe {
namespace test {

/// tests/data/definition/<relative>
inline std::string definitionData(const std::string& relative)
{
    return std::string(SFE_TEST_DATA_DIR) + "/definition/" + relative;
}

/// The shipped CSMG definition, definitions/csmg.de.xml.
inline std::string shippedCsmg()
{
    return std::string(SFE_SOURCE_DIR) + "/definitions/csmg.de.xml";
}

inline std::string readBytes(const std::string& path)
{
    std::ifstream stream(path, std::ios::binary);
    if (!stream) throw std::runtime_error("cannot open " + path);
    std::ostringstream bytes;
    bytes << stream.rdbuf();
    return bytes.str();
}

/// `text` with the first occurrence of `from` replaced; throws if there is none, so a test
/// never passes because its edit silently did nothing.
inline std::string replaceOnce(std::string text, const std::string& from, const std::string& to)
{
    const std::size_t at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("test edit: \"" + from + "\" not found");
    return text.replace(at, from.size(), to);
}

/// A fresh folder under the system's temporary folder, removed with the object.
class TempDir
{
public:
    TempDir()
    {
        static int counter = 0;
        _path = std::filesystem::temp_directory_path() /
                ("sfe-definition-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        std::filesystem::create_directories(_path);
    }
    ~TempDir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const { return (_path / name).string(); }

private:
    std::filesystem::path _path;
};

}
} // namespace sfe::test

#endif
