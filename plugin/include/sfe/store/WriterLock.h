//
// WriterLock.h
//
// Library: sfe_core
// Package: store
//
// The queue in which processes writing one SQLite store wait their turn.
//

#ifndef SFE_STORE_WRITERLOCK_H
#define SFE_STORE_WRITERLOCK_H

#include <chrono>
#include <string>

namespace sfe {
namespace store {

/// A process-shared, robust mutex in a file beside the SQLite store (STORE-writers, mapped into
/// every process that opens the store), taken before a write transaction asks SQLite for its write
/// lock. The thread that locked it unlocks it (Transaction does both).
///
/// Why: writers that poll `BEGIN IMMEDIATE` each open a read snapshot for a moment, so with several
/// processes writing the WAL is never free of readers, never rewinds, and grows by hundreds of MB
/// (every commit then checkpoints with two fdatasyncs). Waiting here touches no database page.
/// SQLite's own lock still decides: writers that do not use this file (the sqlite3 shell) are
/// waited for by BEGIN IMMEDIATE as before.
class WriterLock
{
public:
    /// Opens (creating, with the store's permissions, and initialising under flock) `storePath` +
    /// "-writers". Throws runtime::Error (SFE_STORE) naming the file when it cannot be opened.
    explicit WriterLock(const std::string& storePath);
    ~WriterLock();

    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;

    /// Takes the lock, waiting in the kernel for up to `timeout`. Returns false when other writers
    /// held it all that time. A writer that died holding it does not block anyone.
    bool lock(std::chrono::milliseconds timeout);

    /// Gives it up. Harmless when not held.
    void unlock();

private:
    struct Shared;

    std::string _path;
    int _fd = -1;
    Shared* _shared = nullptr;
    bool _held = false;
};

}
} // namespace sfe::store

#endif
