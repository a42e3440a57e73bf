//===- Sync.cpp - sync, check, bind and explain ---------------------------===//
//
// Part of mochi-go. The order of a sync: read the imports; from the lock
// and the cache decide what is already done (a library whose key is cached
// needs neither the network nor Go); fetch and verify what is not; bind each
// import; build the archive; write the outputs; write the lock last, so that
// a sync killed at any point leaves the previous lock, still true of the
// cache.
//
//===----------------------------------------------------------------------===//

#include "DriverImpl.h"

#include "mochi-go/Fetch/Downloader.h"
#include "mochi-go/Fetch/ModCache.h"
#include "mochi-go/Lock/LockFile.h"
#include "mochi-go/Mochi/Imports.h"
#include "mochi-go/ModZip/ModZip.h"
#include "mochi-go/Module/Module.h"
#include "mochi-go/Module/Semver.h"
#include "mochi-go/Support/FileUtil.h"
#include "mochi-go/Support/Security.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"

#include "llvm/Support/FormatVariadic.h"

#include <atomic>
#include <chrono>
#include <set>
#include <unistd.h>

using namespace mochigo;
using namespace mochigo::driver;
using namespace mochigo::driver::detail;
using llvm::StringRef;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

/// Report a failed llvm::Error and return `code`.
int fail(Context &ctx, llvm::Error e, int code = Failure) {
  ctx.error(llvm::toString(std::move(e)));
  return code;
}

/// The run context; when it cannot be made, the reason goes to
/// options.messages.error and `status` says Failure.
std::unique_ptr<Context> makeContext(const Options &options, int &status) {
  auto ctx = Context::create(options);
  if (!ctx) {
    std::string msg = llvm::toString(ctx.takeError());
    if (options.messages.error)
      options.messages.error(msg);
    status = Failure;
    return nullptr;
  }
  status = Success;
  for (const std::string &w : (*ctx)->pendingWarnings)
    (*ctx)->warning(w);
  return std::move(*ctx);
}

/// The program's name, from its first source file: an identifier.
std::string programName(StringRef firstSource) {
  std::string name = mochi::fixIdentifier(path::stem(firstSource));
  return name.empty() ? "program" : name;
}

/// Read the imports of all sources of one program. Errors (with line and
/// column) go to ctx.error; returns false when there were any.
bool readImports(Context &ctx, llvm::ArrayRef<std::string> sources,
                 std::vector<Import> &imports) {
  bool ok = true;
  std::map<std::string, Import> byAlias;
  std::map<std::string, Import> byPath;
  for (const std::string &file : sources) {
    auto parsed = mochi::parseFile(file);
    if (!parsed) {
      ctx.error(llvm::toString(parsed.takeError()));
      ok = false;
      continue;
    }
    if (!parsed->diagnostics.empty()) {
      std::string text;
      llvm::raw_string_ostream os(text);
      mochi::printDiagnostics(*parsed, os);
      StringRef rest = text;
      const std::vector<mochi::Diagnostic> &diags = parsed->diagnostics;
      for (size_t i = 0; !rest.empty(); ++i) {
        auto [line, tail] = rest.split('\n');
        rest = tail;
        if (line.empty())
          continue;
        std::string msg = line.str();
        // An alias clash: both import lines, after the note.
        if (i > 0 && i < diags.size() &&
            diags[i].severity == mochi::Diagnostic::Severity::Note &&
            StringRef(diags[i - 1].message)
                .starts_with("duplicate import alias"))
          msg += "\n" +
                 sourceLine(file + ":" + std::to_string(diags[i].loc.line)) +
                 "\n" +
                 sourceLine(file + ":" + std::to_string(diags[i - 1].loc.line));
        ctx.error(msg);
      }
    }
    if (parsed->hasErrors()) {
      ok = false;
      continue;
    }
    for (const mochi::GoImport &gi : parsed->goImports) {
      Import imp;
      imp.path = gi.path;
      imp.version = gi.version;
      imp.alias = gi.alias;
      imp.stdlib = gi.stdlib;
      imp.where = file + ":" + std::to_string(gi.loc.line) + ":" +
                  std::to_string(gi.loc.column);
      // Within a file the parser reports duplicates; across the files of
      // one program the same import may repeat, but must agree.
      if (auto it = byPath.find(imp.path); it != byPath.end()) {
        if (it->second.version != imp.version ||
            it->second.alias != imp.alias) {
          ctx.error(imp.where + ": error: " + imp.path +
                    " is imported again as " + imp.display() + " as " +
                    imp.alias + "; " + it->second.where + " imports " +
                    it->second.display() + " as " + it->second.alias);
          ok = false;
        }
        continue;
      }
      if (auto it = byAlias.find(imp.alias); it != byAlias.end()) {
        ctx.error(imp.where + ": error: duplicate alias '" + imp.alias + "' (" +
                  it->second.where + " uses it for " + it->second.path +
                  "); give one of these imports another alias with `as "
                  "NAME`:\n" +
                  sourceLine(it->second.where) + "\n" + sourceLine(imp.where));
        ok = false;
        continue;
      }
      byPath[imp.path] = imp;
      byAlias[imp.alias] = imp;
      imports.push_back(imp);
    }
  }
  return ok;
}

