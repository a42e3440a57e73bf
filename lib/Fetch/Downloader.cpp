//===- Downloader.cpp - Download and verify module versions ---------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Fetch/Downloader.h"

#include "mochi-go/Fetch/GoSum.h"
#include "mochi-go/Fetch/ModCache.h"
#include "mochi-go/Fetch/Progress.h"
#include "mochi-go/Fetch/ProxyClient.h"
#include "mochi-go/ModZip/ModZip.h"
#include "mochi-go/Module/Semver.h"
#include "mochi-go/SumDB/Client.h"
#include "mochi-go/Support/Crypto.h"
#include "mochi-go/Support/FileUtil.h"
#include "mochi-go/Support/Security.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <cerrno>
#include <chrono>
#include <map>
#include <optional>
#include <unistd.h>

using namespace mochigo;
using namespace mochigo::fetch;
using llvm::StringRef;

namespace {

/// The checksum database over HTTP (or file://), from a base URL.
class HttpSumDBRemote : public sumdb::Remote {
public:
  HttpSumDBRemote(HttpClient &http, std::string base)
      : http(http), base(std::move(base)) {}
  std::vector<Result> get(llvm::ArrayRef<std::string> paths) override {
    std::vector<HttpRequest> reqs;
    for (const std::string &p : paths)
      reqs.push_back({base + p, uint64_t(16) << 20});
    std::vector<HttpResult> got = http.getAll(reqs);
    std::vector<Result> out(got.size());
    for (size_t i = 0; i < got.size(); ++i) {
      out[i].status = got[i].status;
      out[i].body = std::move(got[i].body);
      out[i].error = got[i].error;
      if (!got[i].error.empty())
        out[i].status = 0;
    }
    return out;
  }
  std::string url(StringRef path) const override { return base + path.str(); }

private:
  HttpClient &http;
  std::string base;
};

llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

/// One module version being downloaded.
struct Work {
  module::Version mod;
  std::vector<size_t> results;  // indexes of the results it answers
  std::string info, gomod, zip; // bodies (zip: when not in zipFile)
  /// The zip as downloaded, in the fetch's temporary directory: it is read
  /// from there (mapped, one module at a time) and moved into the cache,
  /// never held in memory whole.
  std::string zipFile;
  std::string time;
  std::string modHash, zipHash;
  std::optional<modzip::ZipArchive> archive;
  std::string error;
  std::vector<std::string> verified;
  bool needSumDB = false;
  bool fromCache = false;
  std::optional<ModuleRecord> cached;
};

std::string mismatch(const module::Version &m, StringRef file,
                     StringRef downloaded, StringRef source, StringRef theirs,
                     StringRef explanation) {
  // The two hashes line up under each other, as in the go command's report.
  size_t width = std::max<size_t>(source.size(), 10);
  auto label = [&](StringRef name) {
    return "\t" + name.str() + ": " + std::string(width - name.size(), ' ');
  };
  return securityError(
      SecurityKind::ChecksumMismatch,
      "verifying " + m.str() + (file == "go.mod" ? "/go.mod" : "") +
          ": checksum mismatch\n" + label("downloaded") + downloaded.str() +
          "\n" + label(source) + theirs.str() + "\n\nSECURITY ERROR\n" +
          explanation.str() + "\nNothing was written to the cache.");
}

} // namespace

struct Downloader::Impl {
  DownloadOptions opts;
  std::unique_ptr<HttpClient> http;
  std::unique_ptr<ProxyClient> proxy;
  std::optional<ModCache> cache;
  sumdb::ClientOptions sumOpts;
  fetch::SumDBSpec sumSpec;
  std::unique_ptr<HttpSumDBRemote> sumRemote;
  std::unique_ptr<sumdb::Client> sumClient;
  std::string sumInitError;
  bool sumInited = false;
  DownloadStats stats;

  void log(const llvm::Twine &msg) {
    if (opts.log)
      opts.log(msg.str());
  }

