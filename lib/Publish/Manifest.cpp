//===- Manifest.cpp - mochi.toml of a package to publish ------------------===//
//
// Part of mochi-go. toml++ header-only without exceptions, as
// lib/Lock/LockFile.cpp (which explains why).
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Publish/Publish.h"

#include "mochi-go/Module/Module.h"
#include "mochi-go/Module/Semver.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include "mochi-go/Support/Toml.h"

#include "GoSource.h"

using namespace mochigo;
using namespace mochigo::publish;
using llvm::StringRef;

std::string Problem::str() const {
  std::string s = file;
  if (line)
    s += ":" + std::to_string(line) + ":" + std::to_string(column);
  return s + ": error: " + message;
}

std::string publish::goExportedName(StringRef mochiName) {
  llvm::SmallVector<StringRef, 4> parts;
  mochiName.split(parts, '_', -1, /*KeepEmpty=*/false);
  std::string out;
  for (StringRef p : parts) {
    for (char c : p)
      if (!llvm::isAlnum(c))
        return "";
    out += llvm::toUpper(p.front());
    out += p.drop_front().str();
  }
  if (out.empty() || !llvm::isAlpha(out.front()))
    return "";
  return out;
}


namespace {
struct Reader {
  StringRef path;
  std::vector<Problem> &problems;
  bool ok = true;

  void error(const toml::source_position &pos, const std::string &msg) {
    problems.push_back(Problem{path.str(), pos.line, pos.column, msg});
    ok = false;
  }
  /// A string key of `table` (required or not).
  bool str(const toml::table &table, StringRef section, StringRef key,
           bool required, std::string &out, toml::source_position &pos) {
    const toml::node *node =
        table.get(std::string_view(key.data(), key.size()));
    if (!node) {
      if (required)
        error(table.source().begin, "missing required key \"" + key.str() +
                                        "\" in [" + section.str() + "]");
      return false;
    }
    pos = node->source().begin;
    if (!node->is_string()) {
      error(pos, "\"" + key.str() + "\" in [" + section.str() +
                     "] must be a string");
      return false;
    }
    out = std::string(*node->value<std::string_view>());
    return true;
  }
};
} // namespace

bool publish::readManifest(StringRef path, Manifest &m,
                           std::vector<Problem> &problems) {
  m.path = path.str();
  auto buf = llvm::MemoryBuffer::getFile(path);
  if (!buf) {
    problems.push_back(
        Problem{path.str(), 0, 0, "cannot read: " + buf.getError().message()});
    return false;
  }
  StringRef text = (*buf)->getBuffer();
  toml::parse_result result =
      toml::parse(std::string_view(text.data(), text.size()),
                  std::string_view(path.data(), path.size()));
  Reader r{path, problems};
  if (!result) {
    r.error(result.error().source().begin,
            "invalid TOML: " + std::string(result.error().description()));
    return false;
  }
  const toml::table &root = result.table();
  for (auto &&[k, v] : root)
    // [go-dependencies] (and go.replace below) are the consume direction's
    // (docs/Driver.md): one mochi.toml serves both.
    if (k.str() != "package" && k.str() != "go" && k.str() != "dependencies" &&
        k.str() != "go-dependencies")
      r.error(k.source().begin,
              "unknown section [" + std::string(k.str()) +
                  "] (mochi.toml for publishing has [package] and [go])");
  const toml::table *pkg = root["package"].as_table();
  const toml::table *go = root["go"].as_table();
  if (!pkg)
    r.error(root.source().begin, "missing section [package]");
  if (!go)
    r.error(root.source().begin,
            "missing section [go] (its `module` key is the Go module path)");
  if (!pkg || !go)
    return false;
  toml::source_position pos, modPos, verPos;
  if (r.str(*pkg, "package", "name", true, m.name, pos)) {
    bool valid = !m.name.empty() && llvm::isLower(m.name[0]) &&
                 llvm::all_of(m.name, [](char c) {
                   return llvm::isLower(c) || llvm::isDigit(c) || c == '_';
                 });
    if (!valid || isGoKeyword(m.name) || m.name == "main")
      r.error(pos, "package name \"" + m.name +
                       "\" is not a Go package name (lower-case ASCII "
                       "letters, digits and `_`, a letter first, not a Go "
                       "keyword, not main)");
  }
  if (r.str(*pkg, "package", "version", true, m.version, verPos)) {
    std::string v =
        StringRef(m.version).starts_with("v") ? m.version : "v" + m.version;
    if (!semver::isValid(v) || semver::canonical(v) != v ||
        semver::build(v) != "")
      r.error(verPos, "version \"" + m.version +
                          "\" is not semver (MAJOR.MINOR.PATCH[-PRERELEASE], "
                          "an optional leading `v`)");
    else
      m.version = v;
  }
  r.str(*pkg, "package", "description", false, m.description, pos);
  r.str(*pkg, "package", "license", false, m.license, pos);
  for (auto &&[k, v] : *pkg) {
    StringRef key(k.str().data(), k.str().size());
    if (key != "name" && key != "version" && key != "description" &&
        key != "license" && key != "authors" && key != "edition")
      r.error(k.source().begin,
              "unknown key \"" + key.str() + "\" in [package]");
  }
  if (r.str(*go, "go", "module", true, m.module, modPos)) {
    if (llvm::Error e = module::checkPath(m.module))
      r.error(modPos, "invalid Go module path \"" + m.module +
                          "\": " + llvm::toString(std::move(e)));
    else if (r.ok)
      if (llvm::Error e = module::check(m.module, m.version))
        r.error(modPos, "module \"" + m.module + "\" cannot be published at " +
                            m.version + ": " + llvm::toString(std::move(e)));
  }
  m.goVersion = "1.22";
  if (r.str(*go, "go", "go", false, m.goVersion, pos)) {
    llvm::SmallVector<StringRef, 3> parts;
    StringRef(m.goVersion).split(parts, '.');
    bool valid = parts.size() >= 2 && parts.size() <= 3 &&
                 llvm::all_of(parts, [](StringRef p) {
                   return !p.empty() && llvm::all_of(p, llvm::isDigit);
                 });
    if (!valid)
      r.error(pos, "go version \"" + m.goVersion +
                       "\" is not a Go release (1.N or 1.N.P)");
  }
  for (auto &&[k, v] : *go) {
    StringRef key(k.str().data(), k.str().size());
    if (key != "module" && key != "go" && key != "replace")
      r.error(k.source().begin, "unknown key \"" + key.str() + "\" in [go]");
  }
  return r.ok;
}