/// The lock entry of an import, if the lock has one.
const lock::GoPackage *lockEntry(const std::optional<lock::LockFile> &lock,
                                 const Import &imp) {
  if (!lock)
    return nullptr;
  for (const lock::GoPackage &p : lock->packages) {
    if (imp.stdlib ? (p.isStd() && p.package == imp.path)
                   : (!p.isStd() && p.module == imp.path))
      return &p;
  }
  return nullptr;
}

/// Fetch and verify the modules `which` of `imports` (indices), filling
/// `hashes`. A module whose hashes differ from the lock's, at the version
/// the lock pins, is a security error.
int fetchModules(Context &ctx, const std::vector<Import> &imports,
                 const std::vector<size_t> &which,
                 const std::optional<lock::LockFile> &lock,
                 std::vector<ModuleHashes> &hashes, unsigned &fetched) {
  if (which.empty())
    return Success;
  auto downloader = ctx.downloader();
  if (!downloader)
    return fail(ctx, downloader.takeError());
  std::vector<module::Version> mods;
  for (size_t i : which)
    mods.push_back({imports[i].path, imports[i].version});
  ctx.verbose("fetch and verify " + std::to_string(mods.size()) + " module(s)");
  for (size_t i : which)
    ctx.step(imports[i].display(), "download");
  std::vector<fetch::DownloadResult> results = (*downloader)->download(mods);
  int status = Success;
  for (size_t k = 0; k < which.size(); ++k) {
    const Import &imp = imports[which[k]];
    const fetch::DownloadResult &r = results[k];
    if (!r.ok()) {
      std::string hint;
      if (isNotFound(r.error))
        hint = unknownVersionHint(ctx, imp);
      ctx.error(imp.display() + " (" + imp.where + "): " + r.error + hint);
      // A checksum mismatch or a forked checksum database (the fetcher's
      // SECURITY ERROR) is not a failure to retry: it is exit 5.
      bool security = isSecurityError(r.error);
      status = std::max(status, int(security ? Security : Failure));
      continue;
    }
    if (!r.fromCache)
      ++fetched;
    ctx.step(imp.display(), "verify");
    ModuleHashes &h = hashes[which[k]];
    h.zipH1 = r.sum;
    h.modH1 = r.goModSum;
    h.verified = r.verified;
    h.sumdbVerified = StringRef(r.verified).starts_with("sumdb");
    h.info = r.info;
    h.mod = r.goMod;
    h.zip = r.zip;
    if (llvm::Error e = exposeToGo(ctx, imp, h)) {
      ctx.error(imp.display() + ": " + llvm::toString(std::move(e)));
      status = std::max(status, int(Failure));
    }
    ctx.verbose(imp.display() + ": " +
                (r.fromCache ? "from the module cache" : "downloaded") + ", " +
                r.verified);
    if (const lock::GoPackage *p = lockEntry(lock, imp);
        p && p->version == imp.version &&
        (p->zipH1 != h.zipH1 || p->modH1 != h.modH1)) {
      ctx.error(securityError(
          SecurityKind::LockMismatch,
          imp.display() + " does not match mochi.lock:\n  lock:       zip " +
              p->zipH1 + " go.mod " + p->modH1 + "\n  downloaded: zip " +
              h.zipH1 + " go.mod " + h.modH1 +
              "\nThe module's bytes changed since the lock was written; "
              "nothing was built."));
      status = Security;
    }
  }
  return status;
}

/// Bind every import, `jobs` at a time.
int bindAll(Context &ctx, const std::vector<Import> &imports,
            const std::vector<ModuleHashes> &hashes,
            llvm::ArrayRef<std::string> pinned, std::vector<Bound> &bound,
            unsigned &boundCount) {
  bound.assign(imports.size(), Bound());
  std::vector<std::string> errors(imports.size());
  std::atomic<unsigned> made{0};
  {
    llvm::DefaultThreadPool pool(llvm::hardware_concurrency(ctx.jobs));
    for (size_t i = 0; i < imports.size(); ++i)
      pool.async([&, i] {
        auto b = bindImport(ctx, imports[i], hashes[i], pinned);
        if (!b) {
          errors[i] = llvm::toString(b.takeError());
          ctx.step(imports[i].display(), "failed", /*finished=*/true);
          return;
        }
        if (!b->fromCache)
          ++made;
        ctx.step(imports[i].display(), b->fromCache ? "cached" : "done",
                 /*finished=*/true);
        bound[i] = std::move(*b);
      });
    pool.wait();
  }
  boundCount = made;
  int status = Success;
  for (const std::string &e : errors)
    if (!e.empty()) {
      ctx.error(e + missingDependencyHint(ctx, e, imports));
      status = std::max(status, int(isSecurityError(e) ? Security : Failure));
    }
  return status;
}

/// Copy a file, creating the parent directory (mode 0777 less the umask,
/// as any program's output).
llvm::Error copyInto(StringRef from, StringRef to) {
  if (std::error_code ec = fs::create_directories(
          path::parent_path(to), /*IgnoreExisting=*/true, fs::all_all))
    return llvm::createStringError("cannot create " + path::parent_path(to) +
                                   ": " + ec.message());
  if (std::error_code ec = fs::copy_file(from, to))
    return llvm::createStringError("cannot copy " + from + " to " + to + ": " +
                                   ec.message());
  return llvm::Error::success();
}

