//===- BuildList.cpp - minimal version selection, as the go command ------===//
//
// Part of mochi-go. The build list of a program: the imports and the
// [go-dependencies] of mochi.toml are the roots (the requirements of the
// synthesised main module); the graph is read from each module's verified
// go.mod (a replaced module's from its replacement), pruned as the go
// command prunes it for a main module at go 1.17 or later
// (cmd/go/internal/modload.readModGraph): the requirements of a module
// whose go.mod says go 1.17 or later are in the graph, but theirs are not
// read unless reached through a module below go 1.17. Each path gets the
// highest version required. Then every selected module becomes a root
// and the graph is read again until nothing changes: the workspace's
// go.mod lists the whole build list, so the go command starts from these
// roots and must agree.
//
//===----------------------------------------------------------------------===//

#include "DriverImpl.h"

#include "mochi-go/Fetch/Downloader.h"
#include "mochi-go/Module/Semver.h"
#include "mochi-go/Support/FileUtil.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Path.h"

#include <set>

using namespace mochigo;
using namespace mochigo::driver;
using namespace mochigo::driver::detail;
using llvm::StringRef;
namespace path = llvm::sys::path;

GoModFile detail::parseGoMod(StringRef text) {
  GoModFile f;
  bool inRequire = false, inOther = false;
  auto unquote = [](StringRef s) {
    s = s.trim();
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '`'))
      s = s.drop_front().drop_back();
    return s;
  };
  while (!text.empty()) {
    auto [raw, rest] = text.split('\n');
    text = rest;
    StringRef line = raw.split("//").first.trim();
    if (line.empty())
      continue;
    if (inRequire || inOther) {
      if (line == ")") {
        inRequire = inOther = false;
        continue;
      }
      if (inOther)
        continue;
    } else {
      llvm::SmallVector<StringRef, 3> w;
      line.split(w, ' ', 1, false);
      StringRef verb = w[0];
      StringRef args = w.size() > 1 ? w[1].trim() : "";
      if (verb == "go") {
        f.goVersion = unquote(args).str();
        continue;
      }
      if (verb != "require") {
        if (args == "(")
          inOther = true;
        continue;
      }
      if (args == "(") {
        inRequire = true;
        continue;
      }
      line = args;
    }
    llvm::SmallVector<StringRef, 3> fields;
    line.split(fields, ' ', -1, false);
    if (fields.size() >= 2)
      f.requires_.push_back(
          {unquote(fields[0]).str(), unquote(fields[1]).str()});
  }
  return f;
}

namespace {

/// Whether a go.mod's go version makes its requirements pruned (1.17+).
bool prunes(StringRef goVersion) {
  unsigned major = 0, minor = 0;
  auto [a, b] = goVersion.split('.');
  if (a.getAsInteger(10, major) || b.split('.').first.getAsInteger(10, minor))
    return false;
  return major > 1 || (major == 1 && minor >= 17);
}

} // namespace

