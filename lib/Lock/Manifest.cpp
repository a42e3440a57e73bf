//===- Manifest.cpp - mochi.toml ------------------------------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Lock/Manifest.h"

#include "mochi-go/Module/Module.h"
#include "mochi-go/Module/Semver.h"
#include "mochi-go/Support/FileUtil.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"

// Header-only and without exceptions, as in LockFile.cpp (which says why).
#include "mochi-go/Support/Toml.h"

#include <map>

using namespace mochigo;
using namespace mochigo::lock;
using llvm::StringRef;

const ManifestReplace *Manifest::replacementOf(StringRef path) const {
  for (const ManifestReplace &r : replaces)
    if (r.path == path)
      return &r;
  return nullptr;
}

namespace {

struct Problem {
  toml::source_position pos;
  std::string message;
};

std::string checkVersionOf(StringRef path, StringRef v) {
  if (!semver::isValid(v))
    return module::quote(v) + " is not a semantic version";
  std::string canon = module::canonicalVersion(v);
  if (canon != v)
    return module::quote(v) + " is not canonical (want " +
           module::quote(canon) + ")";
  if (llvm::Error err =
          module::checkPathMajor(v, module::splitPathVersion(path).pathMajor))
    return llvm::toString(std::move(err));
  return "";
}

std::string checkPathOf(StringRef path) {
  if (llvm::Error err = module::checkPath(path))
    return llvm::toString(std::move(err));
  return "";
}

bool isLocalPath(StringRef s) {
  return s.starts_with("./") || s.starts_with("../") || s.starts_with("/") ||
         s == "." || s == "..";
}

std::string where(StringRef fileName, const toml::source_position &pos) {
  return (fileName + ":" + std::to_string(pos.line) + ":" +
          std::to_string(pos.column))
      .str();
}

} // namespace

llvm::Expected<Manifest> lock::parseManifest(StringRef text,
                                             StringRef fileName) {
  // A bound on what is read at all: no manifest line is a megabyte long.
  constexpr size_t MaxLine = size_t(1) << 20;
  size_t lineNo = 1;
  for (StringRef rest = text; !rest.empty(); ++lineNo) {
    auto [line, tail] = rest.split('\n');
    if (line.size() > MaxLine)
      return llvm::createStringError(
          fileName + ":" + llvm::Twine(lineNo) + ":1: error: line is " +
          llvm::Twine(line.size()) + " bytes long (the limit is " +
          llvm::Twine(MaxLine) + ")");
    rest = tail;
  }
  toml::parse_result parsed =
      toml::parse(std::string_view(text.data(), text.size()),
                  std::string_view(fileName.data(), fileName.size()));
  if (!parsed) {
    const toml::parse_error &err = parsed.error();
    return llvm::createStringError(where(fileName, err.source().begin) +
                                   ": error: invalid TOML: " +
                                   std::string(err.description()));
  }
  const toml::table &root = parsed.table();
  std::vector<Problem> problems;
  auto error = [&](const toml::node &n, const std::string &msg) {
    problems.push_back({n.source().begin, msg});
  };
  Manifest m;

  // The value tables: module path = string.
  auto readTable = [&](const toml::node &node, StringRef name,
                       auto &&each) {
    const toml::table *t = node.as_table();
    if (!t) {
      error(node, name.str() + ": expected a table");
      return;
    }
    for (auto &&[key, value] : *t) {
      std::string path(key.str());
      std::string at = name.str() + "." + module::quote(path);
      const std::string *s = value.as_string() ? &value.as_string()->get()
                                               : nullptr;
      if (!s) {
        error(value, at + ": expected a string");
        continue;
      }
      if (std::string e = checkPathOf(path); !e.empty()) {
        error(value, at + ": " + e);
        continue;
      }
      each(path, *s, value, at);
    }
  };

  for (auto &&[key, node] : root) {
    StringRef k(key.str().data(), key.str().size());
    if (k == "go-dependencies") {
      readTable(node, "go-dependencies",
                [&](const std::string &path, const std::string &v,
                    const toml::node &value, const std::string &at) {
                  if (std::string e = checkVersionOf(path, v); !e.empty())
                    return error(value, at + ": " + e);
                  m.requires_.push_back(
                      {path, v, where(fileName, value.source().begin)});
                });
    } else if (k == "go") {
      const toml::table *go = node.as_table();
      if (!go) {
        error(node, "go: expected a table");
        continue;
      }
      for (auto &&[gk, gnode] : *go) {
        // go.module and go.go describe a package to publish (docs/Publish.md):
        // one mochi.toml serves both directions.
        if (gk.str() == "module" || gk.str() == "go")
          continue;
        if (gk.str() == "profile") {
          const std::string *v =
              gnode.as_string() ? &gnode.as_string()->get() : nullptr;
          if (!v)
            error(gnode, "go.profile: expected a string");
          else if (*v != "cgo" && *v != "embedded")
            error(gnode, "go.profile: " + module::quote(*v) +
                             " is not a profile (want \"cgo\" or "
                             "\"embedded\")");
          else
            m.profile = *v;
          continue;
        }
        if (gk.str() != "replace") {
          error(gnode, "go." + std::string(gk.str()) +
                           ": unknown key (want \"profile\" or "
                           "\"replace\")");
          continue;
        }
        readTable(gnode, "go.replace",
                  [&](const std::string &path, const std::string &v,
                      const toml::node &value, const std::string &at) {
                    ManifestReplace r;
                    r.path = path;
                    r.where = where(fileName, value.source().begin);
                    if (isLocalPath(v)) {
                      r.dir = v;
                    } else {
                      auto [np, nv] = StringRef(v).rsplit('@');
                      if (!StringRef(v).contains('@') || np.empty() ||
                          nv.empty())
                        return error(value,
                                     at + ": " + module::quote(v) +
                                         " is neither module@version nor a "
                                         "local path (./dir, ../dir or "
                                         "/dir)");
                      if (std::string e = checkPathOf(np); !e.empty())
                        return error(value, at + ": " + e);
                      if (std::string e = checkVersionOf(np, nv); !e.empty())
                        return error(value, at + ": " + e);
                      r.newPath = np.str();
                      r.newVersion = nv.str();
                    }
                    m.replaces.push_back(std::move(r));
                  });
      }
    } else if (k == "package" || k == "dependencies") {
      // The publish direction's (docs/Publish.md).
      continue;
    } else {
      error(node, module::quote(k) +
                      ": unknown table (want \"go-dependencies\" or "
                      "\"go.replace\")");
    }
  }
  if (problems.empty()) {
    llvm::sort(m.requires_, [](auto &a, auto &b) { return a.path < b.path; });
    llvm::sort(m.replaces, [](auto &a, auto &b) { return a.path < b.path; });
    return m;
  }
  llvm::stable_sort(problems, [](const Problem &a, const Problem &b) {
    return std::pair(a.pos.line, a.pos.column) <
           std::pair(b.pos.line, b.pos.column);
  });
  std::string msg;
  for (const Problem &p : problems)
    msg += (msg.empty() ? "" : "\n") + where(fileName, p.pos) +
           ": error: " + p.message;
  return llvm::createStringError(msg);
}

llvm::Expected<std::optional<Manifest>> lock::readManifest(StringRef path) {
  if (!llvm::sys::fs::exists(path))
    return std::nullopt;
  auto text = readFile(path);
  if (!text)
    return text.takeError();
  auto m = parseManifest(*text, path);
  if (!m)
    return m.takeError();
  return std::optional<Manifest>(std::move(*m));
}