/// Copy every regular file under `from` to `to`.
llvm::Error copyTree(StringRef from, StringRef to) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(from, ec), end; it != end && !ec;
       it.increment(ec)) {
    if (it->type() != fs::file_type::regular_file)
      continue;
    StringRef rel = StringRef(it->path()).drop_front(from.size() + 1);
    if (llvm::Error e = copyInto(it->path(), (to + "/" + rel).str()))
      return e;
  }
  if (ec)
    return llvm::createStringError("cannot read " + from + ": " + ec.message());
  return llvm::Error::success();
}

/// The pkg-config file of an output directory.
std::string pkgConfig(StringRef out, StringRef name, StringRef archive,
                      StringRef libs, llvm::ArrayRef<Bound> bound) {
  std::string mods;
  for (const Bound &b : bound)
    mods += (mods.empty() ? "" : ", ") + b.imp.display();
  return ("# Generated by mochi-go. DO NOT EDIT.\nprefix=" + out +
          "\nincludedir=${prefix}/include\nlibdir=${prefix}/lib\n\nName: " +
          name + "\nDescription: Go imports of " + name +
          " bound by mochi-go (" + mods +
          ")\nVersion: 0\nCflags: -I${includedir}\nLibs: ${libdir}/" + archive +
          " " + libs + "\n")
      .str();
}

/// The file mochi-go writes into every output directory it makes. An
/// output directory is replaced whole; a directory without it (someone
/// else's) is never replaced unless it is empty.
constexpr const char *OutputMarker = ".mochi-go-output";

llvm::Error refuseOut(StringRef dir, const llvm::Twine &why) {
  return llvm::createStringError(
      "refusing to write the outputs into " + dir + ": " + why +
      " (mochi-go replaces its output directory whole, and only one it "
      "made itself: one holding " +
      OutputMarker + "); choose another -o, or move it away");
}

/// Whether mochi-go may replace `dir` with its outputs: it does not exist,
/// or it is a directory that is empty or holds OutputMarker. Never a file,
/// a symbolic link, or a directory of other files.
llvm::Error checkOutDir(StringRef dir) {
  fs::file_status st;
  if (std::error_code ec = fs::status(dir, st, /*follow=*/false)) {
    if (ec == std::errc::no_such_file_or_directory)
      return llvm::Error::success();
    return refuseOut(dir, "cannot read it: " + ec.message());
  }
  if (st.type() == fs::file_type::symlink_file)
    return refuseOut(dir, "it is a symbolic link");
  if (st.type() != fs::file_type::directory_file)
    return refuseOut(dir, "it exists and is not a directory");
  if (fs::is_regular_file((dir + "/" + OutputMarker).str()))
    return llvm::Error::success();
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec)
    return refuseOut(dir, "cannot read it: " + ec.message());
  if (it != fs::directory_iterator())
    return refuseOut(dir, "it is not empty and mochi-go did not write it");
  return llvm::Error::success();
}

/// Replace directory `dest` by the finished directory `tmp` (after
/// checkOutDir said it may).
llvm::Error replaceDir(StringRef tmp, StringRef dest) {
  if (llvm::Error e = checkOutDir(dest))
    return e;
  std::string old;
  if (fs::exists(dest)) {
    old = (dest + ".old-" + std::to_string(::getpid())).str();
    if (std::error_code ec = fs::rename(dest, old))
      return llvm::createStringError("cannot move " + dest +
                                     " aside: " + ec.message());
  }
  if (std::error_code ec = fs::rename(tmp, dest))
    return llvm::createStringError("cannot move " + tmp + " to " + dest + ": " +
                                   ec.message());
  if (!old.empty())
    return removeTree(old);
  return llvm::Error::success();
}

struct Program {
  std::string dir, name, lockPath, outDir, archiveName;
};

Program programOf(const Context &ctx, llvm::ArrayRef<std::string> sources) {
  Program p;
  std::string first = absolutePath(sources.front());
  p.dir = std::string(path::parent_path(first));
  p.name = programName(first);
  p.lockPath = ctx.opts.lockPath.empty() ? p.dir + "/mochi.lock"
                                         : absolutePath(ctx.opts.lockPath);
  p.outDir = ctx.opts.outDir.empty() ? p.dir + "/.mochi-go"
                                     : absolutePath(ctx.opts.outDir);
  p.archiveName = "libmochigo_" + p.name + ".a";
  return p;
}

/// Hashes from the lock for imports it pins at the same version.
std::vector<ModuleHashes> lockedHashes(const std::vector<Import> &imports,
                                       const std::optional<lock::LockFile> &l) {
  std::vector<ModuleHashes> hashes(imports.size());
  for (size_t i = 0; i < imports.size(); ++i) {
    const lock::GoPackage *p = lockEntry(l, imports[i]);
    if (!p || imports[i].stdlib || p->version != imports[i].version)
      continue;
    hashes[i].zipH1 = p->zipH1;
    hashes[i].modH1 = p->modH1;
    hashes[i].sumdbVerified = p->sumdbVerified.value_or(false);
  }
  return hashes;
}

/// GOPROXY as the lock records it: without the user:password of any URL
/// (a lock is committed; credentials must not be).
std::string proxyForLock(StringRef goproxy) {
  std::string out;
  while (true) {
    size_t sep = goproxy.find_first_of(",|");
    StringRef item = goproxy.substr(0, sep);
    size_t scheme = item.find("://");
    if (scheme != StringRef::npos) {
      StringRef authority = item.substr(scheme + 3).split('/').first;
      size_t at = authority.rfind('@');
      if (at != StringRef::npos) {
        out += item.substr(0, scheme + 3).str();
        item = item.substr(scheme + 3 + at + 1);
      }
    }
    out += item.str();
    if (sep == StringRef::npos)
      return out;
    out += goproxy[sep];
    goproxy = goproxy.substr(sep + 1);
  }
}

