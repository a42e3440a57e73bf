//===- Progress.cpp - Progress of long fetches on a terminal --------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Fetch/Progress.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <sys/ioctl.h>
#include <unistd.h>

using namespace mochigo::fetch;
using llvm::StringRef;

Progress::Progress(Mode mode, StringRef tool, int fd) : fd(fd), tool(tool) {
  terminal = ::isatty(fd) == 1;
  struct winsize ws;
  if (terminal && ::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    columns = ws.ws_col;
  enabled = mode == Mode::Always || (mode == Mode::Auto && terminal);
}

Progress::~Progress() {
  stopTicker();
  end();
  endTasks();
}

void Progress::setObserver(std::function<void(StringRef, StringRef)> fn) {
  std::lock_guard<std::mutex> lock(mu);
  observer = std::move(fn);
}

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
  std::unique_lock<std::mutex> lock(mu);
  ++done;
  if (observer) {
    auto fn = observer;
    std::string p = phase;
    lock.unlock();
    fn(p, what);
    lock.lock();
  }
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
  clearTasksLocked();
  writeLocked(line.str() + "\n");
  redrawLocked(true);
  drawTasksLocked();
}

static std::string formatSeconds(std::chrono::steady_clock::duration d) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << llvm::format("%.1fs", std::chrono::duration<double>(d).count());
  return os.str();
}

void Progress::clearTasksLocked() {
  if (!terminal || tasksShown == 0)
    return;
  // Up to the first line of the block, then erase to the end of the screen.
  writeLocked("\x1b[" + std::to_string(tasksShown) + "A\r\x1b[J");
  tasksShown = 0;
}

void Progress::drawTasksLocked() {
  if (!enabled || !terminal || tasks.empty())
    return;
  size_t width = 0;
  for (const Task &t : tasks)
    width = std::max(width, t.name.size());
  auto now = std::chrono::steady_clock::now();
  std::string text;
  if (tasksShown)
    text += "\x1b[" + std::to_string(tasksShown) + "A";
  for (const Task &t : tasks) {
    std::string line = tool + ": " + t.name +
                       std::string(width - t.name.size() + 2, ' ') + t.step;
    line += std::string(line.size() < tool.size() + width + 12
                            ? tool.size() + width + 12 - line.size()
                            : 1,
                        ' ');
    line += formatSeconds((t.finished ? t.stop : now) - t.start);
    // A line that wrapped would break the cursor movement over the block.
    if (columns && line.size() >= columns)
      line.resize(columns - 1);
    text += "\r\x1b[K" + line + "\n";
  }
  writeLocked(text);
  tasksShown = tasks.size();
}

void Progress::task(StringRef name, StringRef step, bool finished) {
  std::lock_guard<std::mutex> lock(mu);
  auto now = std::chrono::steady_clock::now();
  auto it = llvm::find_if(tasks, [&](const Task &t) { return t.name == name; });
  if (it == tasks.end()) {
    tasks.push_back({name.str(), "", now, now, false});
    it = std::prev(tasks.end());
  }
  if (it->step == step && it->finished == finished)
    return;
  it->step = step.str();
  it->finished = finished;
  if (finished)
    it->stop = now;
  if (!enabled)
    return;
  if (!terminal) {
    writeLocked(tool + ": " + it->name + ": " + it->step + " (" +
                formatSeconds((finished ? it->stop : now) - it->start) + ")\n");
    return;
  }
  drawTasksLocked();
  // A ticker keeps the elapsed times moving while nothing reports.
  if (!ticker.joinable()) {
    tickerStop = false;
    ticker = std::thread([this] {
      std::unique_lock<std::mutex> l(mu);
      while (!tickerStop) {
        tickerWake.wait_for(l, std::chrono::milliseconds(100));
        if (!tickerStop)
          drawTasksLocked();
      }
    });
  }
}

void Progress::stopTicker() {
  {
    std::lock_guard<std::mutex> lock(mu);
    tickerStop = true;
  }
  tickerWake.notify_all();
  if (ticker.joinable())
    ticker.join();
}

void Progress::endTasks() {
  stopTicker();
  std::lock_guard<std::mutex> lock(mu);
  clearTasksLocked();
  tasks.clear();
}

void Progress::end() {
  std::lock_guard<std::mutex> lock(mu);
  clearLocked();
  phase.clear();
}
