//===- GoEnv.cpp - GOPROXY, GOSUMDB and friends ---------------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Fetch/GoEnv.h"

#include "mochi-go/Module/Module.h"
#include "mochi-go/SumDB/Note.h"
#include "mochi-go/Support/Crypto.h"
#include "mochi-go/Support/FileUtil.h"
#include "mochi-go/Support/Process.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <cstdlib>

extern char **environ;

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
  llvm::SmallVector<StringRef, 3> fields;
  StringRef(value).split(fields, ' ', -1, /*KeepEmpty=*/false);
  if (fields.empty())
    return makeError("missing GOSUMDB");
  if (fields.size() > 2)
    return makeError("invalid GOSUMDB: too many fields");
  std::string key = fields[0].str();
  // The one name the go command knows without a key: the name of the key
  // it ships (a mirror of that database is "NAME URL").
  StringRef knownName = kSumGolangOrgKey.split('+').first;
  if (key == knownName)
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

std::string fetch::goEnvFilePath(const GetEnvFn &getenv) {
  auto get = [&](StringRef name) {
    std::optional<std::string> v = getenv(name);
    return v ? *v : std::string();
  };
  std::string file = get("GOENV");
  if (file == "off")
    return "";
  if (!file.empty())
    return file;
  std::string dir = get("XDG_CONFIG_HOME");
  if (dir.empty()) {
    std::string home = get("HOME");
    if (home.empty())
      return "";
    dir = home + "/.config";
  } else if (!llvm::sys::path::is_absolute(dir)) {
    return ""; // the go command: "path in $XDG_CONFIG_HOME is relative"
  }
  return dir + "/go/env";
}

std::map<std::string, std::string> fetch::parseGoEnvFile(StringRef text) {
  std::map<std::string, std::string> vars;
  while (!text.empty()) {
    auto [line, rest] = text.split('\n');
    text = rest;
    size_t eq = line.find('=');
    if (eq == StringRef::npos || line.empty() || line[0] < 'A' ||
        line[0] > 'Z')
      continue;
    vars[line.take_front(eq).str()] = line.drop_front(eq + 1).str();
  }
  return vars;
}

namespace {

/// What identifies the defaults of a go command: its binary and its
/// GOROOT's VERSION and go.env, read without running it.
std::string toolchainIdentity(StringRef goCommand) {
  llvm::SmallString<256> real;
  if (llvm::sys::fs::real_path(goCommand, real))
    real = goCommand;
  std::string id = "mochi-go go-env-defaults 1\nbinary " + real.str().str();
  llvm::sys::fs::file_status st;
  if (!llvm::sys::fs::status(real, st))
    id += " " + std::to_string(st.getSize()) + " " +
          std::to_string(
              llvm::sys::toTimeT(st.getLastModificationTime()));
  std::string goroot(
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(real)));
  for (StringRef f : {"VERSION", "go.env"}) {
    auto text = readFile(goroot + "/" + f.str());
    id += "\n" + f.str() + " " +
          (text ? toHex(Sha256::hash(*text)) : std::string("none"));
    if (!text)
      llvm::consumeError(text.takeError());
  }
  return id;
}

} // namespace

llvm::Expected<std::map<std::string, std::string>>
fetch::goCommandDefaults(StringRef goCommand, StringRef cacheDir, bool *ran) {
  if (ran)
    *ran = false;
  std::string key = toHex(Sha256::hash(toolchainIdentity(goCommand)));
  std::string cached = cacheDir.str() + "/goenv/" + key + ".json";
  auto fromJson = [](StringRef text)
      -> std::optional<std::map<std::string, std::string>> {
    auto json = llvm::json::parse(text);
    if (!json) {
      llvm::consumeError(json.takeError());
      return std::nullopt;
    }
    const llvm::json::Object *o = json->getAsObject();
    if (!o)
      return std::nullopt;
    std::map<std::string, std::string> out;
    for (StringRef var : kGoEnvVars) {
      std::optional<StringRef> v = o->getString(var);
      if (!v)
        return std::nullopt; // not what we wrote: ask again
      out[var.str()] = v->str();
    }
    return out;
  };
  if (!cacheDir.empty()) {
    if (auto text = readFile(cached)) {
      if (auto vars = fromJson(*text))
        return *vars;
    } else {
      llvm::consumeError(text.takeError());
    }
  }

  // Only the go command's own defaults: none of the variables, no GOENV
  // file, no toolchain switch, in a directory that is no module.
  std::vector<std::string> env;
  for (char **e = environ; e && *e; ++e) {
    StringRef name = StringRef(*e).split('=').first;
    if (name == "GOENV" || llvm::is_contained(kGoEnvVars, name))
      continue;
    env.push_back(*e);
  }
  env.push_back("GOENV=off");
  std::vector<std::string> argv = {goCommand.str(), "-C", "/", "env", "-json"};
  for (StringRef var : kGoEnvVars)
    argv.push_back(var.str());
  llvm::SmallString<128> outFile, errFile;
  if (llvm::sys::fs::createTemporaryFile("mochi-go-env", "json", outFile) ||
      llvm::sys::fs::createTemporaryFile("mochi-go-env", "err", errFile))
    return makeError("cannot create a temporary file");
  auto cleanup = llvm::make_scope_exit([&] {
    llvm::sys::fs::remove(outFile);
    llvm::sys::fs::remove(errFile);
  });
  std::string execError;
  // Dies with this process, as every child of mochi-go (Support/Process.h).
  int rc = runChild(argv, env, outFile, errFile, &execError);
  if (ran)
    *ran = true;
  auto out = readFile(outFile);
  auto err = readFile(errFile);
  std::string errText = err ? *err : "";
  if (!err)
    llvm::consumeError(err.takeError());
  if (rc != 0 || !out) {
    if (!out)
      llvm::consumeError(out.takeError());
    return makeError("cannot read the go command's defaults: `" + goCommand +
                     " env -json` failed" +
                     (rc < 0 ? ": " + execError
                             : " with exit status " + std::to_string(rc)) +
                     (errText.empty() ? "" : ":\n" + errText));
  }
  std::optional<std::map<std::string, std::string>> vars = fromJson(*out);
  if (!vars)
    return makeError("cannot read the go command's defaults: `" + goCommand +
                     " env -json` printed no JSON object of the variables");
  if (!cacheDir.empty()) {
    // A cache that cannot be written only costs the next run a process.
    if (!llvm::sys::fs::create_directories(cacheDir.str() + "/goenv"))
      llvm::consumeError(writeFileAtomic(cached, *out));
  }
  return *vars;
}