lock::GoPackage lockEntryOf(const Context &ctx, const Bound &b,
                            const ModuleHashes &h) {
  lock::GoPackage p;
  if (b.imp.stdlib) {
    p.module = lock::StdModule;
    p.package = b.imp.path;
    p.version = ctx.toolchain.version;
    p.source.kind = lock::SourceKind::Stdlib;
  } else {
    p.module = b.imp.path;
    p.version = b.imp.version;
    p.source.kind = lock::SourceKind::ModuleProxy;
    p.source.proxy = proxyForLock(ctx.goEnv.goproxy);
    p.zipH1 = h.zipH1;
    p.modH1 = h.modH1;
    p.sumdbVerified = h.sumdbVerified;
  }
  p.alias = b.imp.alias;
  p.goToolchain = ctx.toolchain.version;
  p.profile = ctx.profile();
  p.target = ctx.buildTarget();
  p.apiSurfaceSha256 = b.surfaceSha256;
  p.outputsH1 = b.outputsH1;
  return p;
}

/// The lock's dependency lines (none without a lock or an [archive]).
std::vector<std::string>
pinnedDependencies(const std::optional<lock::LockFile> &lock) {
  if (lock && lock->archive && lock->archive->dependencies)
    return *lock->archive->dependencies;
  return {};
}

/// The dependencies drifts between the lock's [archive] (none: it pins
/// nothing) and the dependencies an archive was built from, as
/// lock::compare finds them.
std::vector<lock::Drift>
dependencyDrifts(const std::optional<lock::Archive> &locked,
                 const std::vector<std::string> &built) {
  lock::LockFile lockedArchive, builtFrom;
  lockedArchive.archive = locked;
  builtFrom.archive.emplace();
  builtFrom.archive->dependencies = built;
  builtFrom.archive->origin = "cache";
  return lock::compare(lockedArchive, builtFrom);
}

/// A dependency the lock pins that the archive was built from with other
/// bytes: a security error. (A fresh build cannot get here, the go command
/// refuses it first; an archive from the cache can, when the lock was
/// edited or replaced.) A dependency only one side has is not one.
int checkPinned(Context &ctx, const Archive &archive,
                const std::optional<lock::LockFile> &lock) {
  if (!lock || !lock->archive)
    return Success;
  int status = Success;
  for (const lock::Drift &d :
       dependencyDrifts(lock->archive, archive.dependencies)) {
    if (d.locked.empty() || d.observed.empty())
      continue;
    auto [id, hash] = StringRef(d.locked).rsplit(' ');
    ctx.error(securityError(
        SecurityKind::LockDependencyMismatch,
        "dependency " + id + " does not match mochi.lock:\n  lock:  " + hash +
            "\n  built: " + StringRef(d.observed).rsplit(' ').second));
    status = Security;
  }
  return status;
}

/// Read mochi.toml beside the program (none: nothing changes).
int readManifestOf(Context &ctx, Program &prog) {
  ctx.programDir = prog.dir;
  auto m = lock::readManifest(prog.dir + "/mochi.toml");
  if (!m) {
    ctx.error(llvm::toString(m.takeError()));
    return SourceErrors;
  }
  if (!*m)
    return Success;
  ctx.manifest = std::move(**m);
  if (ctx.embedded())
    prog.archiveName = "mochigo_" + prog.name + ".wasm";
  std::string stamp = "mochi.toml 1\n";
  for (const lock::ManifestRequire &r : ctx.manifest.requires_)
    stamp += "require " + r.path + " " + r.version + "\n";
  ctx.manifestStamp = sha256Hex(stamp + replaceLines(ctx, true));
  return Success;
}

