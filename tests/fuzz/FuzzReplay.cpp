//
// FuzzReplay.cpp
//
// libFuzzer target: the replay file reader (host/src/EventFile.cpp), what `sfia-evidence replay FILE`
// does with a JSON lines file of LMS events before it sends anything.
//
// The input is the file. EventFile::read() promises to throw only InputException (every bad line
// named as "PATH:LINE: problem"), and otherwise to return each event as an object of a known type
// with its line number; the target checks that, and turns the events into the `record` request as
// the command does. Any other exception escapes and libFuzzer reports it.
//

#include "EventFile.h"
#include "Exceptions.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace {

[[noreturn]] void fail(const std::string& what)
{
    std::fprintf(stderr, "FuzzReplay: %s\n", what.c_str());
    std::abort();
}

std::string path;

void removeFile()
{
    ::unlink(path.c_str());
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/sfe-fuzz-replay-XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) fail("cannot make a temporary file " + pattern);
    ::close(fd);
    path = pattern;
    std::atexit(removeFile);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        if (!out) fail("cannot write " + path);
    }
    std::size_t lines = 0;
    for (std::size_t i = 0; i < size; ++i) lines += data[i] == '\n';
    if (size > 0 && data[size - 1] != '\n') ++lines;

    try
    {
        // English: the fuzzer checks what is accepted, not how refusals are worded.
        const sfe::host::EventFile file = sfe::host::EventFile::read(path, sfe::i18n::Messages::of("en"));
        Poco::JSON::Array::Ptr batch = new Poco::JSON::Array;
        std::size_t previous = 0;
        for (const auto& event : file.events())
        {
            if (event.line <= previous || event.line > lines)
                fail("event at line " + std::to_string(event.line) + " after line " + std::to_string(previous) +
                     " of " + std::to_string(lines));
            previous = event.line;
            const std::string type = event.object->getValue<std::string>("type");
            if (type != "completion" && type != "attestation") fail("event of type '" + type + "' accepted");
            batch->add(event.object);
        }
        Poco::JSON::Object request;
        request.set("events", batch);
        std::ostringstream json;
        request.stringify(json);
    }
    catch (const sfe::host::InputException& e)
    {
        if (e.message().find(path) == std::string::npos) fail("a refusal that does not name the file: " + e.message());
    }
    return 0;
}
