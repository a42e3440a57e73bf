//===- ProxyClient.cpp - The GOPROXY protocol, with fall-through ----------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Fetch/ProxyClient.h"

#include "mochi-go/ModZip/ModZip.h"
#include "mochi-go/Module/Module.h"

#include "llvm/ADT/StringExtras.h"

using namespace mochigo;
using namespace mochigo::fetch;
using llvm::StringRef;

StringRef fetch::proxyFileName(ProxyFile file) {
  switch (file) {
  case ProxyFile::List:
    return "list";
  case ProxyFile::Info:
    return ".info";
  case ProxyFile::Mod:
    return ".mod";
  case ProxyFile::Zip:
    return ".zip";
  case ProxyFile::Latest:
    return "@latest";
  }
  return "";
}

ProxyClient::ProxyClient(std::vector<ProxySpec> proxies, HttpClient &http,
                         std::function<bool(StringRef)> noProxy)
    : list(std::move(proxies)), http(http), noProxy(std::move(noProxy)) {}

llvm::Expected<std::string> ProxyClient::urlFor(StringRef base,
                                                const ProxyRequest &req) {
  llvm::Expected<std::string> escPath = module::escapePath(req.path);
  if (!escPath)
    return escPath.takeError();
  std::string url = base.rtrim('/').str() + "/" + *escPath;
  switch (req.file) {
  case ProxyFile::List:
    return url + "/@v/list";
  case ProxyFile::Latest:
    return url + "/@latest";
  default:
    break;
  }
  llvm::Expected<std::string> escVer = module::escapeVersion(req.version);
  if (!escVer)
    return escVer.takeError();
  return url + "/@v/" + *escVer + proxyFileName(req.file).str();
}

namespace {
enum Rank { NotExistRank, ProxyRank, DirectRank };

struct State {
  size_t next = 0; // index in the proxy list to try
  bool done = false;
  std::string bestErr;
  Rank bestRank = NotExistRank;
  bool allNotFound = true;

  /// The go command's choice of the error to report (TryProxies).
  void record(const std::string &err, bool notExist, bool direct) {
    if (direct) {
      bestErr = err;
      bestRank = DirectRank;
    } else if (bestRank <= ProxyRank && !notExist) {
      bestErr = err;
      bestRank = ProxyRank;
    } else if (bestRank == NotExistRank) {
      bestErr = err;
    }
    if (!notExist)
      allNotFound = false;
  }
};

/// The first line of a short text body, for "server response:" context.
std::string serverSays(StringRef body) {
  StringRef line = body.take_until([](char c) { return c == '\n'; }).trim();
  if (line.empty() || line.size() > 200)
    return "";
  for (char c : line)
    if (!llvm::isPrint(c))
      return "";
  return "\n\tserver response: " + line.str();
}
} // namespace

std::vector<ProxyResponse>
ProxyClient::fetch(llvm::ArrayRef<ProxyRequest> requests,
                   std::function<void(size_t, const ProxyResponse &)> onDone) {
  std::vector<ProxyResponse> out(requests.size());
  std::vector<State> states(requests.size());

  auto finishFailed = [&](size_t i) {
    states[i].done = true;
    out[i].error = states[i].bestErr;
    out[i].notFound = states[i].allNotFound;
    if (onDone)
      onDone(i, out[i]);
  };

  while (true) {
    // Entries that answer without a network round trip, until each pending
    // request sits on a URL entry (or has run out of entries).
    std::vector<size_t> batch;
    std::vector<HttpRequest> httpReqs;
    for (size_t i = 0; i < requests.size(); ++i) {
      State &s = states[i];
      while (!s.done) {
        if (s.next >= list.size()) {
          finishFailed(i);
          break;
        }
        const ProxySpec &spec = list[s.next];
        const ProxyRequest &req = requests[i];
        std::string what =
            req.path + (req.version.empty() ? "" : "@" + req.version);
        if (spec.kind == ProxySpec::NoProxy) {
          if (noProxy && noProxy(req.path)) {
            s.record(what + ": module matches GONOPROXY/GOPRIVATE, so the go "
                            "command would fetch it directly from version "
                            "control, which mochi-go does not do; serve it "
                            "from a module proxy (GOPROXY may be a file:// "
                            "tree) and leave it out of GONOPROXY",
                     /*notExist=*/false, /*direct=*/true);
            finishFailed(i);
            break;
          }
          s.record(what + ": path does not match GOPRIVATE/GONOPROXY",
                   /*notExist=*/true, /*direct=*/false);
          ++s.next;
          continue;
        }
        if (spec.kind == ProxySpec::Off) {
          s.record(what + ": module lookup disabled by GOPROXY=off",
                   /*notExist=*/true, /*direct=*/false);
          ++s.next;
          continue;
        }
        if (spec.kind == ProxySpec::Direct) {
          s.record(what + ": not found on the module proxies listed before "
                          "\"direct\" in GOPROXY, and mochi-go does not "
                          "fetch from version control",
                   /*notExist=*/false, /*direct=*/true);
          finishFailed(i);
          break;
        }
        llvm::Expected<std::string> url = urlFor(spec.url, req);
        if (!url) {
          s.record(what + ": " + llvm::toString(url.takeError()),
                   /*notExist=*/false, /*direct=*/true);
          finishFailed(i);
          break;
        }
        HttpRequest hr;
        hr.url = *url;
        hr.maxBody = req.file == ProxyFile::Zip ? modzip::kMaxZipFile
                                                : uint64_t(16) << 20;
        hr.toFile = req.toFile;
        batch.push_back(i);
        httpReqs.push_back(std::move(hr));
        break;
      }
    }
    if (batch.empty())
      break;
    std::vector<HttpResult> results = http.getAll(httpReqs);
    for (size_t k = 0; k < batch.size(); ++k) {
      size_t i = batch[k];
      State &s = states[i];
      HttpResult &r = results[k];
      const ProxySpec &spec = list[s.next];
      if (r.ok()) {
        s.done = true;
        out[i].body = std::move(r.body);
        out[i].file = requests[i].toFile;
        out[i].proxy = spec.url;
        out[i].url = r.url;
        if (onDone)
          onDone(i, out[i]);
        continue;
      }
      bool notExist = r.notFound();
      std::string msg = "reading " + r.url + ": " +
                        (r.error.empty() ? httpStatusText(r.status) : r.error);
      if (r.attempts > 1)
        msg += " (after " + std::to_string(r.attempts) + " attempts)";
      if (r.error.empty())
        msg += serverSays(r.body);
      s.record(msg, notExist, /*direct=*/false);
      if (!spec.fallBackOnError && !notExist) {
        finishFailed(i);
        continue;
      }
      ++s.next;
    }
  }
  return out;
}