/// Everything from the imports to a built archive; shared by sync and bind.
int produce(Context &ctx, const std::vector<Import> &imports,
            const std::optional<lock::LockFile> &lock,
            std::vector<ModuleHashes> &hashes, std::vector<Bound> &bound,
            Archive &archive, SyncResult &r) {
  // Before any download: the embedded profile's build needs Go 1.24.
  if (ctx.embedded() && !hasWasmExport(ctx.toolchain.version)) {
    ctx.error(wasmExportError(ctx));
    return Failure;
  }
  hashes = lockedHashes(imports, lock);
  // What the cache already has, by key: a library whose module the lock
  // pins at this version, and the archive of all of them.
  bool allBound = true;
  std::vector<Bound> cached(imports.size());
  for (size_t i = 0; i < imports.size(); ++i) {
    bool pinned = imports[i].stdlib || !hashes[i].zipH1.empty();
    std::optional<Bound> b;
    if (pinned)
      b = findBound(ctx, imports[i], bindKey(ctx, imports[i], hashes[i]));
    if (!b) {
      allBound = false;
      continue;
    }
    cached[i] = *b;
  }
  std::optional<Archive> cachedArchive;
  if (allBound)
    cachedArchive = findArchive(ctx, archiveKey(ctx, cached));

  // Every module goes through the fetcher, even when its library and the
  // archive are cached: a cache hit makes no request but re-hashes the
  // module's cached zip and go.mod, so bytes changed in the cache after
  // they were verified are a security error on the next sync, not only for
  // `sync --check` (the go command reads them from our verified copies
  // when the archive must be built).
  std::vector<size_t> toFetch;
  for (size_t i = 0; i < imports.size(); ++i)
    if (!imports[i].stdlib)
      toFetch.push_back(i);
  if (int s = fetchModules(ctx, imports, toFetch, lock, hashes, r.fetched))
    return s;

  // The build list, when something is to be bound or built and the program
  // has a mochi.toml: minimal version selection over the verified go.mod
  // files, with its replacements.
  bool allCached = cachedArchive.has_value();
  if (!ctx.manifestStamp.empty() && !allCached) {
    std::vector<module::Version> roots;
    for (const Import &imp : imports)
      if (!imp.stdlib)
        roots.push_back({imp.path, imp.version});
    for (const lock::ManifestRequire &req : ctx.manifest.requires_)
      roots.push_back({req.path, req.version});
    auto list =
        computeBuildList(ctx, roots, ctx.manifest, ctx.programDir, r.fetched);
    if (!list) {
      std::string msg = llvm::toString(list.takeError());
      ctx.error(msg + missingDependencyHint(ctx, msg, imports));
      return isSecurityError(msg) ? Security : Failure;
    }
    for (const Import &imp : imports) {
      if (imp.stdlib)
        continue;
      const std::string &v = list->selected[imp.path];
      // A replacement of the import by itself at its version keeps its
      // content whatever version the graph asks for.
      const lock::ManifestReplace *rep = ctx.manifest.replacementOf(imp.path);
      if (rep && !rep->isLocal() &&
          (rep->newPath != imp.path || rep->newVersion != imp.version)) {
        ctx.error(imp.where + ": error: " + imp.path + "@" + imp.version +
                  " is replaced by mochi.toml with " + rep->newPath + "@" +
                  rep->newVersion + " (" + rep->where +
                  "); import the version the program is built from");
        return Failure;
      }
      if (v != imp.version && !rep) {
        ctx.error(imp.where + ": error: " + imp.path + "@" + imp.version +
                  ": minimal version selection chooses " + v +
                  " (another module requires it); import that version");
        return Failure;
      }
    }
    ctx.verbose("build list: " + std::to_string(list->selected.size()) +
                " module(s)");
    ctx.buildList = std::make_shared<BuildList>(std::move(*list));
  }

  std::vector<std::string> pinned = pinnedDependencies(lock);
  if (int s = bindAll(ctx, imports, hashes, pinned, bound, r.bound))
    return s;

  if (cachedArchive) {
    ctx.verbose("archive: from the cache, no Go build");
    ctx.step("go build", "cached", /*finished=*/true);
    archive = *cachedArchive;
  } else {
    auto a = buildArchive(ctx, bound, hashes, pinned);
    if (!a) {
      std::string msg = llvm::toString(a.takeError());
      ctx.error(msg + missingDependencyHint(ctx, msg, imports));
      return isSecurityError(msg) ? Security : Failure;
    }
    archive = *a;
  }
  if (int s = checkPinned(ctx, archive, lock))
    return s;
  r.built = !archive.fromCache;
  r.imports = imports.size();
  return Success;
}

/// Write the outputs of `bound` into `outDir` (replacing it whole).
int writeOutputs(Context &ctx, StringRef outDir, StringRef name,
                 StringRef archiveName, const std::vector<Bound> &bound,
                 const Archive &archive, bool withSources, SyncResult &r) {
  if (llvm::Error e = checkOutDir(outDir))
    return fail(ctx, std::move(e), Usage);
  // A fresh directory beside the output (one rename away), never one that
  // was there before.
  std::string tmp;
  for (int attempt = 0; tmp.empty(); ++attempt) {
    std::string cand = (outDir + ".tmp-" + std::to_string(::getpid()) + "-" +
                        std::to_string(attempt))
                           .str();
    std::error_code ec =
        fs::create_directory(cand, /*IgnoreExisting=*/false, fs::all_all);
    if (!ec)
      tmp = cand;
    else if (ec != std::errc::file_exists || attempt > 100)
      return fail(ctx, llvm::createStringError("cannot create " + cand + ": " +
                                               ec.message()));
  }
  auto cleanup = llvm::make_scope_exit([&] {
    if (fs::exists(tmp))
      llvm::consumeError(removeTree(tmp));
  });
  if (llvm::Error e = writeFile(tmp + "/" + OutputMarker,
                                "This directory is written by mochi-go and "
                                "replaced whole by each run.\n"))
    return fail(ctx, std::move(e));
  std::string libs = archiveLibs(ctx.toolchain);
  for (const Bound &b : bound) {
    std::string from = b.outDir();
    // The embedded profile's libraries have no C header.
    llvm::Error e = fs::exists(from + "/include")
                        ? copyTree(from + "/include", tmp + "/include")
                        : llvm::Error::success();
    if (!e)
      e = copyTree(from + "/mochi", tmp + "/mochi");
    if (!e && withSources)
      e = copyTree(from + "/go", tmp + "/go/" + b.prefix);
    if (!e && withSources)
      e = copyInto(from + "/skip-report.txt", tmp + "/skip-report.txt");
    if (e)
      return fail(ctx, std::move(e));
  }
  std::string pcName = name.str() + ".pc";
  llvm::Error e = copyInto(archive.path, tmp + "/lib/" + archiveName.str());
  // A WebAssembly module is loaded by a host, not linked: no pkg-config.
  if (!e && !ctx.embedded())
    e = writeFile(tmp + "/" + pcName,
                  pkgConfig(outDir, name, archiveName, libs, bound));
  if (!e)
    e = replaceDir(tmp, outDir);
  if (e)
    return fail(ctx, std::move(e));
  r.archive = (outDir + "/lib/" + archiveName).str();
  r.mochiDir = (outDir + "/mochi").str();
  if (ctx.embedded())
    return Success; // no header, no pkg-config, nothing to link
  r.includeDir = (outDir + "/include").str();
  r.pkgConfig = (outDir + "/" + pcName).str();
  r.cflags = "-I" + r.includeDir;
  r.libs = r.archive + " " + libs;
  return Success;
}

} // namespace

