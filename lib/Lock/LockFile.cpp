//===- LockFile.cpp - mochi.lock: model, printer, parser, drift -----------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Lock/LockFile.h"

#include "TomlText.h"

#include "mochi-go/Module/Module.h"
#include "mochi-go/Module/Semver.h"
#include "mochi-go/Support/Base64.h"
#include "mochi-go/Support/FileUtil.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Errc.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

// toml++ is used header-only and without exceptions. LLVM code is compiled
// with -fno-exceptions, and Debian's libtomlplusplus.so is built with
// exceptions: it exports only the throwing toml::v3::ex::parse, not the
// toml::v3::noex::parse (returning a parse_result) that TOML_EXCEPTIONS=0
// declares. In header-only mode the parser is compiled into this file with
// the project's flags, so no link library is needed. The formatters are not
// used (printLock writes the text itself).
#include "mochi-go/Support/Toml.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <tuple>
#include <unistd.h>

using namespace mochigo;
using namespace mochigo::lock;
using llvm::StringRef;

//===----------------------------------------------------------------------===//
// Names
//===----------------------------------------------------------------------===//

StringRef lock::sourceKindName(SourceKind kind) {
  switch (kind) {
  case SourceKind::ModuleProxy:
    return "module-proxy";
  case SourceKind::Stdlib:
    return "stdlib";
  }
  llvm_unreachable("unknown source kind");
}

std::optional<SourceKind> lock::parseSourceKind(StringRef name) {
  if (name == "module-proxy")
    return SourceKind::ModuleProxy;
  if (name == "stdlib")
    return SourceKind::Stdlib;
  return std::nullopt;
}

static constexpr DriftKind AllDriftKinds[] = {
    DriftKind::Missing, DriftKind::Stale,       DriftKind::Version,
    DriftKind::Alias,   DriftKind::ZipHash,     DriftKind::ModHash,
    DriftKind::Sumdb,   DriftKind::Toolchain,   DriftKind::Profile,
    DriftKind::Target,  DriftKind::ApiSurface,  DriftKind::Outputs,
    DriftKind::Archive, DriftKind::Dependencies};

StringRef lock::driftKindName(DriftKind kind) {
  switch (kind) {
  case DriftKind::Missing:
    return "missing";
  case DriftKind::Stale:
    return "stale";
  case DriftKind::Version:
    return "version";
  case DriftKind::Alias:
    return "alias";
  case DriftKind::ZipHash:
    return "zip-hash";
  case DriftKind::ModHash:
    return "mod-hash";
  case DriftKind::Sumdb:
    return "sumdb";
  case DriftKind::Toolchain:
    return "toolchain";
  case DriftKind::Profile:
    return "profile";
  case DriftKind::Target:
    return "target";
  case DriftKind::ApiSurface:
    return "api-surface";
  case DriftKind::Outputs:
    return "outputs";
  case DriftKind::Archive:
    return "archive";
  case DriftKind::Dependencies:
    return "dependencies";
  }
  llvm_unreachable("unknown drift kind");
}

std::optional<DriftKind> lock::parseDriftKind(StringRef name) {
  for (DriftKind kind : AllDriftKinds)
    if (driftKindName(kind) == name)
      return kind;
  return std::nullopt;
}

StringRef lock::defaultOrigin(DriftKind kind) {
  switch (kind) {
  case DriftKind::Missing:
  case DriftKind::Stale:
  case DriftKind::Version:
  case DriftKind::Alias:
    return "program";
  case DriftKind::ZipHash:
  case DriftKind::ModHash:
  case DriftKind::Sumdb:
  case DriftKind::ApiSurface:
  case DriftKind::Outputs:
    return "cache";
  case DriftKind::Toolchain:
    return "toolchain";
  case DriftKind::Profile:
  case DriftKind::Target:
  case DriftKind::Archive:
  case DriftKind::Dependencies:
    return "build";
  }
  llvm_unreachable("unknown drift kind");
}

static std::string entryName(StringRef module, StringRef package,
                             StringRef version) {
  std::string name =
      module == StdModule ? ("std:" + package).str() : module.str();
  if (!version.empty())
    name += ("@" + version).str();
  return name;
}

std::string lock::entryName(const GoPackage &pkg) {
  return ::entryName(pkg.module, pkg.package, pkg.version);
}

//===----------------------------------------------------------------------===//
// Value formats
//===----------------------------------------------------------------------===//

// Each check returns the reason a value is refused, or "" when it is fine.

static std::string checkH1(StringRef v) {
  StringRef b64 = v;
  if (b64.consume_front("h1:")) {
    std::optional<std::vector<uint8_t>> bytes = base64Decode(b64);
    if (bytes && bytes->size() == 32)
      return "";
  }
  return "malformed h1 hash " + module::quote(v) +
         " (want \"h1:\" and the base64 of 32 bytes)";
}

static std::string checkSha256Hex(StringRef v) {
  if (v.size() == 64 && llvm::all_of(v, [](char c) {
        return llvm::isDigit(c) || (c >= 'a' && c <= 'f');
      }))
    return "";
  return "malformed SHA-256 " + module::quote(v) +
         " (want 64 lowercase hexadecimal digits)";
}

static bool consumeNumber(StringRef &s) {
  size_t n = 0;
  while (n < s.size() && llvm::isDigit(s[n]))
    ++n;
  if (n == 0 || (n > 1 && s[0] == '0'))
    return false;
  s = s.drop_front(n);
  return true;
}

/// A Go release version as `go env GOVERSION` prints it: "go1.23.4",
/// "go1.21.0", "go1.9", "go1.23rc1", "go1.22beta2".
static std::string checkGoVersion(StringRef v) {
  StringRef s = v;
  bool ok = s.consume_front("go") && consumeNumber(s);
  for (int parts = 0; ok && parts < 2 && s.consume_front("."); ++parts)
    ok = consumeNumber(s);
  if (ok && (s.consume_front("rc") || s.consume_front("beta")))
    ok = consumeNumber(s);
  if (ok && s.empty())
    return "";
  return module::quote(v) + " is not a Go release version (like \"go1.23.4\")";
}

