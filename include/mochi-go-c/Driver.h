//===- mochi-go-c/Driver.h - C API of the mochi-go driver ---------*- C -*-===//
//
// Part of mochi-go. The C interface of sync, check, bind and explain
// (include/mochi-go/Driver/Driver.h) for programs that run the pipeline
// in-process: the Mochi compiler calls it through cgo. Pure C99, in the
// style of MLIR's C API (mlir-c/Support.h, mlir-c/IR.h): opaque handles
// passed by value, strings as (pointer, length) pairs that are not owned,
// results delivered through callbacks. docs/CAPI.md shows it in use.
//
// Libraries: libmochi-go-c.a (CMake target MochiGoCAPI) and libmochi-go-c.so
// (MochiGoCAPIShared); the flags of a link are in mochi-go-c.pc and
// mochi-go-c-shared.pc (<build>/lib/pkgconfig).
//
// Threads: a session is used by one thread at a time (calls on one session
// must not overlap); different sessions are independent and may be used
// from different threads at once. Functions without a session argument are
// thread-safe.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_C_DRIVER_H
#define MOCHIGO_C_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// Marks the functions of the C API (default visibility).
#if defined(_WIN32) || defined(__CYGWIN__)
#define MOCHIGO_CAPI_EXPORTED
#else
#define MOCHIGO_CAPI_EXPORTED __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

//===----------------------------------------------------------------------===//
// Strings
//===----------------------------------------------------------------------===//

/// A sized fragment of a string, not necessarily NUL-terminated, that does
/// not own its characters (llvm::StringRef). `data` may be NULL when
/// `length` is 0. Strings passed to the library are only read during the
/// call and may be freed after it returns.
typedef struct MochiGoStringRef {
  const char *data; ///< The first character.
  size_t length;    ///< The number of characters (bytes).
} MochiGoStringRef;

/// A string reference to `length` bytes at `str`. Thread-safe.
static inline MochiGoStringRef mochiGoStringRefCreate(const char *str,
                                                      size_t length) {
  MochiGoStringRef result;
  result.data = str;
  result.length = length;
  return result;
}

/// A string reference to the NUL-terminated string `str` (the terminator is
/// not counted); NULL gives the empty string {NULL, 0}. The reference
/// borrows `str`. Thread-safe.
MOCHIGO_CAPI_EXPORTED MochiGoStringRef
mochiGoStringRefCreateFromCString(const char *str);

/// Receives a string, or one chunk of a longer one (see mochiGoExplain). The
/// string is valid only during the call: copy what you keep. `userData` is
/// the pointer given with the callback.
typedef void (*MochiGoStringCallback)(MochiGoStringRef string, void *userData);

//===----------------------------------------------------------------------===//
// Exit codes
//===----------------------------------------------------------------------===//

/// The results of mochiGoSync, mochiGoCheck, mochiGoBind and mochiGoExplain:
/// the exit codes of the mochi-go command (mochigo::driver::ExitCode, the
/// same values).
typedef enum MochiGoExitCode {
  /// Everything worked.
  MOCHIGO_EXIT_SUCCESS = 0,
  /// A step failed: fetching, verifying, ingesting, lowering, building, or
  /// writing the outputs.
  MOCHIGO_EXIT_FAILURE = 1,
  /// Bad arguments or options (also: a null session, a negative count).
  MOCHIGO_EXIT_USAGE = 2,
  /// The Mochi sources have errors (bad `import go` lines).
  MOCHIGO_EXIT_SOURCE_ERRORS = 3,
  /// mochiGoCheck found drift between the lock, the sources and the cache.
  MOCHIGO_EXIT_DRIFT = 4,
  /// A downloaded module does not match the hash the lock pins, or the
  /// checksum database refused it.
  MOCHIGO_EXIT_SECURITY = 5
} MochiGoExitCode;

//===----------------------------------------------------------------------===//
// Messages
//===----------------------------------------------------------------------===//