int driver::sync(llvm::ArrayRef<std::string> sources, const Options &options,
                 SyncResult *result) {
  auto started = std::chrono::steady_clock::now();
  int status;
  std::unique_ptr<Context> ctx = makeContext(options, status);
  if (!ctx)
    return status;
  if (sources.empty()) {
    ctx->error("sync: no Mochi source files given");
    return Usage;
  }
  std::vector<Import> imports;
  if (!readImports(*ctx, sources, imports))
    return SourceErrors;
  Program prog = programOf(*ctx, sources);
  if (llvm::Error e = checkOutDir(prog.outDir))
    return fail(*ctx, std::move(e), Usage);

  auto lock = lock::readLock(prog.lockPath);
  if (!lock)
    return fail(*ctx, lock.takeError());
  if (int s = readManifestOf(*ctx, prog))
    return s;

  SyncResult r;
  std::vector<ModuleHashes> hashes;
  std::vector<Bound> bound;
  Archive archive;
  if (int s = produce(*ctx, imports, *lock, hashes, bound, archive, r))
    return s;
  // Concurrent syncs of one program take turns at its outputs and lock.
  FileLock outLock(
      fetch::ModCache::lockPath(ctx->cacheDir, "outputs " + prog.outDir));
  if (int s = writeOutputs(*ctx, prog.outDir, "mochigo_" + prog.name,
                           prog.archiveName, bound, archive,
                           /*withSources=*/false, r))
    return s;

  lock::LockFile out;
  for (size_t i = 0; i < bound.size(); ++i) {
    lock::GoPackage p = lockEntryOf(*ctx, bound[i], hashes[i]);
    // A module this run did not download keeps the source it was locked
    // from: the lock changes only when something really changed.
    if (const lock::GoPackage *old = lockEntry(*lock, bound[i].imp);
        old && old->version == p.version && old->zipH1 == p.zipH1)
      p.source = old->source;
    out.packages.push_back(std::move(p));
  }
  lock::sortPackages(out);
  if (ctx->buildList) {
    std::set<std::string> imported;
    for (const Import &imp : imports)
      imported.insert(imp.path);
    for (auto &[p, v] : ctx->buildList->selected) {
      if (imported.count(p))
        continue;
      lock::GoModule m;
      m.module = p;
      m.version = v;
      if (const lock::ManifestReplace *rep = ctx->manifest.replacementOf(p)) {
        m.kind = rep->isLocal() ? "path" : "replaced";
        if (rep->isLocal())
          m.path = rep->dir;
        else
          m.replacement = rep->newPath + "@" + rep->newVersion;
      }
      out.modules.push_back(std::move(m));
    }
  } else if (*lock && !ctx->manifestStamp.empty()) {
    out.modules = (*lock)->modules; // nothing rebuilt: the list is the same
  }
  out.archive.emplace();
  out.archive->name = prog.archiveName;
  out.archive->sha256 = archive.sha256;
  out.archive->dependencies = archive.dependencies;
  if (llvm::Error e = lock::writeLock(prog.lockPath, out))
    return fail(*ctx, std::move(e));
  r.lockPath = prog.lockPath;

  ctx->note(
      std::to_string(r.imports) + " import(s): " + std::to_string(r.fetched) +
      " downloaded, " + std::to_string(r.bound) + " bound, " +
      std::to_string(r.imports - r.bound) + " bound from the cache; archive " +
      (r.built ? "built" : "from the cache (no Go build)") + " in " +
      llvm::formatv("{0:f1}", std::chrono::duration<double>(
                                  std::chrono::steady_clock::now() - started)
                                  .count())
          .str() +
      "s");
  if (result)
    *result = r;
  return Success;
}