static std::string checkModuleVersion(StringRef path, StringRef v,
                                      bool pathValid) {
  if (!semver::isValid(v))
    return module::quote(v) + " is not a semantic version";
  std::string canon = module::canonicalVersion(v);
  if (canon != v)
    return module::quote(v) + " is not canonical (want " +
           module::quote(canon) + ")";
  if (pathValid)
    if (llvm::Error err =
            module::checkPathMajor(v, module::splitPathVersion(path).pathMajor))
      return llvm::toString(std::move(err));
  return "";
}

static bool isLowerAlnum(StringRef s) {
  return !s.empty() && llvm::all_of(s, [](char c) {
    return llvm::isDigit(c) || (c >= 'a' && c <= 'z');
  });
}

static std::string checkTarget(StringRef v) {
  auto [goos, goarch] = v.split('/');
  if (isLowerAlnum(goos) && isLowerAlnum(goarch))
    return "";
  return module::quote(v) + " is not GOOS/GOARCH (like \"linux/amd64\")";
}

static std::string checkAlias(StringRef v) {
  if (!v.empty() && !llvm::isDigit(v[0]) &&
      llvm::all_of(v, [](char c) { return llvm::isAlnum(c) || c == '_'; }))
    return "";
  return module::quote(v) + " is not an identifier";
}

static bool isUTF8(StringRef s) {
  const auto *p = reinterpret_cast<const llvm::UTF8 *>(s.data());
  return llvm::isLegalUTF8String(&p, p + s.size());
}

/// Free-form text: non-empty, valid UTF-8.
static std::string checkText(StringRef v) {
  if (v.empty())
    return "must not be empty";
  if (!isUTF8(v))
    return module::quote(v) + " is not valid UTF-8";
  return "";
}

static std::string checkFileName(StringRef v) {
  if (v.empty() || v == "." || v == ".." || v.contains('/') || v.contains('\0'))
    return module::quote(v) + " is not a file name";
  if (!isUTF8(v))
    return module::quote(v) + " is not valid UTF-8";
  return "";
}

//===----------------------------------------------------------------------===//
// Entry rules, shared by parseLock (with positions) and validateLock
//===----------------------------------------------------------------------===//