  /// Log how long a phase took (for -v).
  std::chrono::steady_clock::time_point phaseStart =
      std::chrono::steady_clock::now();
  void phaseDone(llvm::StringRef what) {
    auto now = std::chrono::steady_clock::now();
    double ms =
        std::chrono::duration<double, std::milli>(now - phaseStart).count();
    phaseStart = now;
    log(what + " in " + llvm::formatv("{0:f1}", ms).str() + " ms");
  }

  /// Find the checksum database's base URL the go command's way and make
  /// the client. Errors are kept in sumInitError.
  sumdb::Client *sumdbClient();
};

sumdb::Client *Downloader::Impl::sumdbClient() {
  if (sumInited)
    return sumClient.get();
  sumInited = true;
  llvm::Expected<sumdb::Verifier> key = sumdb::parseVerifierKey(sumSpec.key);
  if (!key) {
    sumInitError = "invalid GOSUMDB: " + llvm::toString(key.takeError());
    return nullptr;
  }
  std::string base = sumSpec.url;
  if (base.empty()) {
    // Through the first proxy that says it supports this database, else
    // directly (https://<name>).
    for (const ProxySpec &p : proxy->proxies()) {
      if (p.kind == ProxySpec::NoProxy)
        continue;
      if (p.kind != ProxySpec::URL)
        break;
      std::string supported =
          StringRef(p.url).rtrim('/').str() + "/sumdb/" + sumSpec.name;
      HttpResult r = http->get({supported + "/supported", 1 << 20});
      if (r.ok()) {
        base = supported;
        break;
      }
      if (r.notFound() || p.fallBackOnError)
        continue;
      sumInitError = "checksum database " + sumSpec.name +
                     " unavailable through proxy: " + r.describe();
      return nullptr;
    }
    if (base.empty())
      base = "https://" + sumSpec.name;
  }
  log("checksum database " + sumSpec.name + " at " + base);
  sumRemote = std::make_unique<HttpSumDBRemote>(*http, base);
  sumOpts.dir = cache->sumdbDir(sumSpec.name);
  sumClient = std::make_unique<sumdb::Client>(*key, *sumRemote, sumOpts);
  return sumClient.get();
}