/// What a message is (mochigo::driver::Messages).
typedef enum MochiGoMessageKind {
  /// Errors; a call that reports one returns a non-zero exit code.
  MochiGoMessageKindError = 0,
  MochiGoMessageKindWarning = 1,
  /// Summaries of what a call did, always delivered.
  MochiGoMessageKindNote = 2,
  /// Progress; delivered only after mochiGoSessionSetVerbose(session, true).
  MochiGoMessageKindVerbose = 3
} MochiGoMessageKind;

/// Receives one message, without a trailing newline: usually one line (for
/// example `app.mochi:3:11: error: ...` for an error in a source), a few
/// lines for some (a security error, the output of a failed tool). The
/// message is valid only during the call and not necessarily NUL-terminated.
/// `userData` is the pointer given to mochiGoSessionSetMessageCallback.
///
/// The callback runs only inside a call of mochiGoSync, mochiGoCheck,
/// mochiGoBind or mochiGoExplain on its session, possibly on a thread other
/// than the caller's (the driver works in parallel), but never twice at the
/// same time for one session. It must not call mochiGoSync, mochiGoCheck,
/// mochiGoBind, mochiGoExplain or any setter on the same session.
typedef void (*MochiGoMessageCallback)(MochiGoMessageKind kind,
                                       MochiGoStringRef message,
                                       void *userData);

//===----------------------------------------------------------------------===//
// Sessions
//===----------------------------------------------------------------------===//

/// A session: the options of the driver (mochigo::driver::Options), the
/// message callback, environment overrides and the result of the last
/// mochiGoSync. Opaque; a handle is passed by value and copying it does not
/// copy the session. Sessions are independent of each other.
typedef struct MochiGoSession {
  void *ptr;
} MochiGoSession;

/// A new session with every option at its default (see the setters), no
/// message callback, no environment overrides, verbose messages off. The
/// caller owns it and frees it with mochiGoSessionDestroy. Returns a null
/// session if memory is exhausted. Thread-safe.
MOCHIGO_CAPI_EXPORTED MochiGoSession mochiGoSessionCreate(void);

/// Frees `session` and everything it owns, including the strings the
/// mochiGoSessionGet* functions returned. A null session is ignored. No
/// call on the session may be running or follow.
MOCHIGO_CAPI_EXPORTED void mochiGoSessionDestroy(MochiGoSession session);

/// Whether `session` is null (mochiGoSessionCreate failed). Thread-safe.
static inline bool mochiGoSessionIsNull(MochiGoSession session) {
  return !session.ptr;
}

//===----------------------------------------------------------------------===//
// Options
//
// Each setter copies its string; the empty string restores the default. A
// null session is ignored. Settings apply to the calls that follow.
//===----------------------------------------------------------------------===//

/// The cache root (Options::cacheDir). Default: $MOCHIGO_CACHE, else
/// $XDG_CACHE_HOME/mochi/go-deps. Downloads, bound wrapper libraries,
/// archives and the go command's module cache live below it.
MOCHIGO_CAPI_EXPORTED void mochiGoSessionSetCacheDir(MochiGoSession session,
                                                     MochiGoStringRef dir);

/// Where mochiGoSync writes its outputs (Options::outDir). Default:
/// `.mochi-go` next to the first source file.
MOCHIGO_CAPI_EXPORTED void mochiGoSessionSetOutDir(MochiGoSession session,
                                                   MochiGoStringRef dir);

/// The lock file (Options::lockPath). Default: `mochi.lock` next to the
/// first source file; for mochiGoExplain, ./mochi.lock.
MOCHIGO_CAPI_EXPORTED void mochiGoSessionSetLockPath(MochiGoSession session,
                                                     MochiGoStringRef path);

/// The go command (Options::goCommand). Default: $MOCHIGO_GO, else `go` on
/// PATH, else /usr/lib/go-1.23/bin/go.
MOCHIGO_CAPI_EXPORTED void mochiGoSessionSetGoCommand(MochiGoSession session,
                                                      MochiGoStringRef path);

/// The mochi-go-ingest program (Options::ingestCommand). Default:
/// $MOCHIGO_INGEST, else next to the running executable, else on PATH. A
/// program that embeds this library is rarely installed next to
/// mochi-go-ingest: set this, or MOCHIGO_INGEST.
MOCHIGO_CAPI_EXPORTED void
mochiGoSessionSetIngestCommand(MochiGoSession session, MochiGoStringRef path);