llvm::Expected<BuildList> detail::computeBuildList(
    Context &ctx, const std::vector<module::Version> &roots0,
    const lock::Manifest &manifest, StringRef programDir, unsigned &fetched) {
  BuildList list;
  std::map<std::string, GoModFile> summaries; // by "path@version" read
  std::map<std::string, std::string> modFiles;

  // The module whose go.mod stands for path@version: its replacement's.
  auto contentOf = [&](const module::Version &m) -> module::Version {
    if (const lock::ManifestReplace *r = manifest.replacementOf(m.path)) {
      if (r->isLocal())
        return {"", r->dir};
      return {r->newPath, r->newVersion};
    }
    return m;
  };

  auto downloader = ctx.downloader();
  if (!downloader)
    return downloader.takeError();

  // Read the go.mod of every module in `need` (one batch).
  auto load = [&](const std::vector<module::Version> &need) -> llvm::Error {
    std::vector<module::Version> remote;
    std::set<std::string> seen;
    for (const module::Version &m : need) {
      module::Version c = contentOf(m);
      std::string id = c.path + "@" + c.version;
      if (summaries.count(id) || !seen.insert(id).second)
        continue;
      if (c.path.empty()) {
        llvm::SmallString<256> dir(c.version);
        if (!path::is_absolute(dir))
          dir = (programDir + "/" + c.version).str();
        auto text = readFile((dir + "/go.mod").str());
        if (!text)
          return llvm::createStringError("mochi.toml replaces " + m.path +
                                         " by " + c.version + ": " +
                                         llvm::toString(text.takeError()));
        summaries[id] = parseGoMod(*text);
        continue;
      }
      remote.push_back(c);
    }
    if (remote.empty())
      return llvm::Error::success();
    ctx.verbose("build list: reading the go.mod of " +
                std::to_string(remote.size()) + " module(s)");
    std::vector<fetch::DownloadResult> got = (*downloader)->download(remote);
    std::string errors;
    for (size_t i = 0; i < remote.size(); ++i) {
      const fetch::DownloadResult &r = got[i];
      std::string id = remote[i].path + "@" + remote[i].version;
      if (!r.ok()) {
        errors += "\n  " + id + ": " + r.error;
        continue;
      }
      if (!r.fromCache)
        ++fetched;
      auto text = readFile(r.goMod);
      if (!text)
        return text.takeError();
      summaries[id] = parseGoMod(*text);
      BuildModule &bm = list.verified[id];
      bm.hashes.zipH1 = r.sum;
      bm.hashes.modH1 = r.goModSum;
      bm.hashes.verified = r.verified;
      bm.hashes.sumdbVerified = StringRef(r.verified).starts_with("sumdb");
      bm.hashes.info = r.info;
      bm.hashes.mod = r.goMod;
      bm.hashes.zip = r.zip;
      Import imp;
      imp.path = remote[i].path;
      imp.version = remote[i].version;
      if (llvm::Error e = exposeToGo(ctx, imp, bm.hashes))
        return e;
    }
    if (!errors.empty())
      return llvm::createStringError(
          "the build list needs the go.mod of modules that could not be "
          "fetched and verified (a [go.replace] in mochi.toml can pin "
          "another version):" +
          errors);
    return llvm::Error::success();
  };

  std::vector<module::Version> roots = roots0;
  for (int round = 0; round < 10; ++round) {
    std::map<std::string, std::string> selected;
    auto raise = [&](const module::Version &m) {
      auto &v = selected[m.path];
      if (v.empty() || semver::compare(m.version, v) > 0)
        v = m.version;
    };
    for (const module::Version &r : roots)
      raise(r);
    // (module, unpruned) already queued.
    std::set<std::pair<std::string, bool>> queued;
    std::vector<std::pair<module::Version, bool>> level;
    for (const module::Version &r : roots)
      if (queued.insert({r.path + "@" + r.version, false}).second)
        level.push_back({r, false});
    while (!level.empty()) {
      std::vector<module::Version> need;
      for (auto &[m, unpruned] : level)
        need.push_back(m);
      if (llvm::Error e = load(need))
        return std::move(e);
      std::vector<std::pair<module::Version, bool>> next;
      for (auto &[m, unpruned] : level) {
        module::Version c = contentOf(m);
        const GoModFile &s = summaries[c.path + "@" + c.version];
        bool sUnpruned = !prunes(s.goVersion);
        for (const module::Version &req : s.requires_) {
          raise(req);
          if (unpruned || sUnpruned) {
            bool nextUnpruned = unpruned || sUnpruned;
            if (queued.insert({req.path + "@" + req.version, nextUnpruned})
                    .second)
              next.push_back({req, nextUnpruned});
          }
        }
      }
      level = std::move(next);
    }
    std::vector<module::Version> all;
    for (auto &[p, v] : selected)
      all.push_back({p, v});
    auto same = [](const std::vector<module::Version> &a,
                   const std::vector<module::Version> &b) {
      if (a.size() != b.size())
        return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (a[i].path != b[i].path || a[i].version != b[i].version)
          return false;
      return true;
    };
    std::vector<module::Version> sortedRoots = roots;
    llvm::sort(sortedRoots, [](auto &a, auto &b) { return a.path < b.path; });
    list.selected = selected;
    if (same(all, sortedRoots))
      return list;
    roots = std::move(all);
  }
  return list;
}
