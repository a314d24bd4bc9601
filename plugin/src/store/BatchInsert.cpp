//
// BatchInsert.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/BatchInsert.h"
#include "sfe/runtime/Error.h"
#include "sfe.h"

namespace sfe {
namespace store {

std::size_t BatchInsert::rowCount(const std::string& sql, std::initializer_list<std::size_t> sizes)
{
    const std::size_t n = sizes.size() ? *sizes.begin() : 0;
    for (std::size_t size : sizes)
        if (size != n)
            throw runtime::Error(SFE_STORE, "cannot run " + Database::nameOf(sql) + ": its columns hold " +
                                                std::to_string(n) + " and " + std::to_string(size) + " values");
    return n;
}

}
} // namespace sfe::store
