//===- Driver.cpp - C API of the mochi-go driver --------------------------===//
//
// Part of mochi-go. A session owns a driver::Options whose message functions
// and getenv forward to the C callback and to the session's overrides, and
// the last driver::SyncResult.
//
//===----------------------------------------------------------------------===//

#include "mochi-go-c/Driver.h"

#include "mochi-go/Driver/Driver.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <vector>

using namespace mochigo;
using llvm::StringRef;

static_assert(int(MOCHIGO_EXIT_SUCCESS) == int(driver::Success),
              "exit code mismatch");
static_assert(int(MOCHIGO_EXIT_FAILURE) == int(driver::Failure),
              "exit code mismatch");
static_assert(int(MOCHIGO_EXIT_USAGE) == int(driver::Usage),
              "exit code mismatch");
static_assert(int(MOCHIGO_EXIT_SOURCE_ERRORS) == int(driver::SourceErrors),
              "exit code mismatch");
static_assert(int(MOCHIGO_EXIT_DRIFT) == int(driver::Drift),
              "exit code mismatch");
static_assert(int(MOCHIGO_EXIT_SECURITY) == int(driver::Security),
              "exit code mismatch");

namespace {

/// What a MochiGoSession points to.
struct Session {
  driver::Options options;
  driver::SyncResult result;

  MochiGoMessageCallback callback = nullptr;
  void *userData = nullptr;
  bool verbose = false;
  /// Serialises the callback: the driver may report from its workers.
  std::mutex callbackMutex;

  /// Environment overrides.
  llvm::StringMap<std::string> env;

  Session() {
    options.messages.error = [this](StringRef m) {
      deliver(MochiGoMessageKindError, m);
    };
    options.messages.warning = [this](StringRef m) {
      deliver(MochiGoMessageKindWarning, m);
    };
    options.messages.note = [this](StringRef m) {
      deliver(MochiGoMessageKindNote, m);
    };
  }

  void deliver(MochiGoMessageKind kind, StringRef message) {
    std::lock_guard<std::mutex> lock(callbackMutex);
    if (callback)
      callback(kind, MochiGoStringRef{message.data(), message.size()},
               userData);
  }

  /// The driver decides whether to produce progress by whether
  /// messages.verbose is set, so it is set only when wanted.
  void setVerbose(bool on) {
    verbose = on;
    if (on)
      options.messages.verbose = [this](StringRef m) {
        deliver(MochiGoMessageKindVerbose, m);
      };
    else
      options.messages.verbose = nullptr;
  }

  /// Options::getenv: the overrides, then the process environment. Without
  /// overrides the driver's default (getenv) is left alone.
  void updateGetenv() {
    if (env.empty()) {
      options.getenv = nullptr;
      return;
    }
    options.getenv = [this](StringRef name) -> std::optional<std::string> {
      auto it = env.find(name);
      if (it != env.end())
        return it->second;
      if (const char *value = std::getenv(name.str().c_str()))
        return std::string(value);
      return std::nullopt;
    };
  }
};

Session *unwrap(MochiGoSession session) {
  return static_cast<Session *>(session.ptr);
}

StringRef unwrap(MochiGoStringRef s) {
  return s.length ? StringRef(s.data, s.length) : StringRef();
}

MochiGoStringRef wrap(const std::string &s) {
  return MochiGoStringRef{s.c_str(), s.size()};
}

MochiGoStringRef emptyString() { return MochiGoStringRef{"", 0}; }

/// The source paths of a sync or check, or std::nullopt (and an error
/// message) when the count is negative.
std::optional<std::vector<std::string>>
sourcesOf(Session &session, const MochiGoStringRef *sources,
          intptr_t numSources) {
  if (numSources < 0 || (numSources > 0 && !sources)) {
    session.deliver(MochiGoMessageKindError,
                    "mochi-go-c: the sources are not a valid array "
                    "(negative count or NULL)");
    return std::nullopt;
  }
  std::vector<std::string> paths;
  paths.reserve(numSources);
  for (intptr_t i = 0; i < numSources; ++i)
    paths.push_back(unwrap(sources[i]).str());
  return paths;
}

/// A raw_ostream that hands its output to a MochiGoStringCallback.
class CallbackOstream : public llvm::raw_ostream {
public:
  CallbackOstream(MochiGoStringCallback callback, void *userData)
      : callback(callback), userData(userData) {}
  ~CallbackOstream() override { flush(); }

private:
  void write_impl(const char *ptr, size_t size) override {
    pos += size;
    if (callback && size)
      callback(MochiGoStringRef{ptr, size}, userData);
  }
  uint64_t current_pos() const override { return pos; }

  MochiGoStringCallback callback;
  void *userData;
  uint64_t pos = 0;
};

} // namespace

//===----------------------------------------------------------------------===//
// Strings
//===----------------------------------------------------------------------===//

MochiGoStringRef mochiGoStringRefCreateFromCString(const char *str) {
  if (!str)
    return MochiGoStringRef{nullptr, 0};
  return MochiGoStringRef{str, StringRef(str).size()};
}

//===----------------------------------------------------------------------===//
// Sessions and options
//===----------------------------------------------------------------------===//

MochiGoSession mochiGoSessionCreate(void) {
  return MochiGoSession{new (std::nothrow) Session()};
}

void mochiGoSessionDestroy(MochiGoSession session) { delete unwrap(session); }

