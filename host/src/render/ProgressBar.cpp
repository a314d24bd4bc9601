//
// ProgressBar.cpp
//
// Library: sfia-evidence (host)
// Package: render
//

#include "render/ProgressBar.h"

#include "render/TextBar.h"

#include <cstdio>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace sfe {
namespace host {

namespace {

bool isTerminal(const std::ostream& out)
{
    if (&out == &std::cerr || &out == &std::clog) return ::isatty(STDERR_FILENO) == 1;
    if (&out == &std::cout) return ::isatty(STDOUT_FILENO) == 1;
    return false;
}

} // namespace

ProgressBar::ProgressBar(std::ostream& out, std::string label):
    _out(out),
    _label(std::move(label)),
    _enabled(isTerminal(out)),
    _start(std::chrono::steady_clock::now()),
    _lastDraw(_start)
{}

ProgressBar::~ProgressBar()
{
    try
    {
        finish();
    }
    catch (...)
    {}
}

void ProgressBar::update(std::uint64_t done, std::uint64_t total)
{
    _done = done;
    _total = total;
    if (!_enabled || _finished) return;
    const auto now = std::chrono::steady_clock::now();
    if (_drawn && now - _lastDraw < std::chrono::milliseconds(100)) return;
    _lastDraw = now;
    draw();
}

void ProgressBar::finish()
{
    if (_finished) return;
    _finished = true;
    if (!_enabled) return;
    draw();
    _out << '\n' << std::flush;
}

void ProgressBar::draw()
{
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - _start).count();
    std::ostringstream line;
    line << '\r' << _label << ' ';
    if (_total > 0) line << TextBar::draw(_done, _total, 30) << ' ' << _done << '/' << _total;
    else line << _done;
    if (seconds > 0.05)
    {
        char rate[32];
        std::snprintf(rate, sizeof rate, " %.0f/s", static_cast<double>(_done) / seconds);
        line << rate;
    }
    line << "\x1b[K"; // clear what a longer earlier line left
    _out << line.str() << std::flush;
    _drawn = true;
}

}
} // namespace sfe::host
