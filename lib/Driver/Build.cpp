//===- Build.cpp - the program's c-archive --------------------------------===//
//
// Part of mochi-go. All wrapper libraries of a program go into ONE c-archive:
// each c-archive carries a whole Go runtime, and two of them cannot be
// linked into one C program. The archive is built in a synthesised
// workspace whose go.mod requires the lock's versions and whose go.sum
// holds the lock's hashes, and it is cached by the keys of its libraries.
//
//===----------------------------------------------------------------------===//

#include "DriverImpl.h"

#include "mochi-go/Fetch/GoSum.h"
#include "mochi-go/Fetch/ModCache.h"
#include "mochi-go/Module/Module.h"
#include "mochi-go/Support/FileUtil.h"
#include "mochi-go/Support/Security.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <set>

using namespace mochigo;
using namespace mochigo::driver;
using namespace mochigo::driver::detail;
using llvm::StringRef;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

/// The environment variables that change what `go build` makes.
constexpr StringRef kBuildEnv[] = {"CC",          "CXX",         "CGO_CFLAGS",
                                   "CGO_LDFLAGS", "GOFLAGS",     "GOAMD64",
                                   "GOARM64",     "GOEXPERIMENT"};

} // namespace

bool detail::hasWasmExport(StringRef version) {
  StringRef v = version;
  if (!v.consume_front("go1."))
    return false;
  unsigned minor = 0;
  StringRef digits = v.take_while([](char c) { return c >= '0' && c <= '9'; });
  return !digits.getAsInteger(10, minor) && minor >= 24;
}

llvm::Error detail::exposeToGo(const Context &ctx, const Import &imp,
                               const ModuleHashes &h) {
  if (imp.stdlib || h.zip.empty() || h.mod.empty() || h.info.empty())
    return llvm::Error::success();
  auto escPath = module::escapePath(imp.path);
  if (!escPath)
    return escPath.takeError();
  auto escVersion = module::escapeVersion(imp.version);
  if (!escVersion)
    return escVersion.takeError();
  std::string base = ctx.goProxyDir() + "/" + *escPath + "/@v/" + *escVersion;
  for (auto [from, ext] : {std::pair<std::string, StringRef>{h.info, ".info"},
                           {h.mod, ".mod"},
                           {h.zip, ".zip"}}) {
    std::string to = base + ext.str();
    if (fs::exists(to))
      continue;
    if (std::error_code ec = fs::create_directories(path::parent_path(to)))
      return llvm::createStringError("cannot create " + path::parent_path(to) +
                                     ": " + ec.message());
    // A hard link into the proxy tree, or a copy across file systems; the
    // name appears only when complete.
    std::string tmp = to + ".tmp";
    fs::remove(tmp);
    if (fs::create_hard_link(from, tmp))
      if (std::error_code ec = fs::copy_file(from, tmp))
        return llvm::createStringError("cannot copy " + from + ": " +
                                       ec.message());
    if (std::error_code ec = fs::rename(tmp, to))
      return llvm::createStringError("cannot rename " + tmp + ": " +
                                     ec.message());
  }
  return llvm::Error::success();
}

namespace {

/// `require` versions of the go.mod the go command left behind.
std::map<std::string, std::string> requiredVersions(StringRef gomod) {
  std::map<std::string, std::string> out;
  bool inBlock = false;
  while (!gomod.empty()) {
    auto [line, rest] = gomod.split('\n');
    gomod = rest;
    line = line.split("//").first.trim();
    if (line == ")") {
      inBlock = false;
      continue;
    }
    if (line.starts_with("require (")) {
      inBlock = true;
      continue;
    }
    if (!inBlock && !line.consume_front("require "))
      continue;
    llvm::SmallVector<StringRef, 3> f;
    line.split(f, ' ', -1, /*KeepEmpty=*/false);
    if (f.size() >= 2)
      out[f[0].str()] = f[1].str();
  }
  return out;
}

} // namespace

