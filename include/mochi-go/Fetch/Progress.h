//===- Progress.h - Progress of long fetches on a terminal ------*- C++ -*-===//
//
// Part of mochi-go. One status line on stderr, redrawn in place at most ten
// times a second when stderr is a terminal ("mochi-go-mod: downloading
// 12/24 modules, 8.3 MiB"). In `Always` mode on something that is not a
// terminal (a log file, a test) every finished step is one plain line
// instead, and nothing is redrawn. Thread-safe: workers report steps.
//
// Tasks (mochi-go sync): one line per task (an import, the Go build) with
// its current step and the time since it started, the block redrawn in
// place ten times a second on a terminal; in `Always` mode elsewhere, one
// plain line per step. An observer sees every finished step of a phase
// whatever the mode (the driver turns the fetcher's phases into steps).
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_FETCH_PROGRESS_H
#define MOCHIGO_FETCH_PROGRESS_H

#include "llvm/ADT/StringRef.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mochigo {
namespace fetch {

class Progress {
public:
  enum class Mode { Auto, Always, Never };

  /// `tool` prefixes every line; `fd` is where to write (stderr).
  Progress(Mode mode, llvm::StringRef tool, int fd = 2);
  ~Progress();

  /// Parse "auto", "always", "never".
  static bool parseMode(llvm::StringRef text, Mode &mode);

  /// Start a phase of `total` units ("downloading", 24, "modules").
  void begin(llvm::StringRef phase, size_t total, llvm::StringRef unit);
  /// One unit of the phase is done; `what` names it (a module@version).
  void step(llvm::StringRef what);
  void addBytes(uint64_t n);
  /// Redraw the status line if it is due (terminal mode).
  void tick();
  /// Print a whole line (a warning) without garbling the status line.
  void message(llvm::StringRef line);
  /// Clear the status line (terminal mode) and end the phase.
  void end();

  /// Task `name` is now at `step`; the first call starts its clock.
  /// `finished`: the step is its last ("done", "cached"), its clock stops.
  void task(llvm::StringRef name, llvm::StringRef step, bool finished = false);
  /// Clear the task lines (terminal mode) and forget the tasks.
  void endTasks();
  /// Called with (phase, what) on every step() whatever the mode.
  void setObserver(
      std::function<void(llvm::StringRef phase, llvm::StringRef what)> fn);

  bool isTerminal() const { return terminal; }
  bool isEnabled() const { return enabled; }

private:
  void redrawLocked(bool force);
  void clearLocked();
  void writeLocked(llvm::StringRef text);
  void drawTasksLocked();
  void clearTasksLocked();
  void stopTicker();

  struct Task {
    std::string name, step;
    std::chrono::steady_clock::time_point start, stop;
    bool finished = false;
  };
  std::vector<Task> tasks;
  size_t tasksShown = 0; // lines of the task block on the terminal
  size_t columns = 0;    // of the terminal, when known
  std::thread ticker;
  std::condition_variable tickerWake;
  bool tickerStop = false;
  std::function<void(llvm::StringRef, llvm::StringRef)> observer;

  std::mutex mu;
  int fd;
  bool terminal = false;
  bool enabled = false;
  std::string tool, phase, unit;
  size_t total = 0, done = 0;
  uint64_t bytes = 0;
  bool lineShown = false;
  std::chrono::steady_clock::time_point lastDraw;
};

} // namespace fetch
} // namespace mochigo

#endif // MOCHIGO_FETCH_PROGRESS_H
