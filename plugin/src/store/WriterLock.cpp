//
// WriterLock.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/WriterLock.h"

#include "sfe/runtime/Error.h"

#include "sfe.h"

#include <cerrno>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sfe {
namespace store {

WriterLock::WriterLock(const std::string& storePath):
    _path(storePath + "-writers")
{
    // The store's own mode, so that every OS user who may write the store may queue here (the
    // LMS's web server and its cron job often run as different users of one group).
    struct stat store {};
    const mode_t mode = ::stat(storePath.c_str(), &store) == 0 ? (store.st_mode & 0666) : 0600;
    _fd = ::open(_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, mode);
    if (_fd < 0)
        throw runtime::Error(SFE_STORE, "cannot open the writers' lock file " + _path + ": " + std::strerror(errno));
}

WriterLock::~WriterLock()
{
    unlock();
    if (_fd >= 0) ::close(_fd);
}

bool WriterLock::lock(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    auto delay = std::chrono::microseconds(50);
    for (;;)
    {
        if (::flock(_fd, LOCK_EX | LOCK_NB) == 0)
        {
            _held = true;
            return true;
        }
        if (errno != EWOULDBLOCK && errno != EINTR)
            throw runtime::Error(SFE_STORE, "cannot lock " + _path + ": " + std::strerror(errno));
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(delay);
        delay = std::min(delay * 2, std::chrono::microseconds(1000));
    }
}

void WriterLock::unlock()
{
    if (!_held) return;
    ::flock(_fd, LOCK_UN);
    _held = false;
}

} } // namespace sfe::store