#define MOCHIGO_STRING_OPTION(FUNCTION, FIELD)                                 \
  void FUNCTION(MochiGoSession session, MochiGoStringRef value) {              \
    if (Session *s = unwrap(session))                                          \
      s->options.FIELD = unwrap(value).str();                                  \
  }
MOCHIGO_STRING_OPTION(mochiGoSessionSetCacheDir, cacheDir)
MOCHIGO_STRING_OPTION(mochiGoSessionSetOutDir, outDir)
MOCHIGO_STRING_OPTION(mochiGoSessionSetLockPath, lockPath)
MOCHIGO_STRING_OPTION(mochiGoSessionSetGoCommand, goCommand)
MOCHIGO_STRING_OPTION(mochiGoSessionSetIngestCommand, ingestCommand)
#undef MOCHIGO_STRING_OPTION

void mochiGoSessionSetJobs(MochiGoSession session, unsigned jobs) {
  if (Session *s = unwrap(session))
    s->options.jobs = jobs;
}

void mochiGoSessionSetEnv(MochiGoSession session, MochiGoStringRef name,
                          MochiGoStringRef value) {
  if (Session *s = unwrap(session)) {
    s->env[unwrap(name)] = unwrap(value).str();
    s->updateGetenv();
  }
}

void mochiGoSessionClearEnv(MochiGoSession session) {
  if (Session *s = unwrap(session)) {
    s->env.clear();
    s->updateGetenv();
  }
}

void mochiGoSessionSetMessageCallback(MochiGoSession session,
                                      MochiGoMessageCallback callback,
                                      void *userData) {
  if (Session *s = unwrap(session)) {
    s->callback = callback;
    s->userData = userData;
  }
}

void mochiGoSessionSetVerbose(MochiGoSession session, bool verbose) {
  if (Session *s = unwrap(session))
    s->setVerbose(verbose);
}

//===----------------------------------------------------------------------===//
// The driver
//===----------------------------------------------------------------------===//

int mochiGoSync(MochiGoSession session, const MochiGoStringRef *sources,
                intptr_t numSources) {
  Session *s = unwrap(session);
  if (!s)
    return MOCHIGO_EXIT_USAGE;
  s->result = driver::SyncResult();
  std::optional<std::vector<std::string>> paths =
      sourcesOf(*s, sources, numSources);
  if (!paths)
    return MOCHIGO_EXIT_USAGE;
  return driver::sync(*paths, s->options, &s->result);
}

int mochiGoCheck(MochiGoSession session, const MochiGoStringRef *sources,
                 intptr_t numSources) {
  Session *s = unwrap(session);
  if (!s)
    return MOCHIGO_EXIT_USAGE;
  std::optional<std::vector<std::string>> paths =
      sourcesOf(*s, sources, numSources);
  if (!paths)
    return MOCHIGO_EXIT_USAGE;
  return driver::check(*paths, s->options);
}

int mochiGoBind(MochiGoSession session, MochiGoStringRef moduleAtVersion,
                MochiGoStringRef alias, MochiGoStringRef outDir) {
  Session *s = unwrap(session);
  if (!s)
    return MOCHIGO_EXIT_USAGE;
  return driver::bind(unwrap(moduleAtVersion), unwrap(alias), unwrap(outDir),
                      s->options);
}

int mochiGoExplain(MochiGoSession session, MochiGoStringRef module,
                   MochiGoStringCallback callback, void *userData) {
  Session *s = unwrap(session);
  if (!s)
    return MOCHIGO_EXIT_USAGE;
  CallbackOstream os(callback, userData);
  int code = driver::explain(unwrap(module), s->options, os);
  os.flush();
  return code;
}

//===----------------------------------------------------------------------===//
// The result of the last sync
//===----------------------------------------------------------------------===//

#define MOCHIGO_STRING_RESULT(FUNCTION, FIELD)                                 \
  MochiGoStringRef FUNCTION(MochiGoSession session) {                          \
    if (Session *s = unwrap(session))                                          \
      return wrap(s->result.FIELD);                                            \
    return emptyString();                                                      \
  }
MOCHIGO_STRING_RESULT(mochiGoSessionGetArchive, archive)
MOCHIGO_STRING_RESULT(mochiGoSessionGetIncludeDir, includeDir)
MOCHIGO_STRING_RESULT(mochiGoSessionGetMochiDir, mochiDir)
MOCHIGO_STRING_RESULT(mochiGoSessionGetPkgConfig, pkgConfig)
MOCHIGO_STRING_RESULT(mochiGoSessionGetLockPath, lockPath)
MOCHIGO_STRING_RESULT(mochiGoSessionGetCFlags, cflags)
MOCHIGO_STRING_RESULT(mochiGoSessionGetLibs, libs)
#undef MOCHIGO_STRING_RESULT

intptr_t mochiGoSessionGetNumImports(MochiGoSession session) {
  Session *s = unwrap(session);
  return s ? s->result.imports : 0;
}

intptr_t mochiGoSessionGetNumFetched(MochiGoSession session) {
  Session *s = unwrap(session);
  return s ? s->result.fetched : 0;
}

intptr_t mochiGoSessionGetNumBound(MochiGoSession session) {
  Session *s = unwrap(session);
  return s ? s->result.bound : 0;
}

bool mochiGoSessionGetBuilt(MochiGoSession session) {
  Session *s = unwrap(session);
  return s && s->result.built;
}
