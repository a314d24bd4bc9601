//
// TextEncoder.h
//
// Library: sfe_core
// Package: store
//
// Compresses a batch's texts (StoredText::encode) on a thread of its own while the caller goes on.
//

#ifndef SFE_STORE_TEXTENCODER_H
#define SFE_STORE_TEXTENCODER_H

#include "sfe/store/StoredText.h"

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sfe {
namespace store {

/// Compression is ~40 % of recording, and an LMS server has more than one core: `record` hands the
/// statement bodies to a TextEncoder as it makes them, then the log entries, and takes the bytes
/// back when it writes the rows; meanwhile a thread of the encoder's own compresses them, oldest
/// first, while the caller builds the next statements and writes the evidence. When the caller
/// comes to take() texts that are still waiting, it compresses them itself, newest first, beside
/// the thread, instead of waiting for it: the work splits between the two threads by itself,
/// whatever the batch holds. Each text is encoded exactly as StoredText::encode would (the same
/// bytes), so nothing about the rows changes.
///
/// With `background` false (a small batch: a thread costs about as much as one text) or when no
/// thread can be had (a process or container limit), take() encodes everything on the caller's
/// thread. One owner thread calls add() and take(); the destructor stops and joins the thread.
class TextEncoder
{
public:
    explicit TextEncoder(bool background);
    ~TextEncoder();

    TextEncoder(const TextEncoder&) = delete;
    TextEncoder& operator=(const TextEncoder&) = delete;

    /// Queues `text` (copied: the caller may change or move its own) to be encoded with
    /// `dictionary` (nullptr: version 1; it must outlive the encoder). Returns its position.
    std::size_t add(std::string text, const StoredText::Dictionary* dictionary);

    /// How many texts were added.
    std::size_t size() const;

    /// The encoded texts at positions [from, to): encodes those of them the thread has not started,
    /// newest first, then waits for the ones it is encoding. Rethrows what encoding a text threw.
    /// Each position can be taken once.
    std::vector<std::string> take(std::size_t from, std::size_t to);

    /// From how many texts to come (a record's events, a withdrawal's statements) a caller asks for a
    /// thread (`background`): for fewer, starting one costs about what it saves.
    static constexpr std::size_t kBackgroundFrom = 8;

private:
    enum class State
    {
        Waiting,
        Encoding,
        Done
    };

    struct Item
    {
        std::string text; ///< moved out while it is encoded
        const StoredText::Dictionary* dictionary;
        std::string encoded;
        State state = State::Waiting;
    };

    void run();
    /// Encodes item `at`, which the calling thread has just marked Encoding; `lock` is held on entry
    /// and exit, released while compressing (add() may move the items meanwhile).
    void encode(std::size_t at, std::unique_lock<std::mutex>& lock);

    mutable std::mutex _mutex;
    std::condition_variable _added, _encoded;
    std::vector<Item> _items;
    std::size_t _next = 0; ///< the thread's next item: all before it are claimed
    std::exception_ptr _error;
    bool _stop = false;
    std::thread _thread;
};

}
} // namespace sfe::store

#endif
