//===- Http.h - Parallel GETs over libcurl, and file:// ---------*- C++ -*-===//
//
// Part of mochi-go. Everything the fetcher downloads goes through HttpClient:
// many GETs at once on one libcurl multi handle (connections are reused
// between batches), each with a connect timeout, a whole-transfer timeout,
// a stall timeout, a cap on the body size, and retries with exponential
// back-off (and jitter, and Retry-After) on transient failures: connection
// errors, timeouts, truncated bodies, HTTP 429 and 5xx. A 4xx answer is
// final. file:// URLs are read from disk with the same result type (a
// missing file is a 404), so GOPROXY=file://... behaves like a server.
//
// With `loopbackOnly` (set from MOCHIGO_LOOPBACK_ONLY=1 by the tools; the
// test suite always sets it) any URL whose host is not 127.0.0.1, ::1 or
// localhost is refused before a connection is made, and redirects are not
// followed: a test can never reach the network by mistake.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_FETCH_HTTP_H
#define MOCHIGO_FETCH_HTTP_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mochigo {
namespace fetch {

class Progress;

struct HttpOptions {
  long connectTimeoutMs = 15000;
  long timeoutMs = 300000;   // whole transfer
  long stallTimeoutSec = 30; // below 1 byte/s for this long
  int retries = 3;           // extra attempts after a transient failure
  long backoffMs = 250;      // first wait; doubled per retry, at most 8 s
  int parallel = 8;          // transfers in flight at once
  bool loopbackOnly = false;
  std::string userAgent = "mochi-go-mod";
};

struct HttpRequest {
  std::string url;
  uint64_t maxBody = uint64_t(16) << 20;
  /// When set, a 200 body is streamed into this file (created or
  /// truncated) instead of HttpResult::body; other answers' bodies still
  /// come in memory.
  std::string toFile;
};

struct HttpResult {
  std::string url;
  /// The HTTP status; file:// gives 200 or 404; 0 when no answer came.
  int status = 0;
  std::string body;
  /// Bytes written to HttpRequest::toFile.
  uint64_t fileBytes = 0;
  /// Set when no usable answer came: a transport error, a body over the
  /// cap, a refused host. Empty whenever `status` is meaningful.
  std::string error;
  int attempts = 0;

  bool ok() const { return error.empty() && status == 200; }
  /// 404 or 410: "does not exist", which GOPROXY's ',' falls through on.
  bool notFound() const {
    return error.empty() && (status == 404 || status == 410);
  }
  /// "GET <url>: 503 Service Unavailable (after 4 attempts)", or with the
  /// transport error, for messages.
  std::string describe() const;
};

/// Counters over the life of a client (for -v and benchmarks).
struct HttpStats {
  uint64_t requests = 0; // attempts made, retries included
  uint64_t retries = 0;
  uint64_t bytes = 0; // body bytes received
};

class HttpClient {
public:
  explicit HttpClient(HttpOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient &) = delete;
  HttpClient &operator=(const HttpClient &) = delete;

  /// GET every request, `options.parallel` at a time; results are in the
  /// order of `requests`. `onDone` (optional) is called as each finishes.
  std::vector<HttpResult>
  getAll(llvm::ArrayRef<HttpRequest> requests,
         std::function<void(size_t, const HttpResult &)> onDone = nullptr);
  HttpResult get(const HttpRequest &request);

  /// Report received bytes to `progress` (may be null).
  void setProgress(Progress *progress);
  /// Log one line per attempt ("GET url -> 200 (1234 bytes)") to `log`.
  void setLog(std::function<void(llvm::StringRef)> log);

  const HttpStats &stats() const { return counters; }
  const HttpOptions &options() const { return opts; }

private:
  struct Impl;
  HttpOptions opts;
  HttpStats counters;
  std::unique_ptr<Impl> impl;
};

/// "404 Not Found" and so on (the code alone for unusual ones).
std::string httpStatusText(int status);

/// Whether `url`'s host is a loopback address (127.0.0.0/8, ::1,
/// localhost); file:// URLs count as local.
bool isLocalURL(llvm::StringRef url);

} // namespace fetch
} // namespace mochigo

#endif // MOCHIGO_FETCH_HTTP_H
