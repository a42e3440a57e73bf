//===- mochi-go-mod.cpp - Download and verify Go modules ------------------===//
//
// Part of mochi-go. The command line over the fetcher:
//   mochi-go-mod download [flags] module@version ...
//   mochi-go-mod list     [flags] module ...
//   mochi-go-mod hash     [-as zip|gomod|dir] [-prefix m@v] path ...
//   mochi-go-mod verify   [-cache DIR] [module@version ...]
//   mochi-go-mod env      [flags]
// See README.md ("mochi-go-mod") for every flag and docs/ModuleFetching.md
// for what is verified and how. Exit status: 0 success, 1 when any module
// failed, 2 for usage errors.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Fetch/Downloader.h"
#include "mochi-go/Fetch/GoEnv.h"
#include "mochi-go/Fetch/ModCache.h"
#include "mochi-go/Fetch/Progress.h"
#include "mochi-go/ModZip/ModZip.h"
#include "mochi-go/Module/Semver.h"
#include "mochi-go/Support/Crypto.h"
#include "mochi-go/Support/FileUtil.h"
#include "mochi-go/Support/Version.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace mochigo;
using namespace mochigo::fetch;
using llvm::StringRef;
namespace cl = llvm::cl;

namespace {

cl::OptionCategory category("mochi-go-mod options");

cl::SubCommand downloadCmd("download",
                           "Download module versions, verify their h1 hashes "
                           "(go.sum, checksum database) and store them in "
                           "the cache");
cl::SubCommand listCmd("list", "List the versions the module proxies have");
cl::SubCommand hashCmd("hash",
                       "Print the h1 hash of module zips, go.mod files or "
                       "extracted module directories");
cl::SubCommand verifyCmd("verify", "Re-hash cached modules and compare them "
                                   "with the hashes recorded when they were "
                                   "verified");
cl::SubCommand envCmd("env", "Print the settings in effect");

cl::list<std::string> downloadArgs(cl::Positional, cl::sub(downloadCmd),
                                   cl::desc("module@version ..."),
                                   cl::OneOrMore);
cl::list<std::string> listArgs(cl::Positional, cl::sub(listCmd),
                               cl::desc("module ..."), cl::OneOrMore);
cl::list<std::string> hashArgs(cl::Positional, cl::sub(hashCmd),
                               cl::desc("path ..."), cl::OneOrMore);
cl::list<std::string> verifyArgs(cl::Positional, cl::sub(verifyCmd),
                                 cl::desc("[module@version ...]"));

cl::opt<std::string>
    proxyFlag("proxy", cl::desc("GOPROXY list to use instead of $GOPROXY"),
              cl::value_desc("list"), cl::sub(downloadCmd), cl::sub(listCmd),
              cl::sub(envCmd), cl::cat(category));
cl::opt<std::string>
    sumdbFlag("sumdb",
              cl::desc("GOSUMDB to use instead of $GOSUMDB (\"off\", a name, "
                       "a key, or \"key URL\")"),
              cl::value_desc("value"), cl::sub(downloadCmd), cl::sub(envCmd),
              cl::cat(category));
cl::opt<std::string>
    cacheFlag("cache",
              cl::desc("Cache directory (default $XDG_CACHE_HOME/mochi/go-deps "
                       "or ~/.cache/mochi/go-deps)"),
              cl::value_desc("dir"), cl::sub(downloadCmd), cl::sub(listCmd),
              cl::sub(verifyCmd), cl::sub(envCmd), cl::cat(category));
cl::opt<bool> jsonFlag("json",
                       cl::desc("Print one JSON object per module, like "
                                "`go mod download -json`"),
                       cl::sub(downloadCmd), cl::cat(category));
cl::opt<std::string>
    goSumFlag("gosum",
              cl::desc("go.sum file to verify against and to add the lines to"),
              cl::value_desc("file"), cl::sub(downloadCmd), cl::cat(category));
cl::opt<int> parallelFlag("j", cl::desc("Transfers in flight at once (8)"),
                          cl::init(8), cl::sub(downloadCmd), cl::sub(listCmd),
                          cl::cat(category));
cl::opt<int> timeoutFlag("timeout",
                         cl::desc("Seconds one transfer may take (300)"),
                         cl::init(300), cl::sub(downloadCmd), cl::sub(listCmd),
                         cl::cat(category));
cl::opt<int> connectTimeoutFlag(
    "connect-timeout", cl::desc("Seconds to wait for a connection (15)"),
    cl::init(15), cl::sub(downloadCmd), cl::sub(listCmd), cl::cat(category));
cl::opt<int> retriesFlag(
    "retries",
    cl::desc("Extra attempts after a transient failure (connection error, "
             "timeout, HTTP 429 or 5xx), with exponential back-off (3)"),
    cl::init(3), cl::sub(downloadCmd), cl::sub(listCmd), cl::cat(category));
cl::opt<int> backoffFlag("backoff-ms",
                         cl::desc("First back-off in milliseconds (250)"),
                         cl::init(250), cl::sub(downloadCmd), cl::sub(listCmd),
                         cl::cat(category));
cl::opt<std::string> progressFlag(
    "progress",
    cl::desc("auto (a status line when stderr is a terminal), always (one "
             "line per step when it is not), never"),
    cl::init("auto"), cl::sub(downloadCmd), cl::cat(category));
cl::opt<bool> verboseFlag("v",
                          cl::desc("Log every request, cache hit and "
                                   "verification to stderr"),
                          cl::sub(downloadCmd), cl::sub(listCmd),
                          cl::cat(category));
cl::opt<std::string> asFlag("as",
                            cl::desc("What the paths are: zip, gomod or dir "
                                     "(default: by name)"),
                            cl::sub(hashCmd), cl::cat(category));
cl::opt<std::string> prefixFlag(
    "prefix",
    cl::desc("For directories: the module@version the files are under"),
    cl::sub(hashCmd), cl::cat(category));

void printError(StringRef msg) {
  llvm::errs() << "mochi-go-mod: " << msg << "\n";
}

/// The go command whose defaults complete the settings: $MOCHIGO_GO, else
/// `go` on PATH; none (no defaults) when there is neither.
std::string goCommand() {
  if (const char *go = std::getenv("MOCHIGO_GO"); go && *go)
    return go;
  if (auto found = llvm::sys::findProgramByName("go"))
    return *found;
  return "";
}

llvm::Expected<GoEnv> loadEnv() {
  // -proxy and -sumdb stand for the environment variables.
  auto getenv = [](StringRef name) -> std::optional<std::string> {
    if (name == "GOPROXY" && !proxyFlag.empty())
      return proxyFlag.getValue();
    if (name == "GOSUMDB" && !sumdbFlag.empty())
      return sumdbFlag.getValue();
    if (const char *v = std::getenv(name.str().c_str()))
      return std::string(v);
    return std::nullopt;
  };
  return GoEnv::load(getenv, goCommand(),
                     cacheFlag.empty() ? ModCache::defaultDir()
                                       : std::string(cacheFlag));
}

HttpOptions httpOptions() {
  HttpOptions o;
  o.parallel = std::max(1, parallelFlag.getValue());
  o.timeoutMs = std::max(1, timeoutFlag.getValue()) * 1000L;
  o.connectTimeoutMs = std::max(1, connectTimeoutFlag.getValue()) * 1000L;
  o.retries = std::max(0, retriesFlag.getValue());
  o.backoffMs = std::max(0, backoffFlag.getValue());
  const char *lo = std::getenv("MOCHIGO_LOOPBACK_ONLY");
  o.loopbackOnly = lo && StringRef(lo) == "1";
  return o;
}

int runDownload(bool listOnly) {
  llvm::Expected<GoEnv> env = loadEnv();
  if (!env) {
    printError(llvm::toString(env.takeError()));
    return 2;
  }
  Progress::Mode mode = Progress::Mode::Auto;
  if (!Progress::parseMode(progressFlag, mode)) {
    printError("-progress must be auto, always or never");
    return 2;
  }
  Progress progress(mode, "mochi-go-mod");
  DownloadOptions opts;
  opts.env = *env;
  opts.cacheDir = cacheFlag;
  opts.http = httpOptions();
  opts.goSumPath = goSumFlag;
  opts.progress = &progress;
  opts.warn = [&](StringRef msg) {
    progress.message("mochi-go-mod: " + msg.str());
  };
  if (verboseFlag)
    opts.log = [&](StringRef msg) {
      progress.message("mochi-go-mod: " + msg.str());
    };
  llvm::Expected<std::unique_ptr<Downloader>> d =
      Downloader::create(std::move(opts));
  if (!d) {
    printError(llvm::toString(d.takeError()));
    return 2;
  }

  if (listOnly) {
    auto lists = (*d)->listVersions(
        std::vector<std::string>(listArgs.begin(), listArgs.end()));
    int status = 0;
    for (size_t i = 0; i < lists.size(); ++i) {
      if (!lists[i].second.empty()) {
        printError(lists[i].second);
        status = 1;
        continue;
      }
      for (const std::string &v : lists[i].first)
        llvm::outs() << (listArgs.size() > 1 ? listArgs[i] + " " : "") << v
                     << "\n";
    }
    return status;
  }

  // Only a missing "@version" is a usage error; a bad path or version is
  // that module's failure, reported with the others.
  std::vector<module::Version> mods;
  for (const std::string &arg : downloadArgs) {
    size_t at = StringRef(arg).rfind('@');
    if (at == StringRef::npos || at == 0 || at + 1 == arg.size()) {
      printError("invalid module argument " + module::quote(arg) +
                 ": want module@version or module@latest");
      return 2;
    }
    mods.push_back({arg.substr(0, at), arg.substr(at + 1)});
  }
  std::vector<DownloadResult> results = (*d)->download(mods);
  int failed = 0, cached = 0;
  for (const DownloadResult &r : results) {
    if (!r.ok()) {
      ++failed;
      printError(r.error);
    } else if (r.fromCache) {
      ++cached;
    }
    if (jsonFlag) {
      llvm::json::Object o{{"Path", r.path}};
      o["Version"] = r.version.empty() ? r.query : r.version;
      if (!r.ok()) {
        o["Error"] = r.error;
      } else {
        if (r.query != r.version)
          o["Query"] = r.query;
        o["Info"] = r.info;
        o["GoMod"] = r.goMod;
        o["Zip"] = r.zip;
        o["Dir"] = r.dir;
        o["Sum"] = r.sum;
        o["GoModSum"] = r.goModSum;
        o["Time"] = r.time;
        o["Verified"] = r.verified;
        o["Cached"] = r.fromCache;
      }
      llvm::outs() << llvm::formatv("{0:2}", llvm::json::Value(std::move(o)))
                   << "\n";
    } else if (r.ok()) {
      llvm::outs() << r.path << " " << r.version << " " << r.sum << "\n"
                   << r.path << " " << r.version << "/go.mod " << r.goModSum
                   << "\n";
    }
  }
  const DownloadStats &s = (*d)->stats();
  llvm::errs() << "mochi-go-mod: " << results.size() << " module"
               << (results.size() == 1 ? "" : "s") << ": "
               << (results.size() - failed - cached)
               << " downloaded and verified, " << cached << " from the cache, "
               << failed << " failed (" << s.requests << " requests, "
               << s.retries << " retries, "
               << llvm::format("%.1f", s.bytes / double(1 << 20))
               << " MiB; cache " << (*d)->cacheDir() << ")\n";
  return failed ? 1 : 0;
}

int runHash() {
  int status = 0;
  for (const std::string &p : hashArgs) {
    std::string kind = asFlag;
    if (kind.empty()) {
      if (llvm::sys::fs::is_directory(p))
        kind = "dir";
      else if (StringRef(p).ends_with(".zip"))
        kind = "zip";
      else if (StringRef(p).ends_with(".mod"))
        kind = "gomod";
      else {
        printError(p + ": cannot tell whether it is a zip, a go.mod or a "
                       "directory; use -as");
        return 2;
      }
    }
    llvm::Expected<std::string> h = [&]() -> llvm::Expected<std::string> {
      if (kind == "dir") {
        if (prefixFlag.empty())
          return llvm::createStringError(
              llvm::inconvertibleErrorCode(),
              "hashing a directory needs -prefix module@version");
        return modzip::hashDir(p, prefixFlag);
      }
      llvm::Expected<std::string> data = readFile(p);
      if (!data)
        return data.takeError();
      if (kind == "gomod")
        return modzip::hashGoMod(*data);
      if (kind != "zip")
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "-as must be zip, gomod or dir");
      llvm::Expected<modzip::ZipArchive> zip =
          modzip::ZipArchive::open(bytesOf(*data));
      if (!zip)
        return zip.takeError();
      return modzip::hashZip(*zip);
    }();
    if (!h) {
      printError(p + ": " + llvm::toString(h.takeError()));
      status = 1;
      continue;
    }
    llvm::outs() << *h << "  " << p << "\n";
  }
  return status;
}