namespace {

/// What the checker knows of a key of an entry: not there, there but of the
/// wrong type (already reported), or there with a value in the struct.
enum class KeyState { Absent, Bad, Ok };

/// The keys of an entry in the order the printer writes them.
const char *const EntryKeys[] = {
    "module",       "package", "version", "alias",
    "source",       "zip-h1",  "mod-h1",  "sumdb-verified",
    "go-toolchain", "profile", "target",  "api-surface-sha256",
    "outputs-h1"};

using StateFn = llvm::function_ref<KeyState(StringRef key)>;
/// Report a problem with `key` ("" is the entry itself, "source" the source
/// table, "source.kind" its kind, ...).
using ReportFn = llvm::function_ref<void(StringRef key, const std::string &)>;

/// Whether `key` is required in an entry: isStd is std::nullopt when the
/// module is not known.
bool isRequired(StringRef key, std::optional<bool> isStd) {
  if (key == "package")
    return isStd == true;
  if (key == "zip-h1" || key == "mod-h1" || key == "sumdb-verified")
    return isStd == false;
  // A lock written before the embedded profile may lack it: "cgo".
  if (key == "profile")
    return false;
  return true;
}

void checkEntry(const GoPackage &p, StateFn state, ReportFn report) {
  auto ok = [&](StringRef key) { return state(key) == KeyState::Ok; };
  auto checkValue = [&](StringRef key, const std::string &why) {
    if (!why.empty())
      report(key, why);
  };

  std::optional<bool> isStd;
  if (ok("module"))
    isStd = p.isStd();

  // Required and forbidden keys.
  for (const char *key : EntryKeys)
    if (isRequired(key, isStd) && state(key) == KeyState::Absent)
      report("", "missing required key \"" + std::string(key) + "\"");
  if (ok("source")) {
    if (state("source.kind") == KeyState::Absent)
      report("source", "missing required key \"kind\"");
    else if (ok("source.kind") && p.source.kind == SourceKind::ModuleProxy &&
             state("source.proxy") == KeyState::Absent)
      report("source", "missing required key \"proxy\"");
    if (ok("source.kind") && p.source.kind == SourceKind::Stdlib &&
        ok("source.proxy"))
      report("source.proxy", "a \"stdlib\" source has no proxy");
  }
  if (isStd == false && ok("package"))
    report("package",
           "only a standard-library entry (module = \"std\") has a package");
  if (isStd == true)
    for (const char *key : {"zip-h1", "mod-h1", "sumdb-verified"})
      if (ok(key))
        report(key, "a standard-library entry has no " + std::string(key));

  // Values.
  bool pathValid = false;
  if (isStd == false) {
    llvm::Error err = module::checkPath(p.module);
    pathValid = !err;
    if (err)
      report("module", llvm::toString(std::move(err)));
  }
  if (isStd == true && ok("package"))
    if (llvm::Error err = module::checkImportPath(p.package))
      report("package", llvm::toString(std::move(err)));
  if (isStd && ok("version")) {
    if (*isStd) {
      std::string why = checkGoVersion(p.version);
      if (why.empty() && ok("go-toolchain") && p.version != p.goToolchain &&
          checkGoVersion(p.goToolchain).empty())
        why = "a standard-library entry has the version of its toolchain, " +
              module::quote(p.goToolchain);
      checkValue("version", why);
    } else {
      checkValue("version", checkModuleVersion(p.module, p.version, pathValid));
    }
  }
  if (ok("alias"))
    checkValue("alias", checkAlias(p.alias));
  if (isStd && ok("source.kind")) {
    if (*isStd && p.source.kind != SourceKind::Stdlib)
      report("source.kind",
             "a standard-library entry has source kind \"stdlib\"");
    if (!*isStd && p.source.kind != SourceKind::ModuleProxy)
      report("source.kind", "a module entry has source kind \"module-proxy\"");
  }
  if (ok("source.proxy") && p.source.kind == SourceKind::ModuleProxy)
    checkValue("source.proxy", checkText(p.source.proxy));
  if (isStd == false) {
    if (ok("zip-h1"))
      checkValue("zip-h1", checkH1(p.zipH1));
    if (ok("mod-h1"))
      checkValue("mod-h1", checkH1(p.modH1));
  }
  if (ok("go-toolchain"))
    checkValue("go-toolchain", checkGoVersion(p.goToolchain));
  if (ok("profile"))
    checkValue("profile", checkText(p.profile));
  if (ok("target"))
    checkValue("target", checkTarget(p.target));
  if (ok("api-surface-sha256"))
    checkValue("api-surface-sha256", checkSha256Hex(p.apiSurfaceSha256));
  if (ok("outputs-h1"))
    checkValue("outputs-h1", checkH1(p.outputsH1));
}

/// A dependency line split: module path, version (with any "/go.mod"
/// suffix) and hash; std::nullopt unless it has exactly three fields
/// separated by single spaces.
struct DependencyLine {
  StringRef path, version, hash;
};
std::optional<DependencyLine> splitDependency(StringRef line) {
  llvm::SmallVector<StringRef, 4> f;
  line.split(f, ' ');
  if (f.size() != 3 || llvm::any_of(f, [](StringRef x) { return x.empty(); }))
    return std::nullopt;
  return DependencyLine{f[0], f[1], f[2]};
}

/// Why a dependency line is refused, or "".
std::string checkDependency(StringRef line) {
  std::optional<DependencyLine> d = splitDependency(line);
  if (!d)
    return "malformed dependency " + module::quote(line) +
           " (want a go.sum line: \"PATH VERSION h1:HASH\" or \"PATH "
           "VERSION/go.mod h1:HASH\")";
  StringRef version = d->version;
  version.consume_back("/go.mod");
  if (llvm::Error e = module::check(d->path, version))
    return "dependency " + module::quote(line) + ": " +
           llvm::toString(std::move(e));
  if (module::canonicalVersion(version) != version)
    return "dependency " + module::quote(line) + ": version " +
           module::quote(version) + " is not canonical (want " +
           module::quote(module::canonicalVersion(version)) + ")";
  std::string why = checkH1(d->hash);
  return why.empty() ? "" : "dependency " + module::quote(line) + ": " + why;
}

/// "path version" of a dependency line: what identifies it (a module's zip
/// and its go.mod are two lines).
StringRef dependencyIdentity(StringRef line) {
  return line.substr(0, line.rfind(' '));
}

/// The lines in go.sum order (module.Sort), each once.
std::vector<std::string> sortDependencies(llvm::ArrayRef<std::string> lines) {
  std::vector<module::Version> order;
  std::map<std::pair<std::string, std::string>, std::string> byVersion;
  for (const std::string &line : lines) {
    std::optional<DependencyLine> d = splitDependency(line);
    if (!d)
      continue;
    auto key = std::make_pair(d->path.str(), d->version.str());
    if (byVersion.emplace(key, line).second)
      order.push_back({key.first, key.second});
  }
  module::sortVersions(order);
  std::vector<std::string> out;
  for (const module::Version &v : order)
    out.push_back(byVersion[{v.path, v.version}]);
  return out;
}

void checkArchive(const Archive &a, StateFn state, ReportFn report) {
  for (const char *key : {"name", "sha256"})
    if (state(key) == KeyState::Absent)
      report("", "missing required key \"" + std::string(key) + "\"");
  if (state("name") == KeyState::Ok) {
    std::string why = checkFileName(a.name);
    if (!why.empty())
      report("name", why);
  }
  if (state("sha256") == KeyState::Ok) {
    std::string why = checkSha256Hex(a.sha256);
    if (!why.empty())
      report("sha256", why);
  }
  if (state("dependencies") == KeyState::Ok && a.dependencies) {
    std::set<std::string> seen;
    for (size_t i = 0; i < a.dependencies->size(); ++i) {
      const std::string &line = (*a.dependencies)[i];
      std::string key = "dependencies[" + std::to_string(i) + "]";
      std::string why = checkDependency(line);
      if (!why.empty()) {
        report(key, why);
        continue;
      }
      // The file order may hold other values between the two; the message
      // names the module, the position says which line.
      if (!seen.insert(dependencyIdentity(line).str()).second)
        report(key,
               "a second hash for " + module::quote(dependencyIdentity(line)));
    }
  }
}

std::string checkLockVersion(int64_t v) {
  if (v == CurrentLockVersion)
    return "";
  return "unsupported lock-version " + std::to_string(v) +
         " (this mochi-go reads " + std::to_string(CurrentLockVersion) + ")";
}

std::string joinPath(StringRef base, StringRef key) {
  if (key.empty())
    return base.str();
  if (base.empty())
    return key.str();
  return (base + "." + key).str();
}

llvm::Error makeError(const std::string &msg) {
  return llvm::createStringError(llvm::errc::invalid_argument, "%s",
                                 msg.c_str());
}

} // namespace

//===----------------------------------------------------------------------===//
// Printing
//===----------------------------------------------------------------------===//