/// Parallel work: binds, downloads, `go build -p` (Options::jobs). 0 (the
/// default): one per core.
MOCHIGO_CAPI_EXPORTED void mochiGoSessionSetJobs(MochiGoSession session,
                                                 unsigned jobs);

//===----------------------------------------------------------------------===//
// Environment
//
// The driver reads its environment variables (GOPROXY, GOSUMDB, GONOSUMDB,
// GOPRIVATE, GONOPROXY, GOFLAGS, GOOS, GOARCH, CC, CGO_CFLAGS, CGO_LDFLAGS,
// MOCHIGO_CACHE, MOCHIGO_GO, MOCHIGO_INGEST, MOCHIGO_LOOPBACK_ONLY; see
// mochigo::driver::Options::getenv) through the session. Without overrides
// that is the process environment (getenv(3)). Once any override is set,
// each variable is looked up in the session's overrides first, then in the
// process environment. The child processes the driver starts (go,
// mochi-go-ingest) get the process environment with the overridden values
// of the variables above. Like the go command, the driver treats an empty
// variable as unset: override a variable with "" to unset it.
//
// The process environment is read during each call, not when an override
// is set; it must not be changed while a call runs (under cgo, Go's
// os.Setenv changes it).
//===----------------------------------------------------------------------===//

/// Makes the variable `name` read as `value` in this session; "" unsets it.
/// Replaces an earlier override of `name`. Both strings are copied. A null
/// session is ignored.
MOCHIGO_CAPI_EXPORTED void mochiGoSessionSetEnv(MochiGoSession session,
                                                MochiGoStringRef name,
                                                MochiGoStringRef value);

/// Removes every override: the session reads the process environment again.
/// A null session is ignored.
MOCHIGO_CAPI_EXPORTED void mochiGoSessionClearEnv(MochiGoSession session);

//===----------------------------------------------------------------------===//
// Messages
//===----------------------------------------------------------------------===//

/// Sends the session's messages to `callback` with `userData` (the library
/// does not own `userData`; it must stay valid while calls on the session
/// run). NULL drops them, which is the default: the library never writes to
/// stdout or stderr. Replaces an earlier callback. A null session is
/// ignored.
MOCHIGO_CAPI_EXPORTED void mochiGoSessionSetMessageCallback(
    MochiGoSession session, MochiGoMessageCallback callback, void *userData);

/// Whether progress messages (MochiGoMessageKindVerbose) are produced and
/// delivered; off by default (mochi-go --verbose). A null session is
/// ignored.
MOCHIGO_CAPI_EXPORTED void mochiGoSessionSetVerbose(MochiGoSession session,
                                                    bool verbose);

//===----------------------------------------------------------------------===//
// The driver
//
// Each returns a MochiGoExitCode and reports through the message callback;
// with a null session they return MOCHIGO_EXIT_USAGE and report nothing.
// They block until done; callbacks are never called after they return.
//===----------------------------------------------------------------------===//

/// `mochi-go sync FILES`: reads the `import go` lines of the Mochi source
/// files `sources[0 .. numSources-1]` (one program), fetches and verifies
/// the modules, binds each import, builds one C archive for the program and
/// writes the lock. Everything expensive is cached by content: a second sync
/// with nothing changed does no network and no Go work. The result is kept
/// in the session (mochiGoSessionGet*), replacing the previous one.
/// `sources` may be NULL when `numSources` is 0.
MOCHIGO_CAPI_EXPORTED int mochiGoSync(MochiGoSession session,
                                      const MochiGoStringRef *sources,
                                      intptr_t numSources);

/// `mochi-go sync --check FILES`: compares the lock with the sources and the
/// cache without changing anything. Returns MOCHIGO_EXIT_SUCCESS, or
/// MOCHIGO_EXIT_DRIFT with one error message per drift (or
/// MOCHIGO_EXIT_SOURCE_ERRORS, MOCHIGO_EXIT_FAILURE, MOCHIGO_EXIT_USAGE when
/// it cannot compare). Does not change the session's sync result.
MOCHIGO_CAPI_EXPORTED int mochiGoCheck(MochiGoSession session,
                                       const MochiGoStringRef *sources,
                                       intptr_t numSources);

