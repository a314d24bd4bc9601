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

/// An exclusive flock() on a file beside the SQLite store (STORE-writers), taken before a write
/// transaction asks SQLite for its write lock.
///
/// Why: writers that poll `BEGIN IMMEDIATE` each open a read snapshot for a moment, so with several
/// processes writing the WAL is never free of readers, never rewinds, and grows by hundreds of MB
/// (every commit then checkpoints with two fdatasyncs). Waiting here touches no database page.
/// SQLite's own lock still decides: writers that do not use this file (the sqlite3 shell) are
/// waited for by BEGIN IMMEDIATE as before.
class WriterLock
{
public:
    /// Opens (creating, with the store's permissions) `storePath` + "-writers". Throws
    /// runtime::Error (SFE_STORE) naming the file when it cannot be opened.
    explicit WriterLock(const std::string& storePath);
    ~WriterLock();

    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;

    /// Takes the lock, looking again after 50 µs, doubling to at most 1 ms, for up to `timeout`.
    /// Returns false when another writer held it all that time.
    bool lock(std::chrono::milliseconds timeout);

    /// Gives it up. Harmless when not held.
    void unlock();

private:
    std::string _path;
    int _fd = -1;
    bool _held = false;
};

} } // namespace sfe::store

#endif
