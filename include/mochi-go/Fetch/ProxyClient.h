//===- ProxyClient.h - The GOPROXY protocol, with fall-through --*- C++ -*-===//
//
// Part of mochi-go. Fetches $base/$module/@v/list, @v/$version.info, .mod,
// .zip and $base/$module/@latest (module paths and versions case-encoded)
// from the GOPROXY list, the go command's way (TryProxies): each file is
// asked of the first entry; a 404 or 410 moves on to the next entry after
// ',' or '|', any other error only after '|'; "off" fails, "direct" is
// refused (mochi-go does not fetch from version control), and the implicit
// "noproxy" entry refuses modules that match GONOPROXY. When every entry
// fails, the most useful error is reported: direct/noproxy first, then a
// proxy error that is not "not found", then "not found".
// A whole batch of files is fetched at once, all in parallel.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_FETCH_PROXYCLIENT_H
#define MOCHIGO_FETCH_PROXYCLIENT_H

#include "mochi-go/Fetch/GoEnv.h"
#include "mochi-go/Fetch/Http.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <string>
#include <vector>

namespace mochigo {
namespace fetch {

enum class ProxyFile { List, Info, Mod, Zip, Latest };

/// "list", ".info", ".mod", ".zip", "@latest".
llvm::StringRef proxyFileName(ProxyFile file);

struct ProxyRequest {
  std::string path;    // module path
  std::string version; // for Info, Mod, Zip
  ProxyFile file = ProxyFile::Info;
  /// When set, the body is streamed into this file, not ProxyResponse::body.
  std::string toFile;
};

struct ProxyResponse {
  std::string body;
  std::string file;      // ProxyRequest::toFile, holding the body, when set
  std::string proxy;     // the GOPROXY entry that answered
  std::string url;       // the URL that answered
  std::string error;     // empty on success: the best error of all entries
  bool notFound = false; // every entry said "does not exist"
  bool ok() const { return error.empty(); }
};

class ProxyClient {
public:
  ProxyClient(std::vector<ProxySpec> proxies, HttpClient &http,
              std::function<bool(llvm::StringRef)> noProxy);

  /// Fetch every request; results in request order. `onDone` is called
  /// when a request has its final answer.
  std::vector<ProxyResponse>
  fetch(llvm::ArrayRef<ProxyRequest> requests,
        std::function<void(size_t, const ProxyResponse &)> onDone = nullptr);

  /// The URL of `request` under proxy base `base`, or an error if the path
  /// or version cannot be encoded.
  static llvm::Expected<std::string> urlFor(llvm::StringRef base,
                                            const ProxyRequest &request);

  const std::vector<ProxySpec> &proxies() const { return list; }

private:
  std::vector<ProxySpec> list;
  HttpClient &http;
  std::function<bool(llvm::StringRef)> noProxy;
};

} // namespace fetch
} // namespace mochigo

#endif // MOCHIGO_FETCH_PROXYCLIENT_H
