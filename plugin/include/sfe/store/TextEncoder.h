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
/// statement bodies to a TextEncoder as it makes them, then half of the log entries, and takes the
/// bytes back when it writes the rows; meanwhile its own thread builds the next statements and
/// writes the evidence. The texts are encoded in the order they are added, each exactly as
/// StoredText::encode would (the same bytes), so nothing about the rows changes.
///
/// With `background` false (a small batch: a thread costs about as much as one text) or when no
/// thread can be had (a process or container limit), take() encodes on the caller's thread.
/// One owner thread calls add() and take(); the destructor stops and joins the thread.
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

    /// The encoded texts at positions [from, to), once done; rethrows what encoding one of them
    /// threw. Each position can be taken once.
    std::vector<std::string> take(std::size_t from, std::size_t to);

    /// From how many texts to come (a record's events, a withdrawal's statements) a caller asks for a
    /// thread (`background`): for fewer, starting one costs about what it saves.
    static constexpr std::size_t kBackgroundFrom = 8;

private:
    struct Item
    {
        std::string text;
        const StoredText::Dictionary* dictionary;
        std::string encoded;
    };

    void run();

    mutable std::mutex _mutex;
    std::condition_variable _added, _encoded;
    std::vector<Item> _items;
    std::size_t _done = 0; ///< items [0, _done) are encoded
    std::exception_ptr _error;
    bool _stop = false;
    std::thread _thread;
};

}
} // namespace sfe::store

#endif
