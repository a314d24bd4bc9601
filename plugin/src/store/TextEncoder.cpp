//
// TextEncoder.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/TextEncoder.h"

#include "sfe/runtime/Error.h"

#include "sfe.h"

#include <system_error>

namespace sfe {
namespace store {

TextEncoder::TextEncoder(bool background)
{
    if (!background) return;
    try
    {
        _thread = std::thread([this] { run(); });
    }
    catch (const std::system_error&)
    {
        // No thread to be had: take() encodes on the caller's thread.
    }
}

TextEncoder::~TextEncoder()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stop = true;
    }
    _added.notify_one();
    if (_thread.joinable()) _thread.join();
}

std::size_t TextEncoder::add(std::string text, const StoredText::Dictionary* dictionary)
{
    std::size_t at;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        // std::vector may move the items as it grows: the worker copies nothing out of them
        // without the lock, and encodes from a text it took under the lock (see run()).
        _items.push_back({std::move(text), dictionary, {}});
        at = _items.size() - 1;
    }
    _added.notify_one();
    return at;
}

std::size_t TextEncoder::size() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _items.size();
}

void TextEncoder::run()
{
    std::unique_lock<std::mutex> lock(_mutex);
    for (;;)
    {
        _added.wait(lock, [this] {
            while (_next < _items.size() && _items[_next].state != State::Waiting) ++_next;
            return _stop || _next < _items.size();
        });
        if (_stop) return;
        _items[_next].state = State::Encoding;
        encode(_next++, lock);
    }
}

void TextEncoder::encode(std::size_t at, std::unique_lock<std::mutex>& lock)
{
    // Encoded outside the lock, from the item's own text moved out for the time: add() may move the
    // items meanwhile.
    std::string text = std::move(_items[at].text);
    const StoredText::Dictionary* dictionary = _items[at].dictionary;
    lock.unlock();
    std::string encoded;
    std::exception_ptr error;
    try
    {
        encoded = StoredText::encode(text, dictionary);
    }
    catch (...)
    {
        error = std::current_exception();
    }
    lock.lock();
    _items[at].encoded = std::move(encoded);
    _items[at].state = State::Done;
    if (error && !_error) _error = error;
    _encoded.notify_all();
}

std::vector<std::string> TextEncoder::take(std::size_t from, std::size_t to)
{
    std::unique_lock<std::mutex> lock(_mutex);
    if (from > to || to > _items.size())
        throw runtime::Error(SFE_STORE, "text encoder: no texts " + std::to_string(from) + " to " + std::to_string(to) +
                                            " (" + std::to_string(_items.size()) + " added)");
    // Encode here, newest first, what is still waiting in the range (the thread works from the
    // oldest), then wait for what the thread is encoding.
    for (std::size_t back = to; !_error;)
    {
        while (back > from && _items[back - 1].state != State::Waiting) --back;
        if (back == from) break;
        _items[--back].state = State::Encoding;
        encode(back, lock);
    }
    _encoded.wait(lock, [this, from, to] {
        if (_error) return true;
        for (std::size_t i = from; i < to; ++i)
            if (_items[i].state != State::Done) return false;
        return true;
    });
    if (_error) std::rethrow_exception(_error);
    std::vector<std::string> out;
    out.reserve(to - from);
    for (std::size_t i = from; i < to; ++i) out.push_back(std::move(_items[i].encoded));
    return out;
}

}
} // namespace sfe::store
