//
// EmbeddedFile.h
//
// Library: sfe_i18n
//
// A file compiled into a library by sfe_embed_set (cmake/SfeEmbed.cmake).
//

#ifndef SFE_EMBEDDEDFILE_H
#define SFE_EMBEDDEDFILE_H

#include <cstddef>

namespace sfe {

/// One embedded file: its name (without folder), its bytes and their count. An index of them
/// ends with an entry whose name is nullptr.
struct EmbeddedFile
{
    const char* name;
    const char* data;
    std::size_t size;
};

} // namespace sfe

#endif