std::vector<std::string> detail::dependencyLines(StringRef gosum,
                                                 llvm::ArrayRef<Bound> bound) {
  std::set<std::pair<std::string, std::string>> imports;
  for (const Bound &b : bound)
    if (!b.imp.stdlib)
      imports.insert({b.imp.path, b.imp.version});
  std::vector<std::string> out;
  while (!gosum.empty()) {
    auto [line, rest] = gosum.split('\n');
    gosum = rest;
    llvm::SmallVector<StringRef, 3> f;
    line.trim().split(f, ' ', -1, /*KeepEmpty=*/false);
    if (f.size() != 3 || !f[2].starts_with("h1:"))
      continue;
    StringRef version = f[1];
    version.consume_back("/go.mod");
    if (imports.count({f[0].str(), version.str()}))
      continue;
    out.push_back((f[0] + " " + f[1] + " " + f[2]).str());
  }
  llvm::sort(out);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string detail::securityMessage(StringRef message) {
  if (!securityKindOf(message).empty())
    return hoistSecurityTag(message);
  // Our own refusals are tagged where they are made; an untagged SECURITY
  // ERROR is the go command's (a module or dependency whose bytes differ
  // from go.sum or the checksum database).
  if (message.contains("SECURITY ERROR"))
    return securityError(SecurityKind::GoChecksumMismatch, message);
  return message.str();
}

bool detail::isSecurityError(StringRef message) {
  return !securityKindOf(securityMessage(message)).empty();
}

std::string detail::replaceLines(const Context &ctx, bool forPins) {
  std::string out;
  for (const lock::ManifestReplace &r : ctx.manifest.replaces) {
    std::string target;
    if (r.isLocal())
      target = path::is_absolute(r.dir) ? r.dir
                                        : absolutePath(ctx.programDir + "/" +
                                                       r.dir);
    else
      target = r.newPath + " " + r.newVersion;
    out += (forPins ? "" : "replace ") + r.path + " => " + target + "\n";
  }
  return out;
}

std::string detail::wasmExportError(const Context &ctx) {
  return "the embedded profile (mochi.toml [go] profile) needs Go 1.24 or "
         "later for //go:wasmexport; the toolchain is " +
         ctx.toolchain.version + " (" + ctx.toolchain.go + "); pass --go";
}

std::string detail::archiveLibs(const Toolchain &tc) {
  if (tc.goos == "darwin")
    return "-framework CoreFoundation -framework Security -lresolv";
  return "-lpthread -lm -ldl -lresolv";
}

std::string detail::archiveKey(const Context &ctx,
                               llvm::ArrayRef<Bound> bound) {
  std::string text = "mochi-go archive 1\n";
  text += "tools " + ctx.toolStamp + "\n";
  text += "go " + ctx.toolchain.version + " " + ctx.toolchain.target() + "\n";
  for (StringRef var : kBuildEnv)
    text += var.str() + "=" +
            (var == "GOFLAGS" ? ctx.goEnv.goflags
                              : ctx.getenv(var).value_or("")) +
            "\n";
  std::vector<std::string> keys;
  for (const Bound &b : bound)
    keys.push_back(b.prefix + " " + b.key);
  if (!ctx.manifestStamp.empty())
    text += "manifest " + ctx.manifestStamp + "\n";
  // Only the embedded profile says so: a cgo archive keeps the key it had.
  if (ctx.embedded())
    text += "profile embedded " + ctx.buildTarget() + "\n";
  llvm::sort(keys);
  for (const std::string &k : keys)
    text += "lib " + k + "\n";
  return sha256Hex(text);
}

std::optional<Archive> detail::findArchive(const Context &ctx, StringRef key) {
  std::string dir = ctx.buildDir() + "/" + key.str();
  std::optional<llvm::json::Object> o = readRecord(dir + "/archive.json");
  if (!o || !fs::exists(dir + "/" + ctx.artifactFile()))
    return std::nullopt;
  Archive a;
  a.key = key.str();
  a.path = dir + "/" + ctx.artifactFile();
  a.sha256 = o->getString("sha256").value_or("").str();
  if (const llvm::json::Array *deps = o->getArray("dependencies"))
    for (const llvm::json::Value &d : *deps)
      if (auto line = d.getAsString())
        a.dependencies.push_back(line->str());
  a.fromCache = true;
  if (a.sha256.empty())
    return std::nullopt;
  return a;
}

llvm::Expected<Archive>
detail::buildArchive(Context &ctx, llvm::ArrayRef<Bound> bound,
                     llvm::ArrayRef<ModuleHashes> hashes,
                     llvm::ArrayRef<std::string> pinned) {
  std::string key = archiveKey(ctx, bound);
  if (std::optional<Archive> found = findArchive(ctx, key)) {
    ctx.verbose("archive: from the cache (" + key.substr(0, 12) +
                "), no Go build");
    return *found;
  }
  // One process builds a key; others sharing the cache wait and reuse it.
  FileLock keyLock(fetch::ModCache::lockPath(ctx.cacheDir, "build " + key));
  if (std::optional<Archive> found = findArchive(ctx, key)) {
    ctx.verbose("archive: built by another process meanwhile (" +
                key.substr(0, 12) + ")");
    return *found;
  }

  // Locked while in use, removed when done; a leftover of a killed run is
  // removed by a later one (Context::create).
  auto locked = LockedTempDir::create(ctx.tmpDir(), "build-");
  if (!locked)
    return locked.takeError();
  const std::string *ws = &locked->path();

  // The workspace: go.mod requiring the lock's versions and each wrapper
  // library (replaced by w/<prefix>, a link to its directory in the
  // cache), go.sum with the lock's hashes, and a main package importing
  // every wrapper package. The go command records each replacement as
  // go.mod spells it in the archive's build info: a relative path keeps
  // the cache's location (and the keys in it, which change with the tool)
  // out of the archive, so the same program gives the same archive
  // wherever its cache is.
  if (std::error_code ec = fs::create_directories(*ws + "/w"))
    return llvm::createStringError("cannot create " + *ws +
                                   "/w: " + ec.message());
  bool embedded = ctx.embedded();
  if (embedded && !hasWasmExport(ctx.toolchain.version))
    return llvm::createStringError(wasmExportError(ctx));
  // go 1.24 for the embedded profile: the first Go with //go:wasmexport.
  std::string gomod = "// Code generated by mochi-go. DO NOT EDIT.\n"
                      "module mochigo.local/program\n\ngo " +
                      std::string(embedded ? "1.24" : "1.21") +
                      "\n\nrequire (\n";
  std::string replaces, gosum, imports;
  std::vector<std::string> pkgs;
  for (size_t i = 0; i < bound.size(); ++i) {
    const Bound &b = bound[i];
    if (!b.imp.stdlib) {
      std::string v = b.imp.version;
      if (ctx.buildList && ctx.buildList->selected.count(b.imp.path))
        v = ctx.buildList->selected.at(b.imp.path);
      gomod += "\t" + b.imp.path + " " + v + "\n";
      gosum += b.imp.path + " " + b.imp.version + " " + hashes[i].zipH1 + "\n";
      gosum += b.imp.path + " " + b.imp.version + "/go.mod " + hashes[i].modH1 +
               "\n";
    }
    gomod += "\tmochigo.local/" + b.prefix + " v0.0.0\n";
    std::string link = *ws + "/w/" + b.prefix;
    if (std::error_code ec = fs::create_link(b.outDir() + "/go", link))
      return llvm::createStringError("cannot link " + link + ": " +
                                     ec.message());
    replaces +=
        "replace mochigo.local/" + b.prefix + " => ./w/" + b.prefix + "\n";
    pkgs.insert(pkgs.end(), b.goPackages.begin(), b.goPackages.end());
  }
  for (const std::string &line : pinned)
    gosum += line + "\n";
  if (ctx.buildList) {
    // The whole build list as requirements (the go command starts from
    // the roots mochi-go's selection ended with, so it selects the same),
    // mochi.toml's replacements, and the hashes of what mochi-go verified.
    std::set<std::string> imported;
    for (const Bound &b : bound)
      imported.insert(b.imp.path);
    for (auto &[p, v] : ctx.buildList->selected)
      if (!imported.count(p))
        gomod += "\t" + p + " " + v + " // indirect\n";
    replaces += replaceLines(ctx, /*forPins=*/false);
    for (auto &[id, bm] : ctx.buildList->verified) {
      auto [p, v] = StringRef(id).rsplit('@');
      if (!imported.count(p.str()))
        gosum += fetch::goSumLines(p, v, bm.hashes.zipH1, bm.hashes.modH1);
    }
  }
  gomod += ")\n\n" + replaces;
  llvm::sort(pkgs);
  for (const std::string &p : pkgs)
    imports += "\t_ \"" + p + "\"\n";
  std::string mainGo =
      embedded ? "//go:build wasip1\n\n"
                 "// Code generated by mochi-go. DO NOT EDIT.\n\n"
                 "// Package main is the WebAssembly module of a Mochi "
                 "program's Go imports.\npackage main\n\nimport (\n" +
                     imports + ")\n\nfunc main() {}\n"
               : "// Code generated by mochi-go. DO NOT EDIT.\n\n"
                 "// Package main is the c-archive of a Mochi "
                 "program's Go imports.\npackage main\n\nimport \"C\"\n\n"
                 "import (\n" +
                     imports + ")\n\nfunc main() {}\n";
  for (auto [name, text] : {std::pair<StringRef, StringRef>{"go.mod", gomod},
                            {"go.sum", gosum},
                            {"main.go", mainGo}})
    if (llvm::Error e = writeFile((*ws + "/" + name).str(), text))
      return std::move(e);

  std::string goflags = "-mod=mod -modcacherw";
  if (!ctx.goEnv.goflags.empty())
    goflags += " " + ctx.goEnv.goflags;
  // The embedded profile: a wasip1 reactor (c-shared: _initialize, no
  // main to run) with cgo off.
  std::vector<std::string> env = ctx.goCommandEnv(
      {"GOPROXY=" + ctx.goProxyForGo(), "GOMODCACHE=" + ctx.goModCache(),
       "GOFLAGS=" + goflags, embedded ? "CGO_ENABLED=0" : "CGO_ENABLED=1",
       "GOOS=" + (embedded ? std::string("wasip1") : ctx.toolchain.goos),
       "GOARCH=" + (embedded ? std::string("wasm") : ctx.toolchain.goarch)});
  std::string lib = *ws + "/" + ctx.artifactFile();
  std::string buildmode =
      embedded ? "-buildmode=c-shared" : "-buildmode=c-archive";
  std::vector<std::string> argv = {ctx.toolchain.go,
                                   "-C",
                                   *ws,
                                   "build",
                                   buildmode,
                                   "-trimpath",
                                   "-buildvcs=false",
                                   "-p",
                                   std::to_string(ctx.jobs),
                                   "-o",
                                   lib,
                                   "."};
  std::string what =
      "go build " + buildmode + (embedded ? " (GOOS=wasip1 GOARCH=wasm)" : "");
  ctx.verbose(what + " (" + std::to_string(bound.size()) + " libraries)");
  ctx.step("go build", "build");
  ProcessResult built = runProcess(argv, env);
  ctx.step("go build", built.status == 0 ? "done" : "failed",
           /*finished=*/true);
  if (built.status != 0)
    return llvm::createStringError(what + " failed in " + *ws + ":\n" +
                                   built.output);

  // Minimal version selection may have raised a locked module because
  // another module requires a newer one; the archive would then not be
  // what the lock says.
  auto after = readFile(*ws + "/go.mod");
  if (!after)
    return after.takeError();
  std::map<std::string, std::string> selected = requiredVersions(*after);
  if (ctx.buildList)
    for (auto &[p, v] : ctx.buildList->selected) {
      auto it = selected.find(p);
      if (it != selected.end() && it->second != v)
        return llvm::createStringError(
            "the go command selected " + p + " " + it->second +
            " where mochi-go's minimal version selection chose " + v +
            "; please report this (the workspace is " + *ws + ")");
    }
  for (const Bound &b : bound) {
    if (b.imp.stdlib || ctx.buildList)
      continue; // with a build list, compared with it above
    auto it = selected.find(b.imp.path);
    if (it != selected.end() && it->second != b.imp.version)
      return llvm::createStringError(
          b.imp.path + "@" + b.imp.version + " (" + b.imp.where +
          "): another imported module requires " + b.imp.path + " " +
          it->second + "; import that version instead");
  }

  // What the go command built from besides the imports, as it recorded
  // it (checked against GOSUMDB, or against the lock's pins).
  auto gosumAfter = readFile(*ws + "/go.sum");
  if (!gosumAfter)
    return gosumAfter.takeError();

  auto sha = sha256File(lib);
  if (!sha)
    return sha.takeError();
  Archive a;
  a.key = key;
  a.sha256 = *sha;
  a.dependencies = dependencyLines(*gosumAfter, bound);
  std::string store = *ws + "/store";
  if (std::error_code ec = fs::create_directories(store))
    return llvm::createStringError("cannot create " + store + ": " +
                                   ec.message());
  if (std::error_code ec = fs::rename(lib, store + "/" + ctx.artifactFile()))
    return llvm::createStringError("cannot move the archive: " + ec.message());
  llvm::json::Array deps;
  for (const std::string &line : a.dependencies)
    deps.push_back(line);
  llvm::json::Object record{
      {"key", key}, {"sha256", a.sha256}, {"dependencies", std::move(deps)}};
  if (llvm::Error e = writeRecord(store + "/archive.json", std::move(record)))
    return std::move(e);
  std::string dest = ctx.buildDir() + "/" + key;
  if (llvm::Error e = publishDir(store, dest))
    return std::move(e);
  a.path = dest + "/" + ctx.artifactFile();
  return a;
}