/// A TOML basic string.
static void writeString(std::string &out, StringRef s) {
  static const char Hex[] = "0123456789ABCDEF";
  out += '"';
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c >= 0x80) {
      const auto *p = reinterpret_cast<const llvm::UTF8 *>(s.data() + i);
      const auto *end = reinterpret_cast<const llvm::UTF8 *>(s.end());
      unsigned n = llvm::getNumBytesForUTF8(c);
      // Non-ASCII is written as a \u or \U escape: the lock is ASCII
      // (TomlText.h says why a reader wants that).
      llvm::UTF32 cp = 0xFFFD; // invalid UTF-8 becomes U+FFFD
      if (n <= static_cast<size_t>(end - p) &&
          llvm::isLegalUTF8Sequence(p, p + n)) {
        const llvm::UTF8 *from = p;
        llvm::UTF32 *to = &cp;
        llvm::ConvertUTF8toUTF32(&from, p + n, &to, &cp + 1,
                                 llvm::strictConversion);
        i += n;
      } else {
        ++i;
      }
      char buf[16];
      snprintf(buf, sizeof buf, cp > 0xFFFF ? "\\U%08X" : "\\u%04X",
               static_cast<unsigned>(cp));
      out += buf;
      continue;
    }
    ++i;
    switch (c) {
    case '"':
      out += "\\\"";
      continue;
    case '\\':
      out += "\\\\";
      continue;
    case '\b':
      out += "\\b";
      continue;
    case '\t':
      out += "\\t";
      continue;
    case '\n':
      out += "\\n";
      continue;
    case '\f':
      out += "\\f";
      continue;
    case '\r':
      out += "\\r";
      continue;
    default:
      break;
    }
    if (c < 0x20 || c == 0x7f) {
      out += "\\u00";
      out += Hex[c >> 4];
      out += Hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

static void writeKey(std::string &out, StringRef key, StringRef value) {
  out += key;
  out += " = ";
  writeString(out, value);
  out += '\n';
}

static auto sortKey(const GoPackage &p) {
  return std::tie(p.module, p.package, p.version, p.alias);
}

void lock::sortPackages(LockFile &lock) {
  std::stable_sort(lock.packages.begin(), lock.packages.end(),
                   [](const GoPackage &a, const GoPackage &b) {
                     return sortKey(a) < sortKey(b);
                   });
}

std::string lock::printLock(const LockFile &lock) {
  std::vector<const GoPackage *> order;
  for (const GoPackage &p : lock.packages)
    order.push_back(&p);
  std::stable_sort(order.begin(), order.end(),
                   [](const GoPackage *a, const GoPackage *b) {
                     return sortKey(*a) < sortKey(*b);
                   });

  std::string out = "# mochi.lock: written by `mochi-go sync`; do not edit by "
                    "hand.\n"
                    "# Each [[go-package]] pins one Go import of the "
                    "program.\n";
  out += "lock-version = " + std::to_string(lock.lockVersion) + "\n";
  for (const GoPackage *p : order) {
    bool isStd = p->isStd();
    out += "\n[[go-package]]\n";
    writeKey(out, "module", p->module);
    if (isStd)
      writeKey(out, "package", p->package);
    writeKey(out, "version", p->version);
    writeKey(out, "alias", p->alias);
    out += "source = { kind = ";
    writeString(out, sourceKindName(p->source.kind));
    if (p->source.kind == SourceKind::ModuleProxy) {
      out += ", proxy = ";
      writeString(out, p->source.proxy);
    }
    out += " }\n";
    if (!isStd) {
      writeKey(out, "zip-h1", p->zipH1);
      writeKey(out, "mod-h1", p->modH1);
      out += "sumdb-verified = ";
      out += p->sumdbVerified.value_or(false) ? "true\n" : "false\n";
    }
    writeKey(out, "go-toolchain", p->goToolchain);
    writeKey(out, "profile", p->profile);
    writeKey(out, "target", p->target);
    writeKey(out, "api-surface-sha256", p->apiSurfaceSha256);
    writeKey(out, "outputs-h1", p->outputsH1);
  }
  std::vector<const GoModule *> mods;
  for (const GoModule &m : lock.modules)
    mods.push_back(&m);
  std::stable_sort(mods.begin(), mods.end(),
                   [](const GoModule *a, const GoModule *b) {
                     return std::tie(a->module, a->version) <
                            std::tie(b->module, b->version);
                   });
  for (const GoModule *m : mods) {
    out += "\n[[go-module]]\n";
    writeKey(out, "module", m->module);
    writeKey(out, "version", m->version);
    out += "source = { kind = ";
    writeString(out, m->kind);
    if (m->kind == "replaced") {
      out += ", replacement = ";
      writeString(out, m->replacement);
    } else if (m->kind == "path") {
      out += ", path = ";
      writeString(out, m->path);
    }
    out += " }\n";
  }
  if (lock.archive) {
    out += "\n[archive]\n";
    writeKey(out, "name", lock.archive->name);
    writeKey(out, "sha256", lock.archive->sha256);
    if (lock.archive->dependencies && !lock.archive->dependencies->empty()) {
      out += "dependencies = [\n";
      for (const std::string &line :
           sortDependencies(*lock.archive->dependencies)) {
        out += "  ";
        writeString(out, line);
        out += ",\n";
      }
      out += "]\n";
    }
  }
  return out;
}

//===----------------------------------------------------------------------===//
// Validation of an in-memory lock
//===----------------------------------------------------------------------===//

/// The state of a key of an in-memory entry: a value is there when it is not
/// empty. sumdb-verified is always there for a module (unset is written as
/// false); the source table and its kind are always there.
static KeyState memoryState(const GoPackage &p, StringRef key) {
  auto there = [](bool b) { return b ? KeyState::Ok : KeyState::Absent; };
  if (key == "source" || key == "source.kind")
    return KeyState::Ok;
  if (key == "sumdb-verified")
    return there(!p.isStd() || p.sumdbVerified.has_value());
  const std::string *field =
      llvm::StringSwitch<const std::string *>(key)
          .Case("module", &p.module)
          .Case("package", &p.package)
          .Case("version", &p.version)
          .Case("alias", &p.alias)
          .Case("source.proxy", &p.source.proxy)
          .Case("zip-h1", &p.zipH1)
          .Case("mod-h1", &p.modH1)
          .Case("go-toolchain", &p.goToolchain)
          .Case("profile", &p.profile)
          .Case("target", &p.target)
          .Case("api-surface-sha256", &p.apiSurfaceSha256)
          .Case("outputs-h1", &p.outputsH1)
          .Default(nullptr);
  assert(field && "unknown entry key");
  return there(!field->empty());
}

llvm::Error lock::validateLock(const LockFile &lock) {
  std::vector<std::string> problems;
  std::string why = checkLockVersion(lock.lockVersion);
  if (!why.empty())
    problems.push_back("lock-version: " + why);
  std::map<std::pair<std::string, std::string>, size_t> seen;
  for (size_t i = 0; i < lock.packages.size(); ++i) {
    const GoPackage &p = lock.packages[i];
    std::string base = "go-package[" + std::to_string(i) + "]";
    checkEntry(
        p, [&](StringRef key) { return memoryState(p, key); },
        [&](StringRef key, const std::string &msg) {
          problems.push_back(joinPath(base, key) + ": " + msg);
        });
    if (p.module.empty())
      continue;
    auto [it, fresh] =
        seen.try_emplace({p.module, p.isStd() ? p.package : ""}, i);
    if (!fresh)
      problems.push_back(base + ": duplicate entry for " +
                         ::entryName(p.module, p.package, "") +
                         " (also go-package[" + std::to_string(it->second) +
                         "])");
  }
  if (lock.archive) {
    const Archive &a = *lock.archive;
    checkArchive(
        a,
        [&](StringRef key) {
          if (key == "dependencies")
            return a.dependencies ? KeyState::Ok : KeyState::Absent;
          const std::string &v = key == "name" ? a.name : a.sha256;
          return v.empty() ? KeyState::Absent : KeyState::Ok;
        },
        [&](StringRef key, const std::string &msg) {
          problems.push_back(joinPath("archive", key) + ": " + msg);
        });
  }
  if (problems.empty())
    return llvm::Error::success();
  return makeError(llvm::join(problems, "\n"));
}

//===----------------------------------------------------------------------===//
// Parsing
//===----------------------------------------------------------------------===//

namespace {

StringRef typeName(toml::node_type type) {
  switch (type) {
  case toml::node_type::none:
    return "nothing";
  case toml::node_type::table:
    return "a table";
  case toml::node_type::array:
    return "an array";
  case toml::node_type::string:
    return "a string";
  case toml::node_type::integer:
    return "an integer";
  case toml::node_type::floating_point:
    return "a float";
  case toml::node_type::boolean:
    return "a boolean";
  case toml::node_type::date:
    return "a date";
  case toml::node_type::time:
    return "a time";
  case toml::node_type::date_time:
    return "a date-time";
  }
  return "a value";
}

/// A problem at a position of the file.
struct Problem {
  toml::source_position pos;
  std::string message;
};

/// Collects the problems of one file and reads typed values out of tables,
/// remembering the state and position of every key of the current table.
class Parser {
public:
  explicit Parser(StringRef fileName) : fileName(fileName) {}

  void error(const toml::source_position &pos, StringRef path,
             const std::string &msg) {
    problems.push_back({pos, path.empty() ? msg : (path + ": " + msg).str()});
  }

  /// The state and position of the keys of the table being read.
  struct Keys {
    std::map<std::string, std::pair<KeyState, toml::source_position>> keys;
    KeyState state(StringRef key) const {
      auto it = keys.find(key.str());
      return it == keys.end() ? KeyState::Absent : it->second.first;
    }
  };

  /// Look `name` up in `table` and check its type; `path` names the table,
  /// `key` is the name recorded in `keys` ("source.kind").
  template <typename T>
  const toml::node *get(const toml::table &table, StringRef name,
                        StringRef path, StringRef key, Keys &keys,
                        StringRef want) {
    const toml::node *node = table.get(std::string_view(name));
    if (!node)
      return nullptr;
    toml::source_position pos = node->source().begin;
    if (!node->is<T>()) {
      error(pos, joinPath(path, key),
            ("expected " + want + ", found " + typeName(node->type())).str());
      keys.keys[key.str()] = {KeyState::Bad, pos};
      return nullptr;
    }
    keys.keys[key.str()] = {KeyState::Ok, pos};
    return node;
  }

  void getString(const toml::table &table, StringRef name, StringRef path,
                 StringRef key, Keys &keys, std::string &out) {
    if (const toml::node *node =
            get<std::string>(table, name, path, key, keys, "a string"))
      out = *node->value<std::string>();
  }

  GoPackage readEntry(const toml::table &table, StringRef path) {
    GoPackage p;
    Keys keys;
    getString(table, "module", path, "module", keys, p.module);
    getString(table, "package", path, "package", keys, p.package);
    getString(table, "version", path, "version", keys, p.version);
    getString(table, "alias", path, "alias", keys, p.alias);
    if (const toml::node *node = get<toml::table>(table, "source", path,
                                                  "source", keys, "a table")) {
      const toml::table &source = *node->as_table();
      std::string kind;
      getString(source, "kind", path, "source.kind", keys, kind);
      if (keys.state("source.kind") == KeyState::Ok) {
        if (std::optional<SourceKind> k = parseSourceKind(kind)) {
          p.source.kind = *k;
        } else {
          error(keys.keys["source.kind"].second, joinPath(path, "source.kind"),
                "unknown source kind " + module::quote(kind) +
                    " (want \"module-proxy\" or \"stdlib\")");
          keys.keys["source.kind"].first = KeyState::Bad;
        }
      }
      getString(source, "proxy", path, "source.proxy", keys, p.source.proxy);
    }
    getString(table, "zip-h1", path, "zip-h1", keys, p.zipH1);
    getString(table, "mod-h1", path, "mod-h1", keys, p.modH1);
    if (const toml::node *node = get<bool>(table, "sumdb-verified", path,
                                           "sumdb-verified", keys, "a boolean"))
      p.sumdbVerified = *node->value<bool>();
    getString(table, "go-toolchain", path, "go-toolchain", keys, p.goToolchain);
    getString(table, "profile", path, "profile", keys, p.profile);
    if (keys.state("profile") == KeyState::Absent)
      p.profile = "cgo";
    getString(table, "target", path, "target", keys, p.target);
    getString(table, "api-surface-sha256", path, "api-surface-sha256", keys,
              p.apiSurfaceSha256);
    getString(table, "outputs-h1", path, "outputs-h1", keys, p.outputsH1);

    toml::source_position entryPos = table.source().begin;
    checkEntry(
        p, [&](StringRef key) { return keys.state(key); },
        [&](StringRef key, const std::string &msg) {
          error(key.empty() ? entryPos : keys.keys[key.str()].second,
                joinPath(path, key), msg);
        });
    return p;
  }

  Archive readArchive(const toml::table &table) {
    Archive a;
    Keys keys;
    getString(table, "name", "archive", "name", keys, a.name);
    getString(table, "sha256", "archive", "sha256", keys, a.sha256);
    a.dependencies.emplace();
    // Where each string of the array stands (its position and index in the
    // file; an element that is not a string is reported and left out).
    std::vector<std::pair<toml::source_position, size_t>> depAt;
    if (const toml::node *node =
            get<toml::array>(table, "dependencies", "archive", "dependencies",
                             keys, "an array of strings")) {
      const toml::array &array = *node->as_array();
      for (size_t i = 0; i < array.size(); ++i) {
        const toml::node &elem = *array.get(i);
        if (!elem.is_string()) {
          error(elem.source().begin,
                "archive.dependencies[" + std::to_string(i) + "]",
                ("expected a string, found " + typeName(elem.type())).str());
          continue;
        }
        a.dependencies->push_back(*elem.value<std::string>());
        depAt.push_back({elem.source().begin, i});
      }
    }
    toml::source_position pos = table.source().begin;
    checkArchive(
        a, [&](StringRef key) { return keys.state(key); },
        [&](StringRef key, const std::string &msg) {
          toml::source_position at = pos;
          std::string path = joinPath("archive", key);
          StringRef index = key;
          size_t i;
          if (index.consume_front("dependencies[") && index.consume_back("]") &&
              !index.getAsInteger(10, i) && i < depAt.size()) {
            at = depAt[i].first;
            path =
                "archive.dependencies[" + std::to_string(depAt[i].second) + "]";
          } else if (!key.empty()) {
            at = keys.keys[key.str()].second;
          }
          error(at, path, msg);
        });
    return a;
  }

  LockFile read(const toml::table &root) {
    LockFile lock;
    Keys keys;
    if (const toml::node *node = get<int64_t>(
            root, "lock-version", "", "lock-version", keys, "an integer")) {
      int64_t v = *node->value<int64_t>();
      std::string why = checkLockVersion(v);
      if (!why.empty())
        error(node->source().begin, "lock-version", why);
      else
        lock.lockVersion = static_cast<int>(v);
    } else if (keys.state("lock-version") == KeyState::Absent) {
      error(root.source().begin, "", "missing required key \"lock-version\"");
    }

    if (const toml::node *node = root.get("go-package")) {
      const toml::array *array = node->as_array();
      if (!array) {
        error(node->source().begin, "go-package",
              ("expected an array of tables, found " + typeName(node->type()))
                  .str());
      } else {
        std::map<std::pair<std::string, std::string>, unsigned> seen;
        for (size_t i = 0; i < array->size(); ++i) {
          const toml::node &elem = *array->get(i);
          std::string path = "go-package[" + std::to_string(i) + "]";
          const toml::table *table = elem.as_table();
          if (!table) {
            error(elem.source().begin, path,
                  ("expected a table, found " + typeName(elem.type())).str());
            continue;
          }
          GoPackage p = readEntry(*table, path);
          const toml::node *module = table->get("module");
          if (module && module->is_string() && !p.module.empty()) {
            auto [it, fresh] =
                seen.try_emplace({p.module, p.isStd() ? p.package : ""},
                                 table->source().begin.line);
            if (!fresh)
              error(table->source().begin, path,
                    "duplicate entry for " +
                        ::entryName(p.module, p.package, "") +
                        " (also at line " + std::to_string(it->second) + ")");
          }
          lock.packages.push_back(std::move(p));
        }
      }
    }

    if (const toml::node *node = root.get("go-module")) {
      const toml::array *array = node->as_array();
      if (!array || !array->is_array_of_tables()) {
        error(node->source().begin, "go-module",
              ("expected an array of tables, found " + typeName(node->type()))
                  .str());
      } else {
        for (size_t i = 0; i < array->size(); ++i) {
          const toml::table &table = *array->get(i)->as_table();
          std::string path = "go-module[" + std::to_string(i) + "]";
          GoModule m;
          Keys keys;
          getString(table, "module", path, "module", keys, m.module);
          getString(table, "version", path, "version", keys, m.version);
          if (const toml::node *src = get<toml::table>(
                  table, "source", path, "source", keys, "a table")) {
            const toml::table &source = *src->as_table();
            getString(source, "kind", path, "source.kind", keys, m.kind);
            getString(source, "replacement", path, "source.replacement",
                      keys, m.replacement);
            getString(source, "path", path, "source.path", keys, m.path);
          }
          for (StringRef key : {"module", "version", "source"})
            if (keys.state(key) == KeyState::Absent)
              error(table.source().begin, path,
                    "missing required key \"" + key.str() + "\"");
          std::string msg;
          if (keys.state("module") == KeyState::Ok)
            if (llvm::Error e = module::checkPath(m.module))
              msg = llvm::toString(std::move(e));
          if (msg.empty() && keys.state("version") == KeyState::Ok)
            msg = checkModuleVersion(m.module, m.version, true);
          if (msg.empty() && m.kind != "module-proxy" &&
              m.kind != "replaced" && m.kind != "path")
            msg = "unknown source kind " + module::quote(m.kind) +
                  " (want \"module-proxy\", \"replaced\" or \"path\")";
          if (msg.empty() && m.kind == "replaced" &&
              !StringRef(m.replacement).contains('@'))
            msg = "a \"replaced\" source has a replacement MODULE@VERSION";
          if (msg.empty() && m.kind == "path" && m.path.empty())
            msg = "a \"path\" source has a path";
          if (!msg.empty())
            error(table.source().begin, path, msg);
          lock.modules.push_back(std::move(m));
        }
      }
    }

    if (const toml::node *node = root.get("archive")) {
      if (const toml::table *table = node->as_table())
        lock.archive = readArchive(*table);
      else
        error(node->source().begin, "archive",
              ("expected a table, found " + typeName(node->type())).str());
    }
    return lock;
  }

  /// All problems as one error, sorted by position; success if none.
  llvm::Error finish() {
    if (problems.empty())
      return llvm::Error::success();
    std::stable_sort(problems.begin(), problems.end(),
                     [](const Problem &a, const Problem &b) {
                       return std::tie(a.pos.line, a.pos.column) <
                              std::tie(b.pos.line, b.pos.column);
                     });
    std::vector<std::string> lines;
    for (const Problem &p : problems)
      lines.push_back((fileName + ":" + llvm::Twine(p.pos.line) + ":" +
                       llvm::Twine(p.pos.column) + ": error: " + p.message)
                          .str());
    return makeError(llvm::join(lines, "\n"));
  }

private:
  std::string fileName;
  std::vector<Problem> problems;
};

} // namespace

llvm::Expected<LockFile> lock::parseLock(StringRef text, StringRef fileName) {
  Parser parser(fileName);
  if (std::optional<TomlTextProblem> p = checkTomlText(text)) {
    // Not handed to toml++ at all.
    parser.error(toml::source_position{p->line, p->column}, "",
                 "invalid TOML: " + p->message);
    return parser.finish();
  }
  toml::parse_result result =
      toml::parse(std::string_view(text.data(), text.size()),
                  std::string_view(fileName.data(), fileName.size()));
  if (!result) {
    const toml::parse_error &err = result.error();
    parser.error(err.source().begin, "",
                 "invalid TOML: " + std::string(err.description()));
    return parser.finish();
  }
  LockFile lock = parser.read(result.table());
  if (llvm::Error err = parser.finish())
    return std::move(err);
  return lock;
}

//===----------------------------------------------------------------------===//
// Files
//===----------------------------------------------------------------------===//

llvm::Expected<std::optional<LockFile>> lock::readLock(StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buf =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buf) {
    std::error_code ec = buf.getError();
    if (ec == std::errc::no_such_file_or_directory)
      return std::nullopt;
    return llvm::createStringError(ec, "reading %s: %s", path.str().c_str(),
                                   ec.message().c_str());
  }
  llvm::Expected<LockFile> lock = parseLock((*buf)->getBuffer(), path);
  if (!lock)
    return lock.takeError();
  return std::optional<LockFile>(std::move(*lock));
}