Downloader::Downloader(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
Downloader::~Downloader() = default;

const DownloadStats &Downloader::stats() const {
  DownloadStats &s = impl->stats;
  s.requests = impl->http->stats().requests;
  s.retries = impl->http->stats().retries;
  s.bytes = impl->http->stats().bytes;
  if (impl->sumClient) {
    s.sumdbLookups = impl->sumClient->stats().lookups;
    s.tilesFetched = impl->sumClient->stats().tilesFetched;
  }
  return s;
}

const std::string &Downloader::cacheDir() const { return impl->cache->dir(); }

llvm::Expected<std::unique_ptr<Downloader>>
Downloader::create(DownloadOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->opts = std::move(options);
  DownloadOptions &o = impl->opts;
  llvm::Expected<std::vector<ProxySpec>> proxies =
      parseGoProxy(o.env.goproxy, o.env.gonoproxy);
  if (!proxies)
    return makeError("invalid GOPROXY: " + llvm::toString(proxies.takeError()));
  llvm::Expected<SumDBSpec> sum = parseGoSumDB(o.env.gosumdb);
  if (!sum)
    return sum.takeError();
  impl->sumSpec = *sum;
  if (o.env.gonosumcheckSet && o.warn)
    o.warn("note: GONOSUMCHECK is set, but the go command does not read it "
           "and neither does mochi-go; verification is unchanged (use "
           "GONOSUMDB or GOPRIVATE to skip the checksum database for "
           "private modules)");
  std::string dir = o.cacheDir.empty() ? ModCache::defaultDir() : o.cacheDir;
  llvm::Expected<ModCache> cache = ModCache::open(dir);
  if (!cache)
    return cache.takeError();
  impl->cache.emplace(std::move(*cache));
  impl->http = std::make_unique<HttpClient>(o.http);
  impl->http->setProgress(o.progress);
  if (o.log)
    impl->http->setLog(o.log);
  GoEnv env = o.env;
  impl->proxy = std::make_unique<ProxyClient>(
      *proxies, *impl->http,
      [env](StringRef path) { return env.noProxy(path); });
  return std::unique_ptr<Downloader>(new Downloader(std::move(impl)));
}

/// The versions of a @v/list body the go command would consider: the first
/// field of each line, canonical semver, not a pseudo-version.
static std::vector<std::string> parseList(StringRef body, StringRef path) {
  std::vector<std::string> out;
  llvm::SmallVector<StringRef, 16> lines;
  body.split(lines, '\n', -1, false);
  module::SplitPath split = module::splitPathVersion(path);
  for (StringRef line : lines) {
    StringRef v =
        line.trim().take_until([](char c) { return c == ' ' || c == '\t'; });
    if (v.empty() || !semver::isValid(v) || module::canonicalVersion(v) != v ||
        semver::isPseudoVersion(v))
      continue;
    if (split.ok) {
      llvm::Error err = module::checkPathMajor(v, split.pathMajor);
      if (err) {
        llvm::consumeError(std::move(err));
        continue;
      }
    }
    if (std::find(out.begin(), out.end(), v.str()) == out.end())
      out.push_back(v.str());
  }
  semver::sort(out);
  return out;
}

/// The "Version" (and "Time") of a .info or @latest body.
static llvm::Error parseInfo(StringRef body, std::string &version,
                             std::string &time) {
  llvm::Expected<llvm::json::Value> v = llvm::json::parse(body);
  if (!v)
    return makeError("malformed info: " + llvm::toString(v.takeError()));
  const llvm::json::Object *o = v->getAsObject();
  std::optional<StringRef> ver = o ? o->getString("Version") : std::nullopt;
  if (!ver)
    return makeError("malformed info: no \"Version\"");
  version = ver->str();
  if (std::optional<StringRef> t = o->getString("Time"))
    time = t->str();
  return llvm::Error::success();
}

std::vector<std::pair<std::vector<std::string>, std::string>>
Downloader::listVersions(llvm::ArrayRef<std::string> paths) {
  std::vector<std::pair<std::vector<std::string>, std::string>> out(
      paths.size());
  std::vector<ProxyRequest> reqs;
  std::vector<size_t> idx;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (llvm::Error err = module::checkPath(paths[i])) {
      out[i].second = llvm::toString(std::move(err));
      continue;
    }
    reqs.push_back({paths[i], "", ProxyFile::List});
    idx.push_back(i);
  }
  std::vector<ProxyResponse> got = impl->proxy->fetch(reqs);
  for (size_t k = 0; k < got.size(); ++k) {
    if (!got[k].ok())
      out[idx[k]].second = got[k].error;
    else
      out[idx[k]].first = parseList(got[k].body, paths[idx[k]]);
  }
  return out;
}

