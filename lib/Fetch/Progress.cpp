//===- Progress.cpp - Progress of long fetches on a terminal --------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Fetch/Progress.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <unistd.h>

using namespace mochigo::fetch;
using llvm::StringRef;

Progress::Progress(Mode mode, StringRef tool, int fd) : fd(fd), tool(tool) {
  terminal = ::isatty(fd) == 1;
  enabled = mode == Mode::Always || (mode == Mode::Auto && terminal);
}

Progress::~Progress() { end(); }

bool Progress::parseMode(StringRef text, Mode &mode) {
  if (text == "auto")
    mode = Mode::Auto;
  else if (text == "always")
    mode = Mode::Always;
  else if (text == "never")
    mode = Mode::Never;
  else
    return false;
  return true;
}

static std::string formatBytes(uint64_t n) {
  std::string s;
  llvm::raw_string_ostream os(s);
  if (n >= (1u << 20))
    os << llvm::format("%.1f MiB", n / double(1 << 20));
  else if (n >= 1024)
    os << llvm::format("%.1f KiB", n / 1024.0);
  else
    os << n << " B";
  return os.str();
}

void Progress::writeLocked(StringRef text) {
  const char *p = text.data();
  size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n <= 0)
      return;
    p += n;
    left -= static_cast<size_t>(n);
  }
}

void Progress::clearLocked() {
  if (terminal && lineShown) {
    writeLocked("\r\x1b[K");
    lineShown = false;
  }
}

void Progress::redrawLocked(bool force) {
  if (!enabled || !terminal || phase.empty())
    return;
  auto now = std::chrono::steady_clock::now();
  if (!force && lineShown && now - lastDraw < std::chrono::milliseconds(100))
    return;
  lastDraw = now;
  std::string line = "\r\x1b[K" + tool + ": " + phase + " " +
                     std::to_string(done) + "/" + std::to_string(total) + " " +
                     unit;
  if (bytes)
    line += ", " + formatBytes(bytes);
  writeLocked(line);
  lineShown = true;
}

void Progress::begin(StringRef newPhase, size_t newTotal, StringRef newUnit) {
  std::lock_guard<std::mutex> lock(mu);
  phase = newPhase.str();
  unit = newUnit.str();
  total = newTotal;
  done = 0;
  redrawLocked(true);
}

void Progress::step(StringRef what) {
  std::lock_guard<std::mutex> lock(mu);
  ++done;
  if (!enabled)
    return;
  if (!terminal) {
    writeLocked(tool + ": " + phase + " " + std::to_string(done) + "/" +
                std::to_string(total) + " " + what.str() + "\n");
    return;
  }
  redrawLocked(done == total);
}

void Progress::addBytes(uint64_t n) {
  std::lock_guard<std::mutex> lock(mu);
  bytes += n;
}

void Progress::tick() {
  std::lock_guard<std::mutex> lock(mu);
  redrawLocked(false);
}

void Progress::message(StringRef line) {
  std::lock_guard<std::mutex> lock(mu);
  clearLocked();
  writeLocked(line.str() + "\n");
  redrawLocked(true);
}

void Progress::end() {
  std::lock_guard<std::mutex> lock(mu);
  clearLocked();
  phase.clear();
}