/// fsync the directory holding `path`, so that the rename that put `path`
/// in place survives a crash.
static llvm::Error syncParentDirectory(StringRef path) {
  StringRef dir = llvm::sys::path::parent_path(path);
  std::string dirName = dir.empty() ? "." : dir.str();
  int fd = ::open(dirName.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    std::error_code ec(errno, std::generic_category());
    if (fd >= 0)
      ::close(fd);
    return llvm::createStringError(ec, "syncing directory %s: %s",
                                   dirName.c_str(), ec.message().c_str());
  }
  ::close(fd);
  return llvm::Error::success();
}

llvm::Error lock::writeLock(StringRef path, const LockFile &lock) {
  if (llvm::Error err = validateLock(lock))
    return llvm::createStringError(
        llvm::errc::invalid_argument, "not writing an invalid lock to %s:\n%s",
        path.str().c_str(), llvm::toString(std::move(err)).c_str());
  // writeFileAtomic writes a temporary sibling, fsyncs it and renames it
  // over `path`; it does not sync the directory, which makes the rename
  // durable.
  if (llvm::Error err = writeFileAtomic(path, printLock(lock), 0644))
    return err;
  return syncParentDirectory(path);
}

//===----------------------------------------------------------------------===//
// Drift
//===----------------------------------------------------------------------===//

