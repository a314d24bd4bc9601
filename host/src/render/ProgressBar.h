//
// ProgressBar.h
//
// Library: sfia-evidence (host)
// Package: render
//
// A progress line for long commands (audit verify, pull), drawn only on a terminal.
//

#ifndef SFE_HOST_RENDER_PROGRESSBAR_H
#define SFE_HOST_RENDER_PROGRESSBAR_H

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace sfe {
namespace host {

/// Redraws one line in place ("\r"): the label, a TextBar when the total is known, the count and
/// the rate. It draws only when the stream is a terminal (std::cerr or std::cout, checked with
/// isatty), so pipes, files and tests see nothing of it; and at most ten times a second, so a
/// fast loop does not spend its time on the terminal. finish() ends the line; the destructor
/// does so if finish() was not called.
class ProgressBar
{
public:
    ProgressBar(std::ostream& out, std::string label);
    ~ProgressBar();

    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void update(std::uint64_t done, std::uint64_t total);
    /// `done` so far of `total` (0: the total is unknown, only the count and rate are shown).

    void finish();
    /// Draws the last state and ends the line. Further calls do nothing.

    bool drawing() const { return _enabled; }
    /// Whether anything is drawn (the stream is a terminal).

private:
    void draw();

    std::ostream& _out;
    std::string _label;
    bool _enabled;
    bool _finished = false;
    bool _drawn = false;
    std::uint64_t _done = 0;
    std::uint64_t _total = 0;
    std::chrono::steady_clock::time_point _start;
    std::chrono::steady_clock::time_point _lastDraw;
};

}
} // namespace sfe::host

#endif
