//===- Context.cpp - the run context, toolchain and processes -------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "DriverImpl.h"

#include "mochi-go/Fetch/ModCache.h"
#include "mochi-go/Fetch/Progress.h"
#include "mochi-go/Support/Crypto.h"
#include "mochi-go/Support/FileUtil.h"
#include "mochi-go/Support/Process.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Threading.h"

#include <cstdlib>
#include <dlfcn.h>
#include <thread>

extern char **environ;

using namespace mochigo;
using namespace mochigo::driver;
using namespace mochigo::driver::detail;
using llvm::StringRef;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

/// The variables a child process gets from Options::getenv (when set there)
/// instead of from our own environment.
constexpr StringRef kHonoured[] = {
    "GOPROXY",     "GOSUMDB",     "GONOSUMDB", "GOPRIVATE", "GONOPROXY",
    "GOFLAGS",     "GOOS",        "GOARCH",    "CC",        "CXX",
    "CGO_CFLAGS",  "CGO_LDFLAGS", "GOCACHE",   "GOAMD64",   "GOARM64",
    "HTTPS_PROXY", "HTTP_PROXY",  "NO_PROXY",  "GOINSECURE"};

/// A function of this file whose address dladdr resolves to the image that
/// holds the driver.
void findToolchainAddress() {}

llvm::Expected<Toolchain> findToolchain(const Context &ctx) {
  Toolchain tc;
  tc.go = resolveGoCommand(ctx.opts, nullptr);
  if (tc.go.empty())
    return llvm::createStringError(
        "no Go toolchain: `go` is not on PATH (set MOCHIGO_GO or --go)");
  if (!fs::can_execute(tc.go))
    return llvm::createStringError("the go command " + tc.go +
                                   " is not an executable file");
  // GOROOT is the parent of the bin directory the real binary sits in
  // (a symlink such as /usr/bin/go is followed); its VERSION file names
  // the release. Reading it costs no process.
  llvm::SmallString<256> real;
  if (fs::real_path(tc.go, real))
    real = tc.go;
  tc.goroot = std::string(path::parent_path(path::parent_path(real)));
  auto version = llvm::MemoryBuffer::getFile(tc.goroot + "/VERSION");
  if (!version)
    return llvm::createStringError(
        "cannot tell the version of the Go toolchain " + tc.go + ": " +
        tc.goroot + "/VERSION: " + version.getError().message());
  tc.version = (*version)->getBuffer().split('\n').first.trim().str();
  if (!StringRef(tc.version).starts_with("go"))
    return llvm::createStringError("unexpected Go toolchain version '" +
                                   tc.version + "' in " + tc.goroot +
                                   "/VERSION");
  tc.goos = ctx.getenv("GOOS").value_or(hostGOOS());
  tc.goarch = ctx.getenv("GOARCH").value_or(hostGOARCH());
  return tc;
}

/// The Go release a Go executable was built with, from its build info
/// (the "\xff Go buildinf:" header of Go 1.18+, strings inline); "" when it
/// cannot tell.
std::string goBuildVersion(StringRef file) {
  auto buf = llvm::MemoryBuffer::getFile(file, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!buf)
    return "";
  StringRef data = (*buf)->getBuffer();
  size_t at = data.find("\xff Go buildinf:");
  if (at == StringRef::npos || at + 33 > data.size() || !(data[at + 15] & 2))
    return "";
  size_t p = at + 32;
  uint64_t len = 0;
  for (unsigned shift = 0; p < data.size() && shift < 64; shift += 7) {
    uint8_t b = data[p++];
    len |= uint64_t(b & 0x7f) << shift;
    if (!(b & 0x80))
      break;
  }
  if (p + len > data.size() || len > 64)
    return "";
  return data.substr(p, len).str();
}

/// The minor release of "go1.N[.P]" (0 when it is not one).
unsigned goMinor(StringRef v) {
  unsigned minor = 0;
  if (!v.consume_front("go1."))
    return 0;
  if (v.take_while([](char c) {
         return c >= '0' && c <= '9';
       }).getAsInteger(10, minor))
    return 0;
  return minor;
}

} // namespace

std::string detail::driverImage() {
  Dl_info info;
  if (dladdr(reinterpret_cast<void *>(&findToolchainAddress), &info) &&
      info.dli_fname && *info.dli_fname) {
    llvm::SmallString<256> real;
    if (!fs::real_path(info.dli_fname, real))
      return std::string(real.str());
  }
  return fs::getMainExecutable(nullptr, nullptr);
}