std::vector<DownloadResult>
Downloader::download(llvm::ArrayRef<module::Version> mods) {
  Impl &I = *impl;
  I.phaseStart = std::chrono::steady_clock::now();
  std::vector<DownloadResult> results(mods.size());
  auto failAll = [&](const std::string &msg) {
    for (DownloadResult &r : results)
      if (r.error.empty())
        r.error = msg;
    return results;
  };

  // 0. Check the arguments.
  std::vector<size_t> toResolve;
  for (size_t i = 0; i < mods.size(); ++i) {
    DownloadResult &r = results[i];
    r.path = mods[i].path;
    r.query = mods[i].version;
    if (llvm::Error err = module::checkPath(r.path)) {
      r.error = llvm::toString(std::move(err));
      continue;
    }
    if (r.query == "latest") {
      toResolve.push_back(i);
      continue;
    }
    if (llvm::Error err = module::checkVersionLength(r.query)) {
      r.error = r.path + ": " + llvm::toString(std::move(err));
      continue;
    }
    if (!semver::isValid(r.query) ||
        module::canonicalVersion(r.query) != r.query) {
      r.error = r.path + "@" + r.query +
                ": invalid version: not a canonical semantic version "
                "(vMAJOR.MINOR.PATCH[-pre][+incompatible]) nor \"latest\"";
      continue;
    }
    if (llvm::Error err = module::check(r.path, r.query)) {
      r.error = llvm::toString(std::move(err));
      continue;
    }
    r.version = r.query;
  }

  // 1. Resolve "latest": the highest release in @v/list, else the highest
  // pre-release, else what @latest says.
  if (!toResolve.empty()) {
    std::vector<ProxyRequest> reqs;
    for (size_t i : toResolve)
      reqs.push_back({results[i].path, "", ProxyFile::List});
    std::vector<ProxyResponse> lists = I.proxy->fetch(reqs);
    std::vector<size_t> needLatest;
    for (size_t k = 0; k < toResolve.size(); ++k) {
      DownloadResult &r = results[toResolve[k]];
      if (!lists[k].ok() && !lists[k].notFound) {
        r.error = lists[k].error;
        continue;
      }
      std::vector<std::string> vs = lists[k].ok()
                                        ? parseList(lists[k].body, r.path)
                                        : std::vector<std::string>();
      std::string best;
      for (auto it = vs.rbegin(); it != vs.rend() && best.empty(); ++it)
        if (semver::prerelease(*it).empty())
          best = *it;
      if (best.empty() && !vs.empty())
        best = vs.back();
      if (best.empty())
        needLatest.push_back(toResolve[k]);
      else
        r.version = best;
    }
    if (!needLatest.empty()) {
      std::vector<ProxyRequest> lreqs;
      for (size_t i : needLatest)
        lreqs.push_back({results[i].path, "", ProxyFile::Latest});
      std::vector<ProxyResponse> latest = I.proxy->fetch(lreqs);
      for (size_t k = 0; k < needLatest.size(); ++k) {
        DownloadResult &r = results[needLatest[k]];
        if (!latest[k].ok()) {
          r.error = r.path + "@latest: no versions: " + latest[k].error;
          continue;
        }
        std::string v, t;
        if (llvm::Error err = parseInfo(latest[k].body, v, t)) {
          r.error = r.path + "@latest: " + llvm::toString(std::move(err));
          continue;
        }
        if (llvm::Error err = module::check(r.path, v)) {
          r.error = r.path + "@latest: proxy answered with " + v + ": " +
                    llvm::toString(std::move(err));
          continue;
        }
        r.version = v;
      }
    }
    for (size_t i : toResolve)
      if (results[i].error.empty())
        I.log(results[i].path + "@latest resolved to " + results[i].version);
  }

  // The go.sum to verify against.
  std::optional<GoSum> goSum;
  if (!I.opts.goSumPath.empty()) {
    if (llvm::sys::fs::exists(I.opts.goSumPath)) {
      llvm::Expected<std::string> text = readFile(I.opts.goSumPath);
      if (!text)
        return failAll(llvm::toString(text.takeError()));
      llvm::Expected<GoSum> parsed = GoSum::parse(*text, I.opts.goSumPath);
      if (!parsed)
        return failAll(llvm::toString(parsed.takeError()));
      goSum = std::move(*parsed);
    } else {
      goSum.emplace();
    }
  }

  // 2. One piece of work per distinct module version; the cache first.
  std::vector<std::unique_ptr<Work>> work;
  std::map<std::pair<std::string, std::string>, Work *> byMod;
  // A module the cache has: used as it is, once its blobs re-hash.
  auto useCached = [&](Work &w) {
    std::optional<ModuleRecord> rec = I.cache->find(w.mod.path, w.mod.version);
    if (!rec)
      return false;
    w.fromCache = true;
    w.cached = rec;
    w.zipHash = rec->sum;
    w.modHash = rec->goModSum;
    w.time = rec->time;
    ++I.stats.cacheHits;
    I.log(w.mod.str() + ": in the cache (" + rec->verified + ")");
    // The blobs are named by their SHA-256: bytes that no longer hash to
    // their name were changed after they were verified. Every use of a
    // cached module checks it (the zip and go.mod that the go command
    // and the lock get); a mismatch is a security error, not a miss.
    for (auto [what, sha] :
         {std::pair<StringRef, StringRef>("zip", rec->zipSha256),
          {"go.mod", rec->modSha256}}) {
      std::string blob = I.cache->blobPath(sha);
      std::optional<std::string> got;
      if (llvm::Expected<Sha256Digest> d = sha256OfFile(blob))
        got = toHex(*d);
      else
        llvm::consumeError(d.takeError());
      if (got && *got == sha)
        continue;
      w.error = securityError(
          SecurityKind::CacheTampered,
          "verifying " + w.mod.str() + (what == "go.mod" ? "/go.mod" : "") +
              ": the cached " + what + " (" + blob + ") " +
              (got ? "hashes to sha256 " + *got + ", not to its name"
                   : std::string("cannot be read")) +
              "\n\nSECURITY ERROR\nThe module cache was changed after "
              "the module was verified. Remove " +
              I.cache->indexPath(w.mod.path, w.mod.version) +
              " to download and verify it again.");
      break;
    }
    return true;
  };
  for (size_t i = 0; i < results.size(); ++i) {
    DownloadResult &r = results[i];
    if (!r.error.empty())
      continue;
    auto key = std::make_pair(r.path, r.version);
    if (Work *w = byMod[key]) {
      w->results.push_back(i);
      continue;
    }
    work.push_back(std::make_unique<Work>());
    Work &w = *work.back();
    w.mod = {r.path, r.version};
    w.results.push_back(i);
    byMod[key] = &w;
    useCached(w);
  }
  // What is not cached is downloaded under a lock per module version, so
  // that processes sharing the cache download it once: whoever holds the
  // lock downloads and stores it; the others wait, then find it in the
  // cache. Locks are taken in one order (byMod's) so that no two processes
  // wait on each other; the kernel releases them if a holder dies.
  std::vector<FileLock> locks;
  for (auto &[key, w] : byMod) {
    if (w->fromCache || !w->error.empty())
      continue;
    locks.emplace_back(ModCache::lockPath(
        I.cache->dir(), "module " + key.first + "@" + key.second));
    if (useCached(*w))
      I.log(w->mod.str() + ": stored by another process meanwhile");
  }

  // 3. Download .info, .mod and .zip of everything not cached, at once.
  std::vector<Work *> missing;
  for (auto &w : work)
    if (!w->fromCache)
      missing.push_back(w.get());
  // Zips are streamed to files here (locked while in use; a killed run's
  // are removed by a later run, as the driver's temporaries).
  std::optional<LockedTempDir> fetchDir;
  if (!missing.empty()) {
    auto dir = LockedTempDir::create(I.cache->tmpDir(), "fetch-");
    if (!dir)
      return failAll(llvm::toString(dir.takeError()));
    fetchDir.emplace(std::move(*dir));
  }
  if (!missing.empty()) {
    std::vector<ProxyRequest> reqs;
    for (size_t m = 0; m < missing.size(); ++m) {
      Work *w = missing[m];
      for (ProxyFile f : {ProxyFile::Info, ProxyFile::Mod, ProxyFile::Zip})
        reqs.push_back({w->mod.path, w->mod.version, f,
                        f == ProxyFile::Zip ? fetchDir->path() + "/" +
                                                  std::to_string(m) + ".zip"
                                            : std::string()});
    }
    std::vector<int> filesDone(missing.size(), 0);
    I.phaseDone("resolved and looked up the cache");
    if (I.opts.progress)
      I.opts.progress->begin("downloading", missing.size(), "modules");
    std::vector<ProxyResponse> got =
        I.proxy->fetch(reqs, [&](size_t k, const ProxyResponse &) {
          if (++filesDone[k / 3] == 3 && I.opts.progress)
            I.opts.progress->step(missing[k / 3]->mod.str());
        });
    if (I.opts.progress)
      I.opts.progress->end();
    for (size_t m = 0; m < missing.size(); ++m) {
      Work &w = *missing[m];
      for (int f = 0; f < 3 && w.error.empty(); ++f) {
        ProxyResponse &resp = got[m * 3 + f];
        if (!resp.ok()) {
          w.error = resp.error;
          break;
        }
        if (f == 2 && !resp.file.empty()) {
          w.zipFile = resp.file;
          continue;
        }
        std::string &dst = f == 0 ? w.info : f == 1 ? w.gomod : w.zip;
        dst = std::move(resp.body);
      }
      if (!w.error.empty())
        continue;
      std::string v;
      if (llvm::Error err = parseInfo(w.info, v, w.time)) {
        w.error = w.mod.str() + ": " + llvm::toString(std::move(err));
        continue;
      }
      if (v != w.mod.version)
        w.error = w.mod.str() + ": proxy returned info for version " + v +
                  " instead of requested version " + w.mod.version;
    }

    I.phaseDone("downloaded " + std::to_string(missing.size()) + " modules");
    // 4. Hash and check every download, in parallel.
    llvm::StdThreadPool pool(llvm::hardware_concurrency(I.opts.jobs));
    if (I.opts.progress)
      I.opts.progress->begin("hashing", missing.size(), "modules");
    for (Work *w : missing) {
      if (!w->error.empty()) {
        if (I.opts.progress)
          I.opts.progress->step(w->mod.str());
        continue;
      }
      pool.async([w, &I] {
        w->modHash = modzip::hashGoMod(w->gomod);
        std::unique_ptr<llvm::MemoryBuffer> mapped;
        if (!w->zipFile.empty()) {
          auto buf = llvm::MemoryBuffer::getFile(
              w->zipFile, /*IsText=*/false, /*RequiresNullTerminator=*/false);
          if (!buf) {
            w->error = w->mod.str() + ": reading the downloaded zip: " +
                       buf.getError().message();
            if (I.opts.progress)
              I.opts.progress->step(w->mod.str());
            return;
          }
          mapped = std::move(*buf);
        }
        llvm::Expected<modzip::ZipArchive> zip = modzip::ZipArchive::open(
            mapped ? bytesOf(mapped->getBuffer()) : bytesOf(w->zip));
        if (!zip) {
          w->error = securityError(SecurityKind::ZipMalformed,
                                   w->mod.str() + ": malformed module zip: " +
                                       llvm::toString(zip.takeError()));
        } else {
          w->archive.emplace(std::move(*zip));
          if (mapped &&
              mapped->getBufferKind() == llvm::MemoryBuffer::MemoryBuffer_MMap)
            w->archive->releasePagesAfterRead();
          llvm::Expected<modzip::CheckResult> check =
              modzip::checkZip(w->mod, *w->archive);
          llvm::Error bad = check ? check->takeError() : check.takeError();
          if (bad) {
            std::string list = llvm::toString(std::move(bad));
            w->error = securityError(
                SecurityKind::ZipRules,
                w->mod.str() +
                    ": the module zip breaks Go's module zip rules; "
                    "refusing it:\n\t" +
                    llvm::join(llvm::split(list, '\n'), "\n\t"));
          } else {
            llvm::Expected<std::string> h = modzip::hashZip(*w->archive);
            if (!h)
              w->error =
                  securityError(SecurityKind::ZipMalformed,
                                w->mod.str() + ": reading the module zip: " +
                                    llvm::toString(h.takeError()));
            else
              w->zipHash = *h;
          }
        }
        // A mapped zip is read again when it is stored: at most one per
        // thread is mapped at a time.
        if (mapped)
          w->archive.reset();
        if (I.opts.progress)
          I.opts.progress->step(w->mod.str());
      });
    }
    pool.wait();
    if (I.opts.progress)
      I.opts.progress->end();
    I.phaseDone("hashed and checked");
  }

  // 5. Verify: go.sum first, else the checksum database.
  for (auto &wp : work) {
    Work &w = *wp;
    if (!w.error.empty())
      continue;
    struct File {
      StringRef name, version, hash;
    } files[2] = {{"zip", w.mod.version, w.zipHash}, {"go.mod", "", w.modHash}};
    std::string modVersion = w.mod.version + "/go.mod";
    files[1].version = modVersion;
    bool inGoSum = true;
    for (File &f : files) {
      std::vector<std::string> recorded =
          goSum ? goSum->hashes(w.mod.path, f.version)
                : std::vector<std::string>();
      std::vector<std::string> h1s;
      for (const std::string &h : recorded)
        if (StringRef(h).starts_with("h1:"))
          h1s.push_back(h);
      if (h1s.empty()) {
        inGoSum = false;
        continue;
      }
      if (std::find(h1s.begin(), h1s.end(), f.hash) == h1s.end()) {
        w.error = mismatch(w.mod, f.name, f.hash, "go.sum", h1s[0],
                           "This download does NOT match an earlier download "
                           "recorded in go.sum.\nThe bits may have been "
                           "replaced on the origin server, or an attacker "
                           "may have intercepted the download attempt.");
        break;
      }
    }
    if (!w.error.empty())
      continue;
    if (inGoSum) {
      w.verified.push_back("go.sum");
      continue;
    }
    std::string skip = I.opts.env.sumDBSkipReason(w.mod.path);
    if (!skip.empty()) {
      w.verified.push_back("unchecked (" + skip + ")");
      continue;
    }
    if (w.fromCache && StringRef(w.cached->verified)
                           .starts_with("sumdb " + I.sumSpec.name + " ")) {
      w.verified.push_back(w.cached->verified);
      continue;
    }
    w.needSumDB = true;
  }
  std::vector<Work *> lookups;
  for (auto &w : work)
    if (w->error.empty() && w->needSumDB)
      lookups.push_back(w.get());
  if (!lookups.empty()) {
    sumdb::Client *client = I.sumdbClient();
    if (!client) {
      for (Work *w : lookups)
        w->error = w->mod.str() + ": " + I.sumInitError;
    } else {
      std::vector<module::Version> vs;
      for (Work *w : lookups)
        vs.push_back(w->mod);
      if (I.opts.progress)
        I.opts.progress->begin("verifying", vs.size(), "modules");
      std::vector<sumdb::LookupResult> got = client->lookup(vs);
      if (I.opts.progress) {
        for (const module::Version &v : vs)
          I.opts.progress->step(v.str());
        I.opts.progress->end();
      }
      for (size_t k = 0; k < lookups.size(); ++k) {
        Work &w = *lookups[k];
        sumdb::LookupResult &l = got[k];
        if (!l.ok()) {
          StringRef why = l.error;
          std::string tag;
          if (std::string kind = securityKindOf(why);
              !kind.empty() && why.starts_with("security error [")) {
            tag = "security error [" + kind + "]: ";
            why = why.drop_front(tag.size());
          }
          why.consume_front(w.mod.str() + ": ");
          w.error = tag + "verifying " + w.mod.str() + ": " + why.str();
          continue;
        }
        std::string explanation =
            "This download does NOT match the one reported by the checksum "
            "server.\nThe bits may have been replaced on the origin server, "
            "or an attacker may have intercepted the download attempt.";
        if (l.zipHash != w.zipHash) {
          w.error = mismatch(w.mod, "zip", w.zipHash, I.sumSpec.name, l.zipHash,
                             explanation);
          continue;
        }
        if (l.modHash != w.modHash) {
          w.error = mismatch(w.mod, "go.mod", w.modHash, I.sumSpec.name,
                             l.modHash, explanation);
          continue;
        }
        w.verified.push_back("sumdb " + I.sumSpec.name + " record " +
                             std::to_string(l.recordId) + " in tree " +
                             std::to_string(l.treeSize));
      }
    }
  }

  I.phaseDone("verified");
  // 6. Store what passed: blobs, the tree, the index entry last. Modules
  // are independent (content-addressed files), so they are stored in
  // parallel.
  if (I.opts.progress && !missing.empty())
    I.opts.progress->begin("extracting", missing.size(), "modules");
  {
    llvm::StdThreadPool pool(llvm::hardware_concurrency(I.opts.jobs));
    for (auto &wp : work) {
      Work *w = wp.get();
      if (!w->error.empty() || w->fromCache) {
        if (!w->fromCache && I.opts.progress)
          I.opts.progress->step(w->mod.str());
        continue;
      }
      pool.async([w, &I] {
        ModuleRecord rec;
        rec.path = w->mod.path;
        rec.version = w->mod.version;
        rec.time = w->time;
        rec.sum = w->zipHash;
        rec.goModSum = w->modHash;
        rec.verified = llvm::join(w->verified, ", ");
        llvm::Error err = llvm::Error::success();
        for (auto [data, out] : {std::pair<std::string *, std::string *>{
                                     &w->info, &rec.infoSha256},
                                 {&w->gomod, &rec.modSha256},
                                 {&w->zip, &rec.zipSha256}}) {
          if (err)
            break;
          llvm::Expected<std::string> hex =
              data == &w->zip && !w->zipFile.empty()
                  ? I.cache->putBlobFile(w->zipFile)
                  : I.cache->putBlob(*data);
          if (!hex)
            err = hex.takeError();
          else
            *out = *hex;
        }
        std::unique_ptr<llvm::MemoryBuffer> mapped;
        if (!err && !w->archive) {
          // The zip was file-backed: read it from its blob.
          std::string blob = I.cache->blobPath(rec.zipSha256);
          auto buf = llvm::MemoryBuffer::getFile(
              blob, /*IsText=*/false, /*RequiresNullTerminator=*/false);
          if (!buf) {
            err = llvm::createStringError(buf.getError(), "reading " + blob);
          } else {
            mapped = std::move(*buf);
            auto zip = modzip::ZipArchive::open(bytesOf(mapped->getBuffer()));
            if (!zip) {
              err = zip.takeError();
            } else {
              w->archive.emplace(std::move(*zip));
              if (mapped->getBufferKind() ==
                  llvm::MemoryBuffer::MemoryBuffer_MMap)
                w->archive->releasePagesAfterRead();
            }
          }
        }
        if (!err)
          err = I.cache->putTree(w->mod, *w->archive, w->zipHash);
        if (!err)
          err = I.cache->putRecord(rec);
        if (err)
          w->error = w->mod.str() +
                     ": writing the cache: " + llvm::toString(std::move(err));
        else
          w->cached = rec;
        // The zip bytes are no longer needed.
        w->archive.reset();
        std::string().swap(w->zip);
        if (I.opts.progress)
          I.opts.progress->step(w->mod.str());
      });
    }
    pool.wait();
  }
  if (I.opts.progress)
    I.opts.progress->end();
  for (auto &wp : work) {
    Work &w = *wp;
    if (w.error.empty() && !w.fromCache)
      ++I.stats.downloaded;
    if (w.fromCache && w.error.empty() && w.needSumDB) {
      // A cached module now verified by the checksum database: record it.
      ModuleRecord rec = *w.cached;
      rec.verified = llvm::join(w.verified, ", ");
      llvm::consumeError(I.cache->putRecord(rec));
      w.cached = rec;
    }
    if (!w.error.empty())
      ++I.stats.failed;
    for (size_t i : w.results) {
      DownloadResult &r = results[i];
      // The kind of a refusal on integrity grounds leads the message.
      r.error = hoistSecurityTag(w.error);
      if (!w.error.empty())
        continue;
      r.fromCache = w.fromCache;
      r.sum = w.zipHash;
      r.goModSum = w.modHash;
      r.time = w.time;
      r.verified = llvm::join(w.verified, ", ");
      r.info = I.cache->blobPath(w.cached->infoSha256);
      r.goMod = I.cache->blobPath(w.cached->modSha256);
      r.zip = I.cache->blobPath(w.cached->zipSha256);
      r.dir = I.cache->treePath(w.zipHash);
    }
  }
  I.phaseDone("stored");
  // 7. go.sum: add the lines of every module that made it.
  if (goSum) {
    bool changed = false;
    for (auto &w : work) {
      if (!w->error.empty())
        continue;
      changed |= goSum->add(w->mod.path, w->mod.version, w->zipHash);
      changed |=
          goSum->add(w->mod.path, w->mod.version + "/go.mod", w->modHash);
    }
    if (changed)
      if (llvm::Error err = writeFileAtomic(I.opts.goSumPath, goSum->format()))
        return failAll("writing " + I.opts.goSumPath + ": " +
                       llvm::toString(std::move(err)));
  }
  return results;
}