std::string GoEnv::get(StringRef name) const {
  if (name == "GOPROXY")
    return goproxy;
  if (name == "GOSUMDB")
    return gosumdb;
  if (name == "GOPRIVATE")
    return goprivate;
  if (name == "GONOPROXY")
    return gonoproxy;
  if (name == "GONOSUMDB")
    return gonosumdb;
  if (name == "GOINSECURE")
    return goinsecure;
  if (name == "GOFLAGS")
    return goflags;
  if (name == "GOTOOLCHAIN")
    return gotoolchain;
  return "";
}

llvm::Expected<GoEnv>
GoEnv::resolve(const GetEnvFn &getenv,
               const std::map<std::string, std::string> &file,
               StringRef fileName,
               const std::map<std::string, std::string> &defaults) {
  GoEnv env;
  // The environment and the GOENV file: the user's settings.
  auto user = [&](StringRef name) -> std::optional<std::string> {
    if (getenv)
      if (std::optional<std::string> v = getenv(name); v && !v->empty()) {
        env.origins[name.str()] = "environment";
        return v;
      }
    if (auto it = file.find(name.str());
        it != file.end() && !it->second.empty()) {
      env.origins[name.str()] = "GOENV file " + fileName.str();
      return it->second;
    }
    return std::nullopt;
  };
  auto fallback = [&](StringRef name) -> std::string {
    if (auto it = defaults.find(name.str());
        it != defaults.end() && !it->second.empty()) {
      env.origins[name.str()] = "go command default";
      return it->second;
    }
    return "";
  };
  auto get = [&](StringRef name) {
    if (std::optional<std::string> v = user(name))
      return *v;
    return fallback(name);
  };
  env.goproxy = get("GOPROXY");
  env.gosumdb = get("GOSUMDB");
  env.goprivate = get("GOPRIVATE");
  for (auto [name, field] :
       {std::pair<StringRef, std::string *>{"GONOPROXY", &env.gonoproxy},
        {"GONOSUMDB", &env.gonosumdb}}) {
    if (std::optional<std::string> v = user(name)) {
      *field = *v;
    } else if (!env.goprivate.empty()) {
      *field = env.goprivate;
      env.origins[name.str()] = "GOPRIVATE";
    } else {
      *field = fallback(name);
    }
  }
  env.goinsecure = get("GOINSECURE");
  env.goflags = get("GOFLAGS");
  env.gotoolchain = get("GOTOOLCHAIN");
  env.gonosumcheckSet = getenv && getenv("GONOSUMCHECK").has_value();
  for (StringRef name : {"GOPROXY", "GOSUMDB"})
    if (env.get(name).empty())
      return makeError(name + " is not set: not in the environment, " +
                       (fileName.empty() ? std::string("no GOENV file")
                                         : "not in " + fileName.str()) +
                       ", and the go command gave no default (is the go "
                       "command on PATH? set MOCHIGO_GO or --go)");
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

llvm::Expected<GoEnv> GoEnv::load(GetEnvFn getenv, StringRef goCommand,
                                  StringRef cacheDir) {
  if (!getenv)
    getenv = [](StringRef name) -> std::optional<std::string> {
      if (const char *v = std::getenv(name.str().c_str()))
        return std::string(v);
      return std::nullopt;
    };
  std::string fileName = goEnvFilePath(getenv);
  std::map<std::string, std::string> file;
  if (!fileName.empty()) {
    if (auto text = readFile(fileName))
      file = parseGoEnvFile(*text);
    else
      llvm::consumeError(text.takeError()); // no file: nothing set there
  }
  std::map<std::string, std::string> defaults;
  if (!goCommand.empty()) {
    auto d = goCommandDefaults(goCommand, cacheDir);
    if (!d)
      return d.takeError();
    defaults = std::move(*d);
  }
  return resolve(getenv, file, fileName, defaults);
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