static std::string originOf(const GoPackage &observed, DriftKind kind) {
  auto it = observed.origins.find(kind);
  if (it != observed.origins.end() && !it->second.empty())
    return it->second;
  return defaultOrigin(kind).str();
}

static Drift makeDrift(DriftKind kind, const GoPackage &subject) {
  Drift d;
  d.kind = kind;
  d.module = subject.module;
  d.package = subject.isStd() ? subject.package : "";
  d.version = subject.version;
  return d;
}

/// The drifts of a locked entry against the observed entry of the same
/// (module, package), in DriftKind order.
static void compareEntry(const GoPackage &l, const GoPackage &o,
                         std::vector<Drift> &out) {
  auto check = [&](DriftKind kind, const std::string &lv,
                   const std::string &ov) {
    if (ov.empty() || ov == lv)
      return;
    Drift d = makeDrift(kind, l);
    d.locked = lv;
    d.observed = ov;
    d.origin = originOf(o, kind);
    out.push_back(std::move(d));
  };
  check(DriftKind::Version, l.version, o.version);
  check(DriftKind::Alias, l.alias, o.alias);
  if (!l.isStd()) {
    check(DriftKind::ZipHash, l.zipH1, o.zipH1);
    check(DriftKind::ModHash, l.modH1, o.modH1);
    if (o.sumdbVerified) {
      auto show = [](bool b) { return std::string(b ? "true" : "false"); };
      check(DriftKind::Sumdb, show(l.sumdbVerified.value_or(false)),
            show(*o.sumdbVerified));
    }
  }
  check(DriftKind::Toolchain, l.goToolchain, o.goToolchain);
  check(DriftKind::Profile, l.profile, o.profile);
  check(DriftKind::Target, l.target, o.target);
  check(DriftKind::ApiSurface, l.apiSurfaceSha256, o.apiSurfaceSha256);
  check(DriftKind::Outputs, l.outputsH1, o.outputsH1);
}

