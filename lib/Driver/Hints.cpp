//===- Hints.cpp - errors that say what to do -----------------------------===//
//
// Part of mochi-go. What an error adds for the user to act on: the versions
// the module proxy has of a module when the one asked for is not there (its
// @v/list, nearest first), the mochi.toml lines that pin a dependency the
// go command could not fetch, and the source lines of two imports that
// clash.
//
//===----------------------------------------------------------------------===//

#include "DriverImpl.h"

#include "mochi-go/Mochi/Imports.h"
#include "mochi-go/Module/Semver.h"
#include "mochi-go/Support/FileUtil.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <set>

using namespace mochigo;
using namespace mochigo::driver;
using namespace mochigo::driver::detail;
using llvm::StringRef;

bool detail::isNotFound(StringRef message) {
  return message.contains("404 Not Found") || message.contains("410 Gone") ||
         message.contains("not found");
}

std::vector<std::string>
detail::nearestVersions(llvm::ArrayRef<std::string> available,
                        StringRef version, size_t n) {
  std::vector<std::string> sorted(available.begin(), available.end());
  llvm::erase_if(sorted,
                 [](const std::string &v) { return !semver::isValid(v); });
  llvm::sort(sorted, [](const std::string &a, const std::string &b) {
    return semver::compare(a, b) < 0;
  });
  // The versions around where `version` would sort, taken alternately
  // above and below it.
  size_t at = std::lower_bound(sorted.begin(), sorted.end(), version,
                               [](const std::string &a, StringRef v) {
                                 return semver::compare(a, v) < 0;
                               }) -
              sorted.begin();
  std::vector<std::string> out;
  size_t below = at, above = at;
  while (out.size() < n && (below > 0 || above < sorted.size())) {
    // Alternate, starting above (a newer release is the usual fix).
    if (above < sorted.size() && (below == 0 || out.size() % 2 == 0))
      out.push_back(sorted[above++]);
    else if (below > 0)
      out.push_back(sorted[--below]);
  }
  llvm::sort(out, [](const std::string &a, const std::string &b) {
    return semver::compare(a, b) < 0;
  });
  return out;
}

namespace {

/// The versions the proxies list for `path`; empty when they list none or
/// cannot be asked.
std::vector<std::string> listed(Context &ctx, StringRef path) {
  auto downloader = ctx.downloader();
  if (!downloader) {
    llvm::consumeError(downloader.takeError());
    return {};
  }
  auto lists = (*downloader)->listVersions({path.str()});
  if (lists.empty() || !lists.front().second.empty())
    return {};
  return lists.front().first;
}

} // namespace

std::string detail::unknownVersionHint(Context &ctx, const Import &imp) {
  std::vector<std::string> versions = listed(ctx, imp.path);
  if (versions.empty())
    return "\n  the module proxy lists no version of " + imp.path +
           " (check the module path)";
  if (llvm::is_contained(versions, imp.version))
    return "";
  std::vector<std::string> near = nearestVersions(versions, imp.version, 4);
  std::string hint =
      "\n  the module proxy has no " + imp.version + " of " + imp.path +
      "; the nearest versions it has: " + llvm::join(near, ", ") +
      "\n  import one of them, e.g. " + "import go \"" + imp.path + "@" +
      near.back() + "\"";
  if (imp.alias != mochi::defaultAlias(imp.path))
    hint += " as " + imp.alias;
  return hint;
}

std::string detail::missingDependencyHint(Context &ctx, StringRef message,
                                          llvm::ArrayRef<Import> imports) {
  // The go command and the fetcher both name the module version they could
  // not read: "example.com/dep@v1.1.0: reading URL: 404 Not Found".
  static const llvm::Regex missing(
      "([A-Za-z0-9._~/+-]+)@(v[0-9A-Za-z.+-]+): (reading|verifying) [^ \n]+: "
      "(404 Not Found|410 Gone)");
  llvm::SmallVector<StringRef, 5> m;
  StringRef rest = message;
  std::string hint;
  std::set<std::string> seen;
  while (missing.match(rest, &m)) {
    std::string path = m[1].str(), version = m[2].str();
    rest = rest.drop_front(m[0].data() + m[0].size() - rest.data());
    if (!seen.insert(path).second)
      continue;
    // An import's own version has its own hint (unknownVersionHint).
    if (llvm::any_of(imports, [&](const Import &i) {
          return i.path == path && i.version == version;
        }))
      continue;
    std::vector<std::string> versions = listed(ctx, path);
    if (versions.empty())
      continue;
    // A replacement pins every version of the module, also those other
    // go.mod files require: prefer the nearest newer release.
    std::vector<std::string> near = nearestVersions(versions, version, 4);
    std::string pick = near.back();
    for (const std::string &v : near)
      if (semver::compare(v, version) > 0) {
        pick = v;
        break;
      }
    std::string toml = ctx.programDir.empty() ? std::string("mochi.toml")
                                              : ctx.programDir + "/mochi.toml";
    hint += "\n  " + path + "@" + version +
            " (a dependency) is not on the module proxy, which has " +
            llvm::join(near, ", ") + "; pin one in " + toml +
            ":\n    [go.replace]\n    \"" + path + "\" = \"" + path + "@" +
            pick + "\"";
  }
  return hint;
}

std::string detail::sourceLine(StringRef where) {
  // "file:line:col" or "file:line".
  auto [fileLine, col] = where.rsplit(':');
  StringRef file = fileLine, lineText = col;
  if (fileLine.contains(':')) {
    auto [f, l] = fileLine.rsplit(':');
    file = f;
    lineText = l;
  }
  unsigned line = 0;
  if (lineText.getAsInteger(10, line) || line == 0)
    return "";
  auto text = readFile(file);
  if (!text) {
    llvm::consumeError(text.takeError());
    return "";
  }
  llvm::SmallVector<StringRef> lines;
  StringRef(*text).split(lines, '\n');
  if (line > lines.size())
    return "";
  return "    " + llvm::sys::path::filename(file).str() + ":" +
         std::to_string(line) + ": " + lines[line - 1].rtrim("\r").str();
}