/// `mochi-go bind MODULE@VERSION`: binds one module on its own, its outputs
/// in `outDir` (include/, lib/, mochi/, go/, skip-report.txt; the session's
/// out dir is not used). An empty `alias` means the default alias of the
/// module path. Does not change the session's sync result.
MOCHIGO_CAPI_EXPORTED int mochiGoBind(MochiGoSession session,
                                      MochiGoStringRef moduleAtVersion,
                                      MochiGoStringRef alias,
                                      MochiGoStringRef outDir);

/// `mochi-go explain MODULE[@VERSION]`: the skip report of the module
/// (docs/SkipReport.md), delivered to `callback` with `userData`, possibly in
/// several consecutive chunks (like mlirOperationPrint), on the calling
/// thread, before the function returns. Without a version, the version the
/// lock pins (the session's lock path, else ./mochi.lock); a
/// standard-library package path needs none. On an error, what was
/// delivered may be incomplete. Does not change the session's sync result.
MOCHIGO_CAPI_EXPORTED int mochiGoExplain(MochiGoSession session,
                                         MochiGoStringRef module,
                                         MochiGoStringCallback callback,
                                         void *userData);

//===----------------------------------------------------------------------===//
// The result of the last mochiGoSync
//
// Before the first sync, the strings are empty and the numbers 0. After a
// sync that did not return MOCHIGO_EXIT_SUCCESS they may be empty or
// partial. The strings are owned by the session, NUL-terminated (the
// terminator is not counted), and valid until the next call that takes this
// session (other than these accessors) or mochiGoSessionDestroy: copy what
// you keep. Paths are absolute. With a null session: empty, 0, false.
//===----------------------------------------------------------------------===//

/// The program's C archive, <out>/lib/lib<name>.a.
MOCHIGO_CAPI_EXPORTED MochiGoStringRef
mochiGoSessionGetArchive(MochiGoSession session);

/// <out>/include: one <prefix>.h per import.
MOCHIGO_CAPI_EXPORTED MochiGoStringRef
mochiGoSessionGetIncludeDir(MochiGoSession session);

/// <out>/mochi: <alias>.mochi and <alias>.bindings.yaml per import.
MOCHIGO_CAPI_EXPORTED MochiGoStringRef
mochiGoSessionGetMochiDir(MochiGoSession session);

/// The pkg-config file of the program, <out>/<name>.pc.
MOCHIGO_CAPI_EXPORTED MochiGoStringRef
mochiGoSessionGetPkgConfig(MochiGoSession session);

/// The lock file written.
MOCHIGO_CAPI_EXPORTED MochiGoStringRef
mochiGoSessionGetLockPath(MochiGoSession session);

/// The C compiler flags a C link of the program needs (pkg-config --cflags).
MOCHIGO_CAPI_EXPORTED MochiGoStringRef
mochiGoSessionGetCFlags(MochiGoSession session);

/// The linker flags a C link of the program needs (pkg-config --libs).
MOCHIGO_CAPI_EXPORTED MochiGoStringRef
mochiGoSessionGetLibs(MochiGoSession session);

/// The number of `import go` lines of the program.
MOCHIGO_CAPI_EXPORTED intptr_t
mochiGoSessionGetNumImports(MochiGoSession session);

/// The number of modules downloaded (0 on a warm run).
MOCHIGO_CAPI_EXPORTED intptr_t
mochiGoSessionGetNumFetched(MochiGoSession session);

/// The number of imports bound, not found in the cache (0 on a warm run).
MOCHIGO_CAPI_EXPORTED intptr_t
mochiGoSessionGetNumBound(MochiGoSession session);

/// Whether the archive was built, not found in the cache (false on a warm
/// run).
MOCHIGO_CAPI_EXPORTED bool mochiGoSessionGetBuilt(MochiGoSession session);

#ifdef __cplusplus
}
#endif

#endif // MOCHIGO_C_DRIVER_H
