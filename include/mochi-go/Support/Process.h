//===- Process.h - Child processes that die with mochi-go -------*- C++ -*-===//
//
// Part of mochi-go. The tools mochi-go runs (mochi-go-ingest, the go
// command) start tools of their own (go list, compile, cgo, the C
// compiler). When mochi-go dies, even by SIGKILL, none of them may go on
// writing into the cache. Each child runs under a small guard process:
//
//   mochi-go ── guard (its own process group; PR_SET_PDEATHSIG=SIGTERM)
//                 └── the program (PR_SET_PDEATHSIG=SIGKILL) ── its children
//
// When mochi-go dies the kernel signals the guard, which kills its whole
// process group: the program and every descendant that stayed in the
// group. The death signal is tied to the *thread* that started the child:
// callers must wait for the child on the thread that started it (a thread
// that exits while its child runs kills the child).
//
// On systems without PR_SET_PDEATHSIG (not Linux) the guard still makes
// the process group, and children are not killed with their parent.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_SUPPORT_PROCESS_H
#define MOCHIGO_SUPPORT_PROCESS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mochigo {

/// Run `argv` (argv[0] is the program's path, not searched in PATH) with
/// exactly the environment `env` (NAME=VALUE), stdin from /dev/null,
/// stdout to the file `stdoutPath` and stderr to the file `stderrPath`
/// (created or truncated; the same path for both shares one file), and
/// wait for it. Returns its exit status; -1 when it could not be started
/// (the reason in `*errMsg`), -2 when a signal killed it.
int runChild(llvm::ArrayRef<std::string> argv, llvm::ArrayRef<std::string> env,
             llvm::StringRef stdoutPath, llvm::StringRef stderrPath,
             std::string *errMsg = nullptr);

} // namespace mochigo

#endif // MOCHIGO_SUPPORT_PROCESS_H
