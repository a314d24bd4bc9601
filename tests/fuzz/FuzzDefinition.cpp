//
// FuzzDefinition.cpp
//
// libFuzzer target: the definition importer (sfe/definition/DefinitionReader.h).
//
// The input is a definition document. DefinitionReader promises never to throw for bad input (only
// std::bad_alloc) and to give either a model or the problems found (ReadResult); the target checks
// both: an escaping exception, or a result with both or neither, aborts.
//

#include "sfe/definition/DefinitionReader.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // A small limit keeps inputs to the sizes libFuzzer explores; the limit itself is tested by
    // the size stage (a larger input must be refused, not read).
    sfe::definition::ReadOptions options;
    options.maxBytes = 64 * 1024;
    static const sfe::definition::DefinitionReader reader(options);
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const sfe::definition::ReadResult result = reader.readBuffer(bytes, "fuzz.xml");
    if (result.definition.has_value() == !result.problems.empty())
    {
        std::fprintf(stderr, "FuzzDefinition: a model and %zu problems: %s\n", result.problems.size(),
                     result.message().c_str());
        std::abort();
    }
    return 0;
}
