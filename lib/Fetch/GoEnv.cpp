//===- GoEnv.cpp - GOPROXY, GOSUMDB and friends ---------------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Fetch/GoEnv.h"

#include "mochi-go/Module/Module.h"
#include "mochi-go/SumDB/Note.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <cstdlib>

using namespace mochigo;
using namespace mochigo::fetch;
using llvm::StringRef;

static llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

/// The go command's check of a proxy URL (newProxyRepo): a scheme of https,
/// http or file; a file:// URL has nothing but a path.
static llvm::Error checkProxyURL(StringRef url) {
  size_t colon = url.find("://");
  if (colon == StringRef::npos || colon == 0)
    return makeError("invalid proxy URL missing scheme: " + url);
  StringRef scheme = url.take_front(colon);
  StringRef rest = url.drop_front(colon + 3);
  if (scheme == "http" || scheme == "https") {
    StringRef host = rest.take_until([](char c) { return c == '/'; });
    if (host.empty())
      return makeError("invalid proxy URL missing host: " + url);
    if (rest.contains('?') || rest.contains('#'))
      return makeError("invalid proxy URL with a query or fragment: " + url);
    return llvm::Error::success();
  }
  if (scheme == "file") {
    // file:///abs/path only: no host, no query, no fragment.
    if (!rest.starts_with("/") || rest.contains('?') || rest.contains('#'))
      return makeError("invalid file:// proxy URL with non-path elements: " +
                       url);
    return llvm::Error::success();
  }
  return makeError("invalid proxy URL scheme (must be https, http, file): " +
                   url);
}

llvm::Expected<std::vector<ProxySpec>>
fetch::parseGoProxy(StringRef goproxy, StringRef gonoproxy) {
  std::vector<ProxySpec> list;
  if (!gonoproxy.empty() && goproxy != "direct")
    list.push_back({ProxySpec::NoProxy, "", false});
  StringRef rest = goproxy;
  while (!rest.empty()) {
    size_t i = rest.find_first_of(",|");
    StringRef entry = rest;
    bool fallBackOnError = false;
    if (i != StringRef::npos) {
      entry = rest.take_front(i);
      fallBackOnError = rest[i] == '|';
      rest = rest.drop_front(i + 1);
    } else {
      rest = "";
    }
    entry = entry.trim();
    if (entry.empty())
      continue;
    if (entry == "off") {
      list.push_back({ProxySpec::Off, "", false});
      break; // "off" always fails: nothing after it can be reached
    }
    if (entry == "direct") {
      list.push_back({ProxySpec::Direct, "", false});
      break; // the go command ignores what follows "direct"
    }
    std::string url = entry.str();
    // A bare host ("proxy.example.com/path") gets https://; single words are
    // reserved, and absolute file paths must be written as file:// URLs.
    if (entry.find_first_of(".:/") != StringRef::npos &&
        !entry.contains(":/") && !entry.starts_with("/"))
      url = "https://" + url;
    if (llvm::Error err = checkProxyURL(url))
      return std::move(err);
    list.push_back({ProxySpec::URL, url, fallBackOnError});
  }
  if (list.empty() || (list.size() == 1 && list[0].kind == ProxySpec::NoProxy))
    return makeError(
        "GOPROXY list is not the empty string, but contains no entries");
  return list;
}

llvm::Expected<SumDBSpec> fetch::parseGoSumDB(StringRef gosumdb) {
  SumDBSpec spec;
  std::string value = gosumdb.trim().str();
  if (value == "off") {
    spec.off = true;
    return spec;
  }
  if (value == "sum.golang.google.cn")
    value = "sum.golang.org https://sum.golang.google.cn";
  llvm::SmallVector<StringRef, 3> fields;
  StringRef(value).split(fields, ' ', -1, /*KeepEmpty=*/false);
  if (fields.empty())
    return makeError("missing GOSUMDB");
  if (fields.size() > 2)
    return makeError("invalid GOSUMDB: too many fields");
  std::string key = fields[0].str();
  if (key == "sum.golang.org")
    key = kSumGolangOrgKey.str();
  llvm::Expected<sumdb::Verifier> verifier = sumdb::parseVerifierKey(key);
  if (!verifier)
    return makeError("invalid GOSUMDB: " +
                     llvm::toString(verifier.takeError()));
  StringRef name = verifier->name;
  // The name becomes https://<name>: a host with an optional path.
  StringRef host = name.take_until([](char c) { return c == '/'; });
  if (host.empty() || name.ends_with("/") ||
      name.find_first_of("?#@:\\ %") != StringRef::npos)
    return makeError("invalid sumdb name (must be host[/path]): " + name);
  spec.key = key;
  spec.name = name.str();
  if (fields.size() == 2) {
    StringRef url = fields[1];
    if (!url.starts_with("http://") && !url.starts_with("https://"))
      return makeError("invalid GOSUMDB URL (must be https or http): " + url);
    spec.url = url.rtrim('/').str();
  }
  return spec;
}

llvm::Expected<GoEnv> GoEnv::fromEnvironment(
    std::function<std::optional<std::string>(StringRef)> getenv) {
  if (!getenv)
    getenv = [](StringRef name) -> std::optional<std::string> {
      if (const char *v = std::getenv(name.str().c_str()))
        return std::string(v);
      return std::nullopt;
    };
  auto get = [&](StringRef name, StringRef def) {
    std::optional<std::string> v = getenv(name);
    return v && !v->empty() ? *v : def.str();
  };
  GoEnv env;
  env.goproxy = get("GOPROXY", "https://proxy.golang.org,direct");
  env.gosumdb = get("GOSUMDB", "sum.golang.org");
  env.goprivate = get("GOPRIVATE", "");
  env.gonoproxy = get("GONOPROXY", env.goprivate);
  env.gonosumdb = get("GONOSUMDB", env.goprivate);
  env.goinsecure = get("GOINSECURE", "");
  env.gonosumcheckSet = getenv("GONOSUMCHECK").has_value();
  for (auto [name, value] :
       {std::pair<StringRef, StringRef>{"GOPRIVATE", env.goprivate},
        {"GONOPROXY", env.gonoproxy},
        {"GONOSUMDB", env.gonosumdb},
        {"GOINSECURE", env.goinsecure}})
    if (llvm::Error err = module::checkPrefixPatterns(value))
      return makeError("invalid " + name + ": " +
                       llvm::toString(std::move(err)));
  return env;
}

std::string GoEnv::sumDBSkipReason(StringRef modulePath) const {
  if (StringRef(gosumdb).trim() == "off")
    return "GOSUMDB=off";
  if (module::matchPrefixPatterns(gonosumdb, modulePath))
    return gonosumdb == goprivate ? "matches GOPRIVATE" : "matches GONOSUMDB";
  return "";
}

bool GoEnv::noProxy(StringRef modulePath) const {
  return module::matchPrefixPatterns(gonoproxy, modulePath);
}
