//===- ModCache.cpp - The content-addressed module cache ------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Fetch/ModCache.h"

#include "mochi-go/Module/Module.h"
#include "mochi-go/Support/Base64.h"
#include "mochi-go/Support/Crypto.h"
#include "mochi-go/Support/FileUtil.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <cstdlib>

using namespace mochigo;
using namespace mochigo::fetch;
using llvm::StringRef;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

std::string ModCache::defaultDir() {
  llvm::SmallString<256> dir;
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    dir = xdg;
  } else if (const char *home = std::getenv("HOME"); home && *home) {
    dir = home;
    path::append(dir, ".cache");
  } else {
    path::system_temp_directory(/*ErasedOnReboot=*/true, dir);
  }
  path::append(dir, "mochi", "go-deps");
  return std::string(dir.str());
}

llvm::Expected<ModCache> ModCache::open(StringRef dir) {
  llvm::SmallString<256> abs(dir);
  if (std::error_code ec = fs::make_absolute(abs))
    return llvm::createStringError(ec, "cache directory %s: %s",
                                   dir.str().c_str(), ec.message().c_str());
  for (const char *sub :
       {"blobs/sha256", "trees/h1", "index", "sumdb", "tmp"}) {
    llvm::SmallString<256> p(abs);
    path::append(p, sub);
    if (std::error_code ec = fs::create_directories(p))
      return llvm::createStringError(ec, "creating cache directory %s: %s",
                                     p.c_str(), ec.message().c_str());
  }
  return ModCache(std::string(abs.str()));
}

std::string ModCache::blobPath(StringRef hex) const {
  llvm::SmallString<256> p(root);
  path::append(p, "blobs", "sha256", hex.take_front(2), hex);
  return std::string(p.str());
}

std::string ModCache::treePath(StringRef h1) const {
  if (!h1.starts_with("h1:"))
    return "";
  std::optional<std::vector<uint8_t>> digest = base64Decode(h1.drop_front(3));
  if (!digest || digest->size() != 32)
    return "";
  llvm::SmallString<256> p(root);
  path::append(p, "trees", "h1", toHex(*digest));
  return std::string(p.str());
}

std::string ModCache::indexPath(StringRef modPath, StringRef version) const {
  llvm::Expected<std::string> ep = module::escapePath(modPath);
  llvm::Expected<std::string> ev = module::escapeVersion(version);
  if (!ep || !ev) {
    llvm::consumeError(ep.takeError());
    llvm::consumeError(ev.takeError());
    return "";
  }
  llvm::SmallString<256> p(root);
  path::append(p, "index", *ep, "@v", *ev + ".json");
  return std::string(p.str());
}

std::string ModCache::sumdbDir(StringRef name) const {
  llvm::SmallString<256> p(root);
  path::append(p, "sumdb", name);
  return std::string(p.str());
}

std::string ModCache::lockPath(llvm::StringRef root, llvm::StringRef key) {
  llvm::SmallString<256> p(root);
  path::append(p, "locks", toHex(Sha256::hash(key)).substr(0, 32) + ".lock");
  return std::string(p.str());
}

std::string ModCache::tmpDir() const {
  llvm::SmallString<256> p(root);
  path::append(p, "tmp");
  return std::string(p.str());
}

llvm::Expected<std::string> ModCache::putBlob(StringRef data) const {
  std::string hex = toHex(Sha256::hash(data));
  std::string p = blobPath(hex);
  if (fs::exists(p))
    return hex;
  if (std::error_code ec = fs::create_directories(path::parent_path(p)))
    return llvm::createStringError(ec, "creating %s: %s",
                                   path::parent_path(p).str().c_str(),
                                   ec.message().c_str());
  if (llvm::Error err = writeFileAtomic(p, data, 0444))
    return std::move(err);
  return hex;
}

llvm::Expected<std::string> ModCache::putBlobFile(StringRef file) const {
  llvm::Expected<Sha256Digest> d = sha256OfFile(file.str());
  if (!d)
    return d.takeError();
  std::string hex = toHex(*d);
  std::string p = blobPath(hex);
  if (fs::exists(p)) {
    fs::remove(file);
    return hex;
  }
  if (std::error_code ec = fs::create_directories(path::parent_path(p)))
    return llvm::createStringError(ec, "creating %s: %s",
                                   path::parent_path(p).str().c_str(),
                                   ec.message().c_str());
  if (std::error_code ec = fs::setPermissions(
          file, fs::owner_read | fs::group_read | fs::others_read))
    return llvm::createStringError(ec, "chmod %s: %s", file.str().c_str(),
                                   ec.message().c_str());
  if (std::error_code ec = fs::rename(file, p))
    return llvm::createStringError(ec, "moving %s to %s: %s",
                                   file.str().c_str(), p.c_str(),
                                   ec.message().c_str());
  return hex;
}