std::vector<Drift> lock::compare(const LockFile &locked,
                                 const LockFile &observed) {
  auto sorted = [](const LockFile &lock) {
    std::vector<const GoPackage *> v;
    for (const GoPackage &p : lock.packages)
      v.push_back(&p);
    std::stable_sort(v.begin(), v.end(),
                     [](const GoPackage *a, const GoPackage *b) {
                       return sortKey(*a) < sortKey(*b);
                     });
    return v;
  };
  std::vector<const GoPackage *> ls = sorted(locked), os = sorted(observed);
  auto identity = [](const GoPackage *p) {
    return std::make_pair(StringRef(p->module),
                          p->isStd() ? StringRef(p->package) : StringRef());
  };

  // Each drift with the sort key of the entry it is about.
  std::vector<std::pair<const GoPackage *, Drift>> drifts;
  auto add = [&](const GoPackage *subject, Drift d) {
    drifts.emplace_back(subject, std::move(d));
  };
  size_t i = 0, j = 0;
  while (i < ls.size() || j < os.size()) {
    // The next identity in order; pair the entries of that identity in
    // order, the surplus on either side is stale or missing.
    auto id = i == ls.size()   ? identity(os[j])
              : j == os.size() ? identity(ls[i])
                               : std::min(identity(ls[i]), identity(os[j]));
    size_t li = i, oj = j;
    while (li < ls.size() && identity(ls[li]) == id)
      ++li;
    while (oj < os.size() && identity(os[oj]) == id)
      ++oj;
    for (; i < li && j < oj; ++i, ++j) {
      std::vector<Drift> entry;
      compareEntry(*ls[i], *os[j], entry);
      for (Drift &d : entry)
        add(ls[i], std::move(d));
    }
    for (; i < li; ++i) {
      Drift d = makeDrift(DriftKind::Stale, *ls[i]);
      d.origin = defaultOrigin(DriftKind::Stale).str();
      add(ls[i], std::move(d));
    }
    for (; j < oj; ++j) {
      Drift d = makeDrift(DriftKind::Missing, *os[j]);
      d.origin = originOf(*os[j], DriftKind::Missing);
      add(os[j], std::move(d));
    }
  }
  std::stable_sort(drifts.begin(), drifts.end(),
                   [](const auto &a, const auto &b) {
                     return std::make_tuple(sortKey(*a.first), a.second.kind) <
                            std::make_tuple(sortKey(*b.first), b.second.kind);
                   });
  std::vector<Drift> out;
  for (auto &entry : drifts)
    out.push_back(std::move(entry.second));

  // The archive: compared when the driver observed one.
  if (observed.archive) {
    const Archive &oa = *observed.archive;
    Drift d;
    d.kind = DriftKind::Archive;
    d.origin =
        oa.origin.empty() ? defaultOrigin(DriftKind::Archive).str() : oa.origin;
    if (!locked.archive) {
      d.archive = oa.name;
      d.observed = oa.name.empty() ? oa.sha256 : oa.name;
      out.push_back(std::move(d));
    } else {
      const Archive &la = *locked.archive;
      d.archive = la.name;
      if (!oa.name.empty() && oa.name != la.name) {
        d.locked = la.name;
        d.observed = oa.name;
        out.push_back(std::move(d));
      } else if (!oa.sha256.empty() && oa.sha256 != la.sha256) {
        d.locked = la.sha256;
        d.observed = oa.sha256;
        out.push_back(std::move(d));
      }
    }
    // Dependencies, line by line, by module, version and kind.
    if (oa.dependencies) {
      std::vector<std::string> none;
      const std::vector<std::string> &ld =
          locked.archive && locked.archive->dependencies
              ? *locked.archive->dependencies
              : none;
      std::map<std::string, std::string> lockedBy, observedBy;
      for (const std::string &line : ld)
        lockedBy[dependencyIdentity(line).str()] = line;
      for (const std::string &line : *oa.dependencies)
        observedBy[dependencyIdentity(line).str()] = line;
      std::vector<std::string> all = ld;
      all.insert(all.end(), oa.dependencies->begin(), oa.dependencies->end());
      // sortDependencies keeps one line per identity: each is visited once.
      for (const std::string &line : sortDependencies(all)) {
        std::string id = dependencyIdentity(line).str();
        std::string l = lockedBy.count(id) ? lockedBy[id] : "";
        std::string o = observedBy.count(id) ? observedBy[id] : "";
        if (l == o)
          continue;
        Drift dd;
        dd.kind = DriftKind::Dependencies;
        dd.archive = locked.archive ? locked.archive->name : oa.name;
        dd.origin = d.origin;
        dd.locked = l;
        dd.observed = o;
        out.push_back(std::move(dd));
      }
    }
  }
  return out;
}

std::string lock::formatDrift(const Drift &d) {
  std::string subject;
  if (d.kind == DriftKind::Archive || d.kind == DriftKind::Dependencies)
    subject = d.archive.empty() ? "archive" : "archive " + d.archive;
  else
    subject = ::entryName(d.module, d.package, d.version);
  std::string detail;
  auto show = [](const std::string &v) { return v.empty() ? "none" : v; };
  switch (d.kind) {
  case DriftKind::Missing:
    detail = "lock has no entry, " + d.origin + " imports it";
    break;
  case DriftKind::Stale:
    detail = "lock has an entry, " + d.origin + " does not import it";
    break;
  default:
    detail = "lock has " + show(d.locked) + ", " + d.origin + " has " +
             show(d.observed);
    break;
  }
  return subject + ": " + driftKindName(d.kind).str() + " drift (" + detail +
         ")";
}