int runVerify() {
  std::string dir = cacheFlag.empty() ? ModCache::defaultDir() : cacheFlag;
  llvm::Expected<ModCache> cache = ModCache::open(dir);
  if (!cache) {
    printError(llvm::toString(cache.takeError()));
    return 2;
  }
  std::vector<module::Version> mods;
  if (verifyArgs.empty()) {
    mods = cache->list();
  } else {
    for (const std::string &arg : verifyArgs) {
      llvm::Expected<module::Version> m = module::parseModuleArg(arg);
      if (!m) {
        printError(llvm::toString(m.takeError()));
        return 2;
      }
      mods.push_back(*m);
    }
  }
  int bad = 0;
  for (const module::Version &m : mods) {
    std::optional<ModuleRecord> rec = cache->find(m.path, m.version);
    if (!rec) {
      printError(m.str() + ": not in the cache (or its entry is incomplete)");
      ++bad;
      continue;
    }
    std::vector<std::string> problems;
    for (auto [hex, what] :
         {std::pair<std::string, const char *>{rec->zipSha256, "zip"},
          {rec->modSha256, "go.mod"},
          {rec->infoSha256, "info"}}) {
      llvm::Expected<std::string> data = readFile(cache->blobPath(hex));
      if (!data) {
        problems.push_back(llvm::toString(data.takeError()));
        continue;
      }
      if (toHex(Sha256::hash(*data)) != hex)
        problems.push_back(std::string(what) + " blob " + cache->blobPath(hex) +
                           " has been modified");
      if (StringRef(what) == "go.mod" &&
          modzip::hashGoMod(*data) != rec->goModSum)
        problems.push_back("go.mod does not hash to " + rec->goModSum);
    }
    llvm::Expected<std::string> h =
        modzip::hashDir(cache->treePath(rec->sum), m.str());
    if (!h)
      problems.push_back(llvm::toString(h.takeError()));
    else if (*h != rec->sum)
      problems.push_back("dir " + cache->treePath(rec->sum) +
                         " has been modified (hashes to " + *h + ", want " +
                         rec->sum + ")");
    if (problems.empty())
      continue;
    ++bad;
    for (const std::string &p : problems)
      printError(m.str() + ": " + p);
  }
  if (!bad)
    llvm::outs() << "all " << mods.size() << " modules verified\n";
  return bad ? 1 : 0;
}