int driver::check(llvm::ArrayRef<std::string> sources, const Options &options) {
  int status;
  std::unique_ptr<Context> ctx = makeContext(options, status);
  if (!ctx)
    return status;
  if (sources.empty()) {
    ctx->error("sync --check: no Mochi source files given");
    return Usage;
  }
  std::vector<Import> imports;
  if (!readImports(*ctx, sources, imports))
    return SourceErrors;
  Program prog = programOf(*ctx, sources);
  if (int s = readManifestOf(*ctx, prog))
    return s;
  auto read = lock::readLock(prog.lockPath);
  if (!read)
    return fail(*ctx, read.takeError());
  lock::LockFile locked = read->value_or(lock::LockFile());
  if (!*read)
    ctx->error(prog.lockPath + ": no lock file (run mochi-go sync)");

  auto cache = fetch::ModCache::open(ctx->cacheDir);
  if (!cache)
    return fail(*ctx, cache.takeError());
  std::string srcName = path::filename(sources.front()).str();

  // What the sources, the toolchain and the cache say, field by field.
  lock::LockFile observed;
  std::vector<ModuleHashes> hashes = lockedHashes(imports, *read);
  std::vector<Bound> bound;
  bool allBound = true;
  for (size_t i = 0; i < imports.size(); ++i) {
    const Import &imp = imports[i];
    lock::GoPackage p;
    p.module = imp.stdlib ? lock::StdModule : imp.path;
    p.package = imp.stdlib ? imp.path : "";
    p.version = imp.stdlib ? ctx->toolchain.version : imp.version;
    p.alias = imp.alias;
    p.origins[lock::DriftKind::Version] = srcName;
    p.origins[lock::DriftKind::Alias] = srcName;
    p.goToolchain = ctx->toolchain.version;
    p.target = ctx->buildTarget();
    p.profile = ctx->profile();
    const lock::GoPackage *entry = lockEntry(*read, imp);
    bool sameVersion = entry && entry->version == p.version;
    std::string recordedZip; // the zip's h1 as the cache recorded it
    if (!imp.stdlib && sameVersion) {
      // The module in the cache, re-hashed: a changed file shows here.
      std::optional<fetch::ModuleRecord> rec =
          cache->find(imp.path, imp.version);
      if (!rec) {
        p.zipH1 = "(not in the cache)";
      } else {
        recordedZip = rec->sum;
        auto h1 = modzip::hashDir(cache->treePath(rec->sum),
                                  imp.path + "@" + imp.version);
        p.zipH1 = h1 ? *h1 : "(" + llvm::toString(h1.takeError()) + ")";
        p.modH1 = rec->goModSum;
        p.sumdbVerified = StringRef(rec->verified).starts_with("sumdb");
      }
      p.origins[lock::DriftKind::ZipHash] = "cache";
      p.origins[lock::DriftKind::ModHash] = "cache";
      p.origins[lock::DriftKind::Sumdb] = "cache";
    }
    if (!sameVersion)
      allBound = false;
    if (sameVersion) {
      // The library was bound from the bytes the cache verified; when the
      // lock's hash was edited, that is still where it is.
      ModuleHashes keyHashes = hashes[i];
      if (!imp.stdlib && !recordedZip.empty()) {
        keyHashes.zipH1 = recordedZip;
        keyHashes.modH1 = p.modH1;
      }
      std::optional<Bound> b =
          findBound(*ctx, imp, bindKey(*ctx, imp, keyHashes));
      if (!b) {
        p.outputsH1 = "(not in the cache)";
        allBound = false;
      } else {
        auto h1 = modzip::hashDir(b->outDir(), "out");
        p.outputsH1 = h1 ? *h1 : "(" + llvm::toString(h1.takeError()) + ")";
        p.apiSurfaceSha256 = b->surfaceSha256;
        bound.push_back(*b);
      }
      p.origins[lock::DriftKind::Outputs] = "cache";
      p.origins[lock::DriftKind::ApiSurface] = "cache";
    }
    observed.packages.push_back(std::move(p));
  }

  // The archive: the copy the program links, and the cached original.
  std::vector<lock::Drift> drifts;
  std::string outArchive = prog.outDir + "/lib/" + prog.archiveName;
  if (locked.archive) {
    auto sha = sha256File(outArchive);
    if (!sha) {
      // Missing is drift; anything else (permission denied, not a file)
      // is an error to report as it is, not a drift.
      std::string why = llvm::toString(sha.takeError());
      fs::file_status st;
      std::error_code ec = fs::status(outArchive, st);
      if (ec != std::errc::no_such_file_or_directory &&
          ec != std::errc::not_a_directory) {
        ctx->error(
            "sync --check: " +
            (ec ? "cannot read " + outArchive + ": " + ec.message() : why));
        return Failure;
      }
    }
    observed.archive.emplace();
    observed.archive->name = prog.archiveName;
    observed.archive->sha256 = sha ? *sha : "(missing)";
    observed.archive->origin = prog.outDir + "/lib";
    if (allBound) {
      std::optional<Archive> a = findArchive(*ctx, archiveKey(*ctx, bound));
      std::string cached = "(not in the cache)";
      if (a) {
        auto s = sha256File(a->path);
        cached = s ? *s : "(unreadable)";
        if (!s)
          llvm::consumeError(s.takeError());
      }
      if (cached != locked.archive->sha256) {
        lock::Drift d;
        d.kind = lock::DriftKind::Archive;
        d.archive = prog.archiveName;
        d.locked = locked.archive->sha256;
        d.observed = cached;
        d.origin = "cache";
        drifts.push_back(d);
      }
      // The dependencies the cached archive was built from, against the
      // lock's: only the [archive] tables are compared here.
      if (a)
        for (lock::Drift &d : dependencyDrifts(locked.archive, a->dependencies))
          drifts.push_back(std::move(d));
    }
  }
  std::vector<lock::Drift> found = lock::compare(locked, observed);
  drifts.insert(drifts.begin(), found.begin(), found.end());
  for (const lock::Drift &d : drifts)
    ctx->error(lock::formatDrift(d));
  if (!drifts.empty() || !*read) {
    ctx->note(std::to_string(drifts.size()) + " drift(s) between " +
              prog.lockPath + ", the sources and the cache");
    return Drift;
  }
  ctx->note(prog.lockPath + ": " + std::to_string(imports.size()) +
            " import(s), no drift");
  return Success;
}