llvm::Expected<std::unique_ptr<Context>>
Context::create(const Options &options) {
  auto ctx = std::make_unique<Context>();
  ctx->opts = options;

  auto tc = findToolchain(*ctx);
  if (!tc)
    return tc.takeError();
  ctx->toolchain = std::move(*tc);

  ctx->cacheDir = resolveCacheDir(options, nullptr);
  for (const std::string &dir :
       {ctx->cacheDir, ctx->bindDir(), ctx->buildDir(), ctx->tmpDir()})
    if (std::error_code ec = fs::create_directories(dir))
      return llvm::createStringError("cannot create " + dir + ": " +
                                     ec.message());
  // Leftovers of killed runs: temporaries whose lock nobody holds (and,
  // from versions that did not lock them, ones a day old).
  if (unsigned n = sweepStaleTemps(ctx->tmpDir(), {"bind-", "build-", "fetch-"},
                                   24 * 60 * 60))
    ctx->verbose("removed " + std::to_string(n) +
                 " leftover temporary director" + (n == 1 ? "y" : "ies") +
                 " in " + ctx->tmpDir());

  // GOPROXY and friends as the go command reads them: the environment, the
  // GOENV file, then the defaults of this go command (asked once per
  // toolchain, cached).
  auto env =
      fetch::GoEnv::load([&](StringRef name) { return ctx->getenv(name); },
                         ctx->toolchain.go, ctx->cacheDir);
  if (!env)
    return env.takeError();
  ctx->goEnv = std::move(*env);
  // mochi-go runs the go command it was given, never another toolchain.
  StringRef gotoolchain = ctx->goEnv.gotoolchain;
  StringRef mode = gotoolchain.split('+').first;
  if (!gotoolchain.empty() && mode != "local" && mode != "auto" &&
      mode != "path" && mode != ctx->toolchain.version)
    ctx->pendingWarnings.push_back(
        "GOTOOLCHAIN=" + gotoolchain.str() + " (" +
        ctx->goEnv.origins["GOTOOLCHAIN"] +
        ") is not followed: mochi-go runs " + ctx->toolchain.go + " (" +
        ctx->toolchain.version +
        ") with GOTOOLCHAIN=local; choose the toolchain with --go");

  std::string image = driverImage();
  std::string ingestOrigin;
  ctx->ingest = resolveIngest(options, image, &ingestOrigin);
  if (ctx->ingest.empty())
    return llvm::createStringError("mochi-go-ingest " + ingestOrigin);

  // Go 1.23 is the oldest toolchain mochi-go supports; and mochi-go-ingest
  // reads the export data of the toolchain with the importer of the Go it
  // was built with, which cannot read a newer format.
  unsigned minor = goMinor(ctx->toolchain.version);
  if (minor && minor < 23)
    return llvm::createStringError(
        "the Go toolchain " + ctx->toolchain.go + " is " +
        ctx->toolchain.version +
        "; mochi-go supports Go 1.23 and later (choose one with --go)");
  std::string ingestGo = goBuildVersion(ctx->ingest);
  if (unsigned im = goMinor(ingestGo); im && minor > im)
    return llvm::createStringError(
        ctx->ingest + " was built with " + ingestGo +
        ", whose export-data reader cannot read what " +
        ctx->toolchain.version + " (" + ctx->toolchain.go +
        ") writes: choose a toolchain up to " + ingestGo +
        " with --go, or build mochi-go-ingest with " + ctx->toolchain.version);

  // What the bound libraries depend on besides their inputs: the code of
  // the driver (the file dladdr names) and the ingest helper, by content: a
  // rebuilt tool never reuses what an older one wrote.
  std::string stamp;
  for (const std::string &file : {image, ctx->ingest}) {
    auto h = sha256File(file);
    if (!h)
      return h.takeError();
    stamp += *h;
  }
  ctx->toolStamp = sha256Hex(stamp);

  ctx->jobs = options.jobs ? options.jobs
                           : std::max(1u, std::thread::hardware_concurrency());
  ctx->loopbackOnly = ctx->getenv("MOCHIGO_LOOPBACK_ONLY").value_or("") == "1";
  return ctx;
}

std::optional<std::string> Context::getenv(StringRef name) const {
  return optionEnv(opts, name);
}

std::vector<std::string>
Context::childEnv(llvm::ArrayRef<std::string> overrides) const {
  std::map<std::string, std::string> vars;
  for (char **e = environ; e && *e; ++e) {
    auto [k, v] = StringRef(*e).split('=');
    vars[k.str()] = v.str();
  }
  if (opts.getenv)
    for (StringRef name : kHonoured) {
      if (auto v = opts.getenv(name))
        vars[name.str()] = *v;
    }
  for (const std::string &o : overrides) {
    auto [k, v] = StringRef(o).split('=');
    vars[k.str()] = v.str();
  }
  std::vector<std::string> out;
  for (auto &[k, v] : vars)
    out.push_back(k + "=" + v);
  return out;
}

std::vector<std::string>
Context::goCommandEnv(llvm::ArrayRef<std::string> overrides) const {
  std::vector<std::string> all = {"GOWORK=off", "GOTOOLCHAIN=local",
                                  "GOPATH=" + goPathDir()};
  // The settings as we resolved them (the go command would find the same
  // in its GOENV file, but says so only for what it reads itself).
  for (StringRef var : {"GOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMDB",
                        "GOINSECURE", "GOFLAGS"})
    all.push_back(var.str() + "=" + goEnv.get(var));
  all.insert(all.end(), overrides.begin(), overrides.end());
  return childEnv(all);
}