llvm::Error ModCache::putTree(const module::Version &mod,
                              const modzip::ZipArchive &zip,
                              StringRef h1) const {
  std::string dest = treePath(h1);
  if (dest.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "malformed zip hash %s", h1.str().c_str());
  if (fs::is_directory(dest))
    return llvm::Error::success();
  llvm::Error err = modzip::extractZip(mod, zip, dest);
  // Another process may have extracted the same content meanwhile.
  if (err && fs::is_directory(dest)) {
    llvm::consumeError(std::move(err));
    return llvm::Error::success();
  }
  return err;
}

static llvm::json::Value toJSON(const ModuleRecord &r) {
  return llvm::json::Object{
      {"Path", r.path},           {"Version", r.version},
      {"Time", r.time},           {"Sum", r.sum},
      {"GoModSum", r.goModSum},   {"InfoSha256", r.infoSha256},
      {"ModSha256", r.modSha256}, {"ZipSha256", r.zipSha256},
      {"Verified", r.verified}};
}

llvm::Error ModCache::putRecord(const ModuleRecord &r) const {
  std::string p = indexPath(r.path, r.version);
  if (p.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot encode %s@%s", r.path.c_str(),
                                   r.version.c_str());
  if (std::error_code ec = fs::create_directories(path::parent_path(p)))
    return llvm::createStringError(ec, "creating %s: %s",
                                   path::parent_path(p).str().c_str(),
                                   ec.message().c_str());
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::formatv("{0:2}", toJSON(r)) << "\n";
  return writeFileAtomic(p, os.str());
}

std::vector<module::Version> ModCache::list() const {
  std::vector<module::Version> out;
  llvm::SmallString<256> index(root);
  path::append(index, "index");
  std::error_code ec;
  for (fs::recursive_directory_iterator it(index, ec), end; it != end && !ec;
       it.increment(ec)) {
    // index/<escaped path>/@v/<escaped version>.json
    StringRef rel = StringRef(it->path()).drop_front(index.size() + 1);
    if (!rel.consume_back(".json"))
      continue;
    size_t at = rel.rfind("/@v/");
    if (at == StringRef::npos)
      continue;
    llvm::Expected<std::string> p = module::unescapePath(rel.take_front(at));
    llvm::Expected<std::string> v =
        module::unescapeVersion(rel.drop_front(at + 4));
    if (p && v)
      out.push_back({*p, *v});
    llvm::consumeError(p.takeError());
    llvm::consumeError(v.takeError());
  }
  module::sortVersions(out);
  return out;
}

std::optional<ModuleRecord> ModCache::find(StringRef modPath,
                                           StringRef version) const {
  std::string p = indexPath(modPath, version);
  if (p.empty() || !fs::exists(p))
    return std::nullopt;
  llvm::Expected<std::string> text = readFile(p);
  if (!text) {
    llvm::consumeError(text.takeError());
    return std::nullopt;
  }
  llvm::Expected<llvm::json::Value> v = llvm::json::parse(*text);
  if (!v) {
    llvm::consumeError(v.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *o = v->getAsObject();
  if (!o)
    return std::nullopt;
  ModuleRecord r;
  auto str = [&](StringRef key, std::string &out) {
    if (auto s = o->getString(key)) {
      out = s->str();
      return true;
    }
    return false;
  };
  if (!str("Path", r.path) || !str("Version", r.version) ||
      !str("Sum", r.sum) || !str("GoModSum", r.goModSum) ||
      !str("InfoSha256", r.infoSha256) || !str("ModSha256", r.modSha256) ||
      !str("ZipSha256", r.zipSha256))
    return std::nullopt;
  str("Time", r.time);
  str("Verified", r.verified);
  if (r.path != modPath || r.version != version)
    return std::nullopt;
  for (const std::string &hex : {r.infoSha256, r.modSha256, r.zipSha256})
    if (!fs::exists(blobPath(hex)))
      return std::nullopt;
  std::string tree = treePath(r.sum);
  if (tree.empty() || !fs::is_directory(tree))
    return std::nullopt;
  return r;
}