namespace {

/// Parse the argument of bind/explain: module@version, or a standard-library
/// package path (no version).
bool parseTarget(Context &ctx, StringRef arg, StringRef alias, Import &imp,
                 bool versionOptional) {
  auto [p, v] = arg.rsplit('@');
  if (!arg.contains('@'))
    v = "";
  imp.path = p.str();
  imp.version = v.str();
  imp.stdlib = mochi::isStdlibPath(imp.path);
  imp.where = "command line";
  if (imp.path.empty()) {
    ctx.error("empty module path in " + module::quote(arg));
    return false;
  }
  if (imp.stdlib && !imp.version.empty()) {
    ctx.error("'" + imp.path +
              "' is a standard-library package; it takes "
              "no version");
    return false;
  }
  if (!imp.stdlib) {
    if (llvm::Error e = module::checkPath(imp.path)) {
      ctx.error(llvm::toString(std::move(e)));
      return false;
    }
    if (imp.version.empty() && !versionOptional) {
      ctx.error(module::quote(arg) + ": want module@version (a version like "
                                     "v1.2.3)");
      return false;
    }
    if (llvm::Error e = module::checkVersionLength(imp.version)) {
      ctx.error(llvm::toString(std::move(e)));
      return false;
    }
    if (!imp.version.empty() &&
        (!semver::isValid(imp.version) ||
         semver::canonical(imp.version) != imp.version)) {
      ctx.error(module::quote(imp.version) +
                " is not a canonical semantic version "
                "(want vMAJOR.MINOR.PATCH)");
      return false;
    }
  }
  imp.alias = alias.empty() ? mochi::defaultAlias(imp.path) : alias.str();
  if (!mochi::isMochiIdentifier(imp.alias)) {
    ctx.error("the alias '" + imp.alias + "' is not a Mochi identifier; use " +
              mochi::fixIdentifier(imp.alias));
    return false;
  }
  return true;
}

} // namespace

int driver::bind(StringRef moduleAtVersion, StringRef alias, StringRef outDir,
                 const Options &options) {
  int status;
  std::unique_ptr<Context> ctx = makeContext(options, status);
  if (!ctx)
    return status;
  Import imp;
  if (!parseTarget(*ctx, moduleAtVersion, alias, imp,
                   /*versionOptional=*/false))
    return Usage;
  if (outDir.empty()) {
    ctx->error("bind: no output directory (-o DIR)");
    return Usage;
  }
  if (llvm::Error e = checkOutDir(absolutePath(outDir)))
    return fail(*ctx, std::move(e), Usage);
  std::vector<Import> imports{imp};
  SyncResult r;
  std::vector<ModuleHashes> hashes;
  std::vector<Bound> bound;
  Archive archive;
  if (int s = produce(*ctx, imports, std::nullopt, hashes, bound, archive, r))
    return s;
  std::string prefix = bound.front().prefix;
  FileLock outLock(fetch::ModCache::lockPath(
      ctx->cacheDir, "outputs " + absolutePath(outDir)));
  if (int s = writeOutputs(*ctx, absolutePath(outDir), prefix,
                           "lib" + prefix + ".a", bound, archive,
                           /*withSources=*/true, r))
    return s;
  ctx->note(imp.display() + ": " + r.archive + ", " + r.includeDir + "/" +
            prefix + ".h");
  return Success;
}

int driver::explain(StringRef module, const Options &options,
                    llvm::raw_ostream &os) {
  int status;
  std::unique_ptr<Context> ctx = makeContext(options, status);
  if (!ctx)
    return status;
  Import imp;
  if (!parseTarget(*ctx, module, "", imp, /*versionOptional=*/true))
    return Usage;
  std::optional<lock::LockFile> lock;
  if (!imp.stdlib && imp.version.empty()) {
    std::string lockPath =
        options.lockPath.empty() ? "mochi.lock" : options.lockPath;
    auto read = lock::readLock(lockPath);
    if (!read)
      return fail(*ctx, read.takeError());
    const lock::GoPackage *p = lockEntry(*read, imp);
    if (!p) {
      ctx->error(imp.path + " has no version: give " + imp.path +
                 "@VERSION, or run where a mochi.lock pins it (" + lockPath +
                 " does not)");
      return Usage;
    }
    imp.version = p->version;
    imp.alias = p->alias;
    lock = std::move(*read);
  }
  std::vector<Import> imports{imp};
  std::vector<ModuleHashes> hashes = lockedHashes(imports, lock);
  std::vector<size_t> toFetch;
  if (!imp.stdlib && !findBound(*ctx, imp, bindKey(*ctx, imp, hashes.front())))
    toFetch.push_back(0);
  unsigned fetched = 0, made = 0;
  if (int s = fetchModules(*ctx, imports, toFetch, lock, hashes, fetched))
    return s;
  std::vector<Bound> bound;
  if (int s =
          bindAll(*ctx, imports, hashes, pinnedDependencies(lock), bound, made))
    return s;
  auto report = readFile(bound.front().outDir() + "/skip-report.txt");
  if (!report)
    return fail(*ctx, report.takeError());
  os << *report;
  return Success;
}