int runEnv() {
  llvm::Expected<GoEnv> env = loadEnv();
  if (!env) {
    printError(llvm::toString(env.takeError()));
    return 2;
  }
  llvm::outs() << "GOPROXY=" << env->goproxy << "\n";
  llvm::Expected<std::vector<ProxySpec>> list =
      parseGoProxy(env->goproxy, env->gonoproxy);
  if (!list) {
    printError(llvm::toString(list.takeError()));
    return 1;
  }
  for (const ProxySpec &p : *list) {
    llvm::outs() << "  proxy: ";
    switch (p.kind) {
    case ProxySpec::URL:
      llvm::outs() << p.url
                   << (p.fallBackOnError ? " (then: next on any error)"
                                         : " (then: next on 404/410)");
      break;
    case ProxySpec::Direct:
      llvm::outs() << "direct (not supported by mochi-go)";
      break;
    case ProxySpec::Off:
      llvm::outs() << "off";
      break;
    case ProxySpec::NoProxy:
      llvm::outs() << "noproxy (GONOPROXY modules: not supported)";
      break;
    }
    llvm::outs() << "\n";
  }
  llvm::outs() << "GOSUMDB=" << env->gosumdb << "\n";
  llvm::Expected<SumDBSpec> sum = parseGoSumDB(env->gosumdb);
  if (!sum) {
    printError(llvm::toString(sum.takeError()));
    return 1;
  }
  if (sum->off)
    llvm::outs() << "  checksum database: off\n";
  else
    llvm::outs() << "  checksum database: " << sum->name << " key " << sum->key
                 << " at "
                 << (sum->url.empty()
                         ? "(through GOPROXY, else https://" + sum->name + ")"
                         : sum->url)
                 << "\n";
  llvm::outs() << "GOPRIVATE=" << env->goprivate << "\n"
               << "GONOPROXY=" << env->gonoproxy << "\n"
               << "GONOSUMDB=" << env->gonosumdb << "\n"
               << "GOINSECURE=" << env->goinsecure
               << " (direct fetches only; never disables verification)\n"
               << "GONOSUMCHECK "
               << (env->gonosumcheckSet
                       ? "is set (ignored, as by the go command)"
                       : "is not set")
               << "\n"
               << "GOFLAGS=" << env->goflags << "\n"
               << "GOTOOLCHAIN=" << env->gotoolchain << "\n";
  llvm::outs() << "from:";
  for (StringRef var : kGoEnvVars) {
    auto it = env->origins.find(var.str());
    llvm::outs() << "\n  " << var << ": "
                 << (it == env->origins.end() ? "unset" : it->second);
  }
  llvm::outs() << "\n"
               << "cache: "
               << (cacheFlag.empty() ? ModCache::defaultDir()
                                     : std::string(cacheFlag))
               << "\n";
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  mochigo::setVersionPrinter("mochi-go-mod");
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "mochi-go-mod: download and verify Go modules as the go command "
          "does\n\n"
          "  mochi-go-mod download [flags] module@version ...\n"
          "  mochi-go-mod list [flags] module ...\n"
          "  mochi-go-mod hash [-as zip|gomod|dir] [-prefix m@v] path ...\n"
          "  mochi-go-mod verify [-cache dir] [module@version ...]\n"
          "  mochi-go-mod env [flags]\n",
          &llvm::errs()))
    return 2;
  if (downloadCmd)
    return runDownload(false);
  if (listCmd)
    return runDownload(true);
  if (hashCmd)
    return runHash();
  if (verifyCmd)
    return runVerify();
  if (envCmd)
    return runEnv();
  printError("missing command: download, list, hash, verify or env (see "
             "-help)");
  return 2;
}
