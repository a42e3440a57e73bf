//===- Env.cpp - mochi-go env: the settings and their origins -------------===//
//
// Part of mochi-go. The driver's own resolution of the go command, the
// cache and the ingest helper lives here, each function saying where its
// answer came from, so that `mochi-go env` prints what a sync uses and not
// a second opinion of it.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Driver/Env.h"

#include "DriverImpl.h"

#include "mochi-go/Fetch/GoEnv.h"
#include "mochi-go/Fetch/ModCache.h"
#include "mochi-go/Lock/Manifest.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <cstdlib>
#include <thread>

using namespace mochigo;
using namespace mochigo::driver;
using namespace mochigo::driver::detail;
using llvm::StringRef;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

std::optional<std::string> detail::optionEnv(const Options &opts,
                                             StringRef name) {
  std::optional<std::string> v;
  if (opts.getenv) {
    v = opts.getenv(name);
  } else if (const char *s = std::getenv(name.str().c_str())) {
    v = std::string(s);
  }
  if (v && v->empty())
    return std::nullopt; // empty means unset, as for the go command
  return v;
}

std::string detail::hostGOOS() {
#if defined(__linux__)
  return "linux";
#elif defined(__APPLE__)
  return "darwin";
#elif defined(__FreeBSD__)
  return "freebsd";
#else
  return "unknown";
#endif
}

std::string detail::hostGOARCH() {
#if defined(__x86_64__)
  return "amd64";
#elif defined(__aarch64__)
  return "arm64";
#elif defined(__i386__)
  return "386";
#elif defined(__riscv) && __riscv_xlen == 64
  return "riscv64";
#else
  return "unknown";
#endif
}

std::string detail::resolveGoCommand(const Options &opts, std::string *origin) {
  std::string go = opts.goCommand, how = "--go flag";
  if (go.empty()) {
    go = optionEnv(opts, "MOCHIGO_GO").value_or("");
    how = "environment (MOCHIGO_GO)";
  }
  if (go.empty()) {
    if (auto found = llvm::sys::findProgramByName("go"))
      go = *found;
    how = "PATH";
  }
  if (!go.empty() && !StringRef(go).contains('/'))
    if (auto found = llvm::sys::findProgramByName(go))
      go = *found;
  if (origin)
    *origin =
        go.empty() ? "not found: no go on PATH (set MOCHIGO_GO or --go)" : how;
  return go.empty() ? go : absolutePath(go);
}

std::string detail::resolveCacheDir(const Options &opts, std::string *origin) {
  std::string cache = opts.cacheDir, how = "--cache-dir flag";
  if (cache.empty()) {
    cache = optionEnv(opts, "MOCHIGO_CACHE").value_or("");
    how = "environment (MOCHIGO_CACHE)";
  }
  if (cache.empty()) {
    cache = fetch::ModCache::defaultDir();
    how = "mochi-go default ($XDG_CACHE_HOME/mochi/go-deps, else "
          "$HOME/.cache/mochi/go-deps)";
  }
  if (origin)
    *origin = how;
  return absolutePath(cache);
}

std::string driver::findHelper(StringRef name, StringRef image,
                               std::string *how) {
  auto found = [&](const std::string &file, StringRef rule) {
    if (how)
      *how = rule.str();
    return absolutePath(file);
  };
  std::string exe = fs::getMainExecutable(nullptr, nullptr);
  for (auto [file, rule] :
       {std::pair<std::string, StringRef>{image.str(), "next to the driver"},
        {exe, "next to the program"}}) {
    if (file.empty())
      continue;
    std::string dir(path::parent_path(file));
    // In the build tree (bin/, and lib/ for libmochi-go-c.so beside it),
    // then as installed: <prefix>/bin/mochi-go or <prefix>/lib/lib*.so
    // with <prefix>/libexec/mochi-go/NAME.
    for (const std::string &candidate :
         {dir + "/" + name.str(), dir + "/../libexec/mochi-go/" + name.str(),
          dir + "/../bin/" + name.str()})
      if (fs::can_execute(candidate) && !fs::is_directory(candidate))
        return found(candidate, rule);
  }
  // A program that linked the static libmochi-go-c: the installed mochi-go
  // on PATH knows where its helpers are.
  if (auto mochigo = llvm::sys::findProgramByName("mochi-go")) {
    llvm::SmallString<256> real;
    if (fs::real_path(*mochigo, real))
      real = *mochigo;
    std::string candidate =
        path::parent_path(real).str() + "/../libexec/mochi-go/" + name.str();
    if (fs::can_execute(candidate))
      return found(candidate, "beside mochi-go on PATH");
  }
  if (auto onPath = llvm::sys::findProgramByName(name))
    return found(*onPath, "PATH");
  return "";
}

std::string detail::resolveIngest(const Options &opts, StringRef image,
                                  std::string *origin) {
  std::string ingest = opts.ingestCommand, how = "--ingest flag";
  if (ingest.empty()) {
    ingest = optionEnv(opts, "MOCHIGO_INGEST").value_or("");
    how = "environment (MOCHIGO_INGEST)";
  }
  if (ingest.empty())
    ingest = findHelper("mochi-go-ingest", image, &how);
  if (ingest.empty())
    how = "not found next to " + image.str() +
          ", in ../libexec/mochi-go or on PATH (set MOCHIGO_INGEST or "
          "--ingest)";
  if (origin)
    *origin = how;
  return ingest.empty() ? ingest : absolutePath(ingest);
}