std::string Context::goProxyForGo() const {
  return "file://" + goProxyDir() + "," + goEnv.goproxy;
}

void Context::error(const llvm::Twine &msg) {
  std::lock_guard<std::mutex> lock(mu);
  if (opts.messages.error)
    opts.messages.error(securityMessage(msg.str()));
}
void Context::warning(const llvm::Twine &msg) {
  std::lock_guard<std::mutex> lock(mu);
  if (opts.messages.warning)
    opts.messages.warning(msg.str());
}
void Context::note(const llvm::Twine &msg) {
  std::lock_guard<std::mutex> lock(mu);
  if (opts.messages.note)
    opts.messages.note(msg.str());
}
void Context::verbose(const llvm::Twine &msg) {
  std::lock_guard<std::mutex> lock(mu);
  if (opts.messages.verbose)
    opts.messages.verbose(msg.str());
}

void Context::step(StringRef what, StringRef step, bool finished) {
  std::lock_guard<std::mutex> lock(mu);
  if (opts.messages.progress)
    opts.messages.progress(what, step, finished);
}

ProcessResult detail::runProcess(llvm::ArrayRef<std::string> argv,
                                 llvm::ArrayRef<std::string> env,
                                 StringRef stdoutTo) {
  ProcessResult result;
  llvm::SmallString<128> errFile;
  if (fs::createTemporaryFile("mochi-go", "log", errFile)) {
    result.output = "cannot create a temporary file";
    return result;
  }
  // The child and everything it starts die with this process
  // (Support/Process.h): it is waited for on this thread.
  std::string err;
  int rc = runChild(argv, env, stdoutTo.empty() ? StringRef(errFile) : stdoutTo,
                    errFile, &err);
  if (auto buf = llvm::MemoryBuffer::getFile(errFile))
    result.output = (*buf)->getBuffer().str();
  fs::remove(errFile);
  if (rc < 0)
    result.output += err;
  result.status = rc < 0 ? -1 : rc;
  return result;
}

std::string detail::absolutePath(StringRef p) {
  llvm::SmallString<256> out(p);
  fs::make_absolute(out);
  path::remove_dots(out, /*remove_dot_dot=*/true);
  return std::string(out.str());
}

std::string detail::sha256Hex(StringRef data) {
  return toHex(Sha256::hash(data));
}

llvm::Expected<std::string> detail::sha256File(StringRef file) {
  // Streamed: an archive is hundreds of MB.
  llvm::Expected<Sha256Digest> d = sha256OfFile(file.str());
  if (!d)
    return llvm::createStringError(
        "cannot read " + file + ": " +
        llvm::errorToErrorCode(d.takeError()).message());
  return toHex(*d);
}

llvm::Error detail::writeFile(StringRef file, StringRef data) {
  if (std::error_code ec = fs::create_directories(path::parent_path(file)))
    return llvm::createStringError("cannot create the directory of " + file +
                                   ": " + ec.message());
  return writeFileAtomic(file, data);
}

std::optional<llvm::json::Object> detail::readRecord(StringRef file) {
  auto buf = llvm::MemoryBuffer::getFile(file);
  if (!buf)
    return std::nullopt;
  auto json = llvm::json::parse((*buf)->getBuffer());
  if (!json) {
    llvm::consumeError(json.takeError());
    return std::nullopt;
  }
  if (llvm::json::Object *o = json->getAsObject())
    return std::move(*o);
  return std::nullopt;
}

llvm::Error detail::writeRecord(StringRef file, llvm::json::Object record) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(record))) << "\n";
  return writeFile(file, text);
}

llvm::Error detail::publishDir(StringRef tmp, StringRef dest) {
  if (!fs::rename(tmp, dest))
    return llvm::Error::success();
  if (fs::is_directory(dest)) {
    // Another sync stored the same content first.
    return removeTree(tmp);
  }
  std::error_code ec = fs::rename(tmp, dest);
  if (ec)
    return llvm::createStringError("cannot move " + tmp + " to " + dest + ": " +
                                   ec.message());
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<fetch::Downloader>>
detail::Context::downloader() {
  fetch::DownloadOptions dl;
  dl.env = goEnv;
  dl.cacheDir = cacheDir;
  dl.http.parallel = std::max(1u, jobs);
  dl.http.loopbackOnly = loopbackOnly;
  dl.jobs = jobs;
  dl.warn = [this](StringRef msg) { warning(msg); };
  // The fetcher's phases, per module, as steps: a module whose download
  // finished is being verified until its binding starts.
  if (opts.messages.progress && !fetchProgress) {
    fetchProgress = std::make_unique<fetch::Progress>(
        fetch::Progress::Mode::Never, "mochi-go");
    fetchProgress->setObserver([this](StringRef phase, StringRef what) {
      if (phase == "downloading")
        step(what, "verify");
    });
  }
  dl.progress = fetchProgress.get();
  if (isVerbose())
    dl.log = [this](StringRef msg) { verbose(msg); };
  return fetch::Downloader::create(std::move(dl));
}