std::string driver::goVersionLine(const Options &options) {
  std::string origin;
  std::string go = resolveGoCommand(options, &origin);
  if (go.empty())
    return "  Go toolchain: " + origin;
  // Asked of the go command itself (only --version pays for the process).
  llvm::SmallString<128> out;
  if (fs::createTemporaryFile("mochi-go-version", "txt", out))
    return "  Go toolchain: " + go + " (cannot create a temporary file)";
  std::optional<StringRef> redirects[3] = {StringRef(""), StringRef(out),
                                           StringRef(out)};
  std::string err;
  int rc = llvm::sys::ExecuteAndWait(go, {go, "env", "GOVERSION"}, std::nullopt,
                                     redirects, 0, 0, &err);
  std::string version;
  if (auto buf = llvm::MemoryBuffer::getFile(out))
    version = (*buf)->getBuffer().trim().str();
  fs::remove(out);
  if (rc != 0)
    return "  Go toolchain: " + go + " (`go env GOVERSION` failed" +
           (rc < 0 ? ": " + err : "") + ")";
  return "  Go toolchain: " + go + " (" + version + ", from " + origin + ")";
}

llvm::Expected<std::vector<Setting>> driver::settings(const Options &options,
                                                      StringRef programDir) {
  std::vector<Setting> out;
  auto add = [&](StringRef name, StringRef value, StringRef origin) {
    out.push_back({name.str(), value.str(), origin.str()});
  };
  auto getenv = [&](StringRef name) { return optionEnv(options, name); };

  std::string goOrigin;
  std::string go = resolveGoCommand(options, &goOrigin);
  std::string cacheOrigin;
  std::string cache = resolveCacheDir(options, &cacheOrigin);

  // GOPROXY and friends exactly as a sync resolves them (the go command's
  // defaults are asked once per toolchain and cached under the cache).
  std::string goenvFile = fetch::goEnvFilePath(getenv);
  auto env = fetch::GoEnv::load(getenv, go, cache);
  if (!env) {
    // What a sync would stop on; the other settings still help to see why.
    std::string why = llvm::toString(env.takeError());
    for (StringRef var : fetch::kGoEnvVars)
      add(var, getenv(var).value_or(""), "cannot resolve: " + why);
  } else {
    for (StringRef var : fetch::kGoEnvVars) {
      auto it = env->origins.find(var.str());
      add(var, env->get(var), it == env->origins.end() ? "unset" : it->second);
    }
  }
  if (getenv("GONOSUMCHECK"))
    add("GONOSUMCHECK", getenv("GONOSUMCHECK").value_or(""),
        "environment (ignored: the go command does not read it)");
  std::string goenvOrigin;
  if (getenv("GOENV"))
    goenvOrigin = goenvFile.empty() ? "environment (GOENV=off)" : "environment";
  else if (goenvFile.empty())
    goenvOrigin = "unset (no $XDG_CONFIG_HOME or $HOME)";
  else
    goenvOrigin = "go command default ($XDG_CONFIG_HOME/go/env, else "
                  "$HOME/.config/go/env)";
  if (!goenvFile.empty() && !fs::exists(goenvFile))
    goenvOrigin += "; the file does not exist";
  add("GOENV", goenvFile, goenvOrigin);

  // The toolchain.
  add("GO", go, goOrigin);
  std::string goroot, goversion;
  if (!go.empty()) {
    llvm::SmallString<256> real;
    if (fs::real_path(go, real))
      real = go;
    goroot = path::parent_path(path::parent_path(real)).str();
    if (auto v = llvm::MemoryBuffer::getFile(goroot + "/VERSION"))
      goversion = (*v)->getBuffer().split('\n').first.trim().str();
  }
  add("GOROOT", goroot, go.empty() ? "unset" : "the go command's directory");
  add("GOVERSION", goversion,
      goversion.empty() ? "unknown (no GOROOT/VERSION)" : "GOROOT/VERSION");
  add("GOOS", getenv("GOOS").value_or(hostGOOS()),
      getenv("GOOS") ? "environment" : "mochi-go default (the host's)");
  add("GOARCH", getenv("GOARCH").value_or(hostGOARCH()),
      getenv("GOARCH") ? "environment" : "mochi-go default (the host's)");

  // What the go build of the archive passes to cgo.
  for (StringRef var : {"CC", "CGO_CFLAGS", "CGO_LDFLAGS"})
    add(var, getenv(var).value_or(""),
        getenv(var) ? "environment" : "unset (the go command's default)");

  // mochi-go's own settings.
  add("MOCHIGO_CACHE", cache, cacheOrigin);
  std::string ingestOrigin;
  std::string ingest = resolveIngest(options, driverImage(), &ingestOrigin);
  add("MOCHIGO_INGEST", ingest, ingestOrigin);
  // Not environment variables: the command line's, or the default.
  add("jobs",
      std::to_string(options.jobs
                         ? options.jobs
                         : std::max(1u, std::thread::hardware_concurrency())),
      options.jobs ? "--jobs flag" : "mochi-go default (one per core)");
  std::optional<std::string> loopback = getenv("MOCHIGO_LOOPBACK_ONLY");
  add("MOCHIGO_LOOPBACK_ONLY", loopback.value_or(""),
      loopback ? "environment" : "unset");

  // mochi.toml of the program.
  std::string manifestPath = (programDir + "/mochi.toml").str();
  auto manifest = lock::readManifest(manifestPath);
  if (!manifest)
    return manifest.takeError();
  add("mochi.toml", *manifest ? absolutePath(manifestPath) : "",
      *manifest ? "the program directory"
                : "none in " + absolutePath(programDir));
  if (*manifest) {
    for (const lock::ManifestRequire &r : (*manifest)->requires_)
      add("go-dependencies." + r.path, r.version, r.where);
    for (const lock::ManifestReplace &r : (*manifest)->replaces)
      add("go.replace." + r.path,
          r.isLocal() ? r.dir : r.newPath + "@" + r.newVersion, r.where);
  }
  return out;
}
