//===- Http.cpp - Parallel GETs over libcurl, and file:// -----------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Fetch/Http.h"

#include "mochi-go/Fetch/Progress.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <curl/curl.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <mutex>
#include <random>
#include <thread>
#include <unistd.h>

using namespace mochigo;
using namespace mochigo::fetch;
using llvm::StringRef;
using Clock = std::chrono::steady_clock;

namespace {

std::once_flag curlInitOnce;

/// libcurl errors worth another attempt: the network or the server hiccupped.
bool isTransient(CURLcode code) {
  switch (code) {
  case CURLE_COULDNT_CONNECT:
  case CURLE_OPERATION_TIMEDOUT:
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR:
  case CURLE_GOT_NOTHING:
  case CURLE_PARTIAL_FILE:
  case CURLE_HTTP2:
  case CURLE_HTTP2_STREAM:
  case CURLE_SSL_CONNECT_ERROR:
    return true;
  default:
    return false;
  }
}

bool isTransientStatus(long status) {
  return status == 429 || status == 500 || status == 502 || status == 503 ||
         status == 504;
}

} // namespace

std::string fetch::httpStatusText(int status) {
  switch (status) {
  case 200:
    return "200 OK";
  case 403:
    return "403 Forbidden";
  case 404:
    return "404 Not Found";
  case 410:
    return "410 Gone";
  case 429:
    return "429 Too Many Requests";
  case 500:
    return "500 Internal Server Error";
  case 502:
    return "502 Bad Gateway";
  case 503:
    return "503 Service Unavailable";
  case 504:
    return "504 Gateway Timeout";
  default:
    return std::to_string(status);
  }
}

namespace {

std::string percentDecode(StringRef s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned v;
    if (s[i] == '%' && i + 2 < s.size() &&
        !s.substr(i + 1, 2).getAsInteger(16, v)) {
      out.push_back(static_cast<char>(v));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

/// Read a file:// URL as a GET would: 200 with the bytes, 404 when missing.
HttpResult readFileURL(const HttpRequest &req) {
  HttpResult r;
  r.url = req.url;
  r.attempts = 1;
  std::string path = percentDecode(StringRef(req.url).drop_front(7));
  llvm::sys::fs::file_status st;
  if (llvm::sys::fs::status(path, st) ||
      st.type() != llvm::sys::fs::file_type::regular_file) {
    r.status = 404;
    return r;
  }
  if (st.getSize() > req.maxBody) {
    r.error = "response body exceeds the limit of " +
              std::to_string(req.maxBody) + " bytes";
    return r;
  }
  if (!req.toFile.empty()) {
    if (std::error_code ec = llvm::sys::fs::copy_file(path, req.toFile)) {
      r.error = "copying " + path + ": " + ec.message();
      return r;
    }
    r.status = 200;
    r.fileBytes = st.getSize();
    return r;
  }
  auto buf = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!buf) {
    r.error = "reading " + path + ": " + buf.getError().message();
    return r;
  }
  r.status = 200;
  r.body = (*buf)->getBuffer().str();
  return r;
}

} // namespace

bool fetch::isLocalURL(StringRef url) {
  if (url.starts_with("file://"))
    return true;
  size_t p = url.find("://");
  if (p == StringRef::npos)
    return false;
  StringRef auth = url.drop_front(p + 3).take_until(
      [](char c) { return c == '/' || c == '?' || c == '#'; });
  if (size_t at = auth.rfind('@'); at != StringRef::npos)
    auth = auth.drop_front(at + 1);
  StringRef host;
  if (auth.starts_with("[")) {
    host = auth.drop_front().take_until([](char c) { return c == ']'; });
  } else {
    host = auth.take_until([](char c) { return c == ':'; });
  }
  if (host.equals_insensitive("localhost") || host == "::1")
    return true;
  llvm::SmallVector<StringRef, 4> parts;
  host.split(parts, '.');
  unsigned first;
  if (parts.size() != 4 || parts[0].getAsInteger(10, first) || first != 127)
    return false;
  for (StringRef part : parts) {
    unsigned v;
    if (part.empty() || part.getAsInteger(10, v) || v > 255)
      return false;
  }
  return true;
}

std::string HttpResult::describe() const {
  std::string s = "GET " + url + ": ";
  s += error.empty() ? httpStatusText(status) : error;
  if (attempts > 1)
    s += " (after " + std::to_string(attempts) + " attempts)";
  return s;
}

struct HttpClient::Impl {
  CURLM *multi = nullptr;
  Progress *progress = nullptr;
  std::function<void(StringRef)> log;
  std::mt19937 rng{std::random_device{}()};

  struct Transfer {
    HttpClient::Impl *impl = nullptr;
    size_t index = 0;
    CURL *easy = nullptr;
    HttpResult *result = nullptr;
    uint64_t maxBody = 0;
    int fd = -1; // HttpRequest::toFile, open during the transfer
    bool overCap = false;
    long retryAfterMs = -1;
    char errbuf[CURL_ERROR_SIZE] = {0};
  };

  static size_t onWrite(char *data, size_t size, size_t n, void *user) {
    auto *t = static_cast<Transfer *>(user);
    size_t len = size * n;
    long code = 0;
    if (t->fd >= 0)
      curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &code);
    if (code == 200) {
      // Streamed to the file: the body is never held in memory.
      if (t->result->fileBytes + len > t->maxBody) {
        t->overCap = true;
        return 0;
      }
      for (size_t done = 0; done < len;) {
        ssize_t w = ::write(t->fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
          continue;
        if (w <= 0)
          return 0; // CURLE_WRITE_ERROR
        done += size_t(w);
      }
      t->result->fileBytes += len;
      if (t->impl->progress)
        t->impl->progress->addBytes(len);
      return len;
    }
    if (t->result->body.size() + len > t->maxBody) {
      t->overCap = true;
      return 0; // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->result->body.append(data, len);
    if (t->impl->progress)
      t->impl->progress->addBytes(len);
    return len;
  }

  static size_t onHeader(char *data, size_t size, size_t n, void *user) {
    auto *t = static_cast<Transfer *>(user);
    StringRef line(data, size * n);
    if (line.starts_with_insensitive("content-length:")) {
      // Reserve the body once instead of growing it by doubling: a 36 MB
      // zip would otherwise briefly take 64 MB and leave garbage behind.
      uint64_t n;
      if (t->fd < 0 && !line.drop_front(15).trim().getAsInteger(10, n) &&
          n <= t->maxBody)
        t->result->body.reserve(static_cast<size_t>(n));
    }
    if (line.starts_with_insensitive("retry-after:")) {
      unsigned secs;
      if (!line.drop_front(12).trim().getAsInteger(10, secs))
        t->retryAfterMs = std::min<long>(secs, 30) * 1000L;
    }
    return size * n;
  }
};

HttpClient::HttpClient(HttpOptions options)
    : opts(std::move(options)), impl(std::make_unique<Impl>()) {
  std::call_once(curlInitOnce, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  impl->multi = curl_multi_init();
  curl_multi_setopt(impl->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                    static_cast<long>(std::max(1, opts.parallel)));
  curl_multi_setopt(impl->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                    static_cast<long>(std::max(1, opts.parallel)));
}

HttpClient::~HttpClient() {
  if (impl && impl->multi)
    curl_multi_cleanup(impl->multi);
}

void HttpClient::setProgress(Progress *progress) { impl->progress = progress; }
void HttpClient::setLog(std::function<void(StringRef)> log) {
  impl->log = std::move(log);
}

HttpResult HttpClient::get(const HttpRequest &request) {
  return std::move(getAll({request})[0]);
}

std::vector<HttpResult>
HttpClient::getAll(llvm::ArrayRef<HttpRequest> requests,
                   std::function<void(size_t, const HttpResult &)> onDone) {
  using Transfer = Impl::Transfer;
  std::vector<HttpResult> results(requests.size());
  std::vector<Transfer> transfers(requests.size());
  std::deque<size_t> ready;
  std::vector<std::pair<Clock::time_point, size_t>> waiting; // retries

  auto finish = [&](size_t i) {
    if (impl->log) {
      const HttpResult &r = results[i];
      impl->log(r.error.empty()
                    ? "GET " + r.url + " -> " + std::to_string(r.status) +
                          " (" + std::to_string(r.body.size() + r.fileBytes) +
                          " bytes)"
                    : "GET " + r.url + " -> " + r.error);
    }
    if (onDone)
      onDone(i, results[i]);
  };

  for (size_t i = 0; i < requests.size(); ++i) {
    results[i].url = requests[i].url;
    StringRef url = requests[i].url;
    if (url.starts_with("file://")) {
      results[i] = readFileURL(requests[i]);
      ++counters.requests;
      uint64_t got = results[i].body.size() + results[i].fileBytes;
      counters.bytes += got;
      if (impl->progress)
        impl->progress->addBytes(got);
      finish(i);
      continue;
    }
    if (!url.starts_with("http://") && !url.starts_with("https://")) {
      results[i].error = "unsupported URL scheme";
      finish(i);
      continue;
    }
    if (opts.loopbackOnly && !isLocalURL(url)) {
      results[i].error = "refused: not a loopback address "
                         "(MOCHIGO_LOOPBACK_ONLY is set)";
      finish(i);
      continue;
    }
    ready.push_back(i);
  }

  size_t active = 0;
  auto start = [&](size_t i) {
    Transfer &t = transfers[i];
    t.impl = impl.get();
    t.index = i;
    t.result = &results[i];
    t.maxBody = requests[i].maxBody;
    t.overCap = false;
    t.retryAfterMs = -1;
    t.errbuf[0] = 0;
    results[i].body.clear();
    results[i].fileBytes = 0;
    if (t.fd >= 0)
      ::close(t.fd);
    t.fd = -1;
    if (!requests[i].toFile.empty()) {
      t.fd = ::open(requests[i].toFile.c_str(),
                    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (t.fd < 0) {
        results[i].error =
            "creating " + requests[i].toFile + ": " + std::strerror(errno);
        finish(i);
        return;
      }
    }
    results[i].status = 0;
    results[i].error.clear();
    ++results[i].attempts;
    ++counters.requests;
    CURL *e = curl_easy_init();
    t.easy = e;
    curl_easy_setopt(e, CURLOPT_URL, requests[i].url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Impl::onWrite);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Impl::onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.errbuf);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, opts.loopbackOnly ? 0L : 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, opts.connectTimeoutMs);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, opts.timeoutMs);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, opts.stallTimeoutSec);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(requests[i].maxBody));
    curl_easy_setopt(e, CURLOPT_USERAGENT, opts.userAgent.c_str());
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_multi_add_handle(impl->multi, e);
    ++active;
  };

  auto complete = [&](CURL *e, CURLcode code) {
    Transfer *t = nullptr;
    curl_easy_getinfo(e, CURLINFO_PRIVATE, reinterpret_cast<char **>(&t));
    size_t i = t->index;
    HttpResult &r = results[i];
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    curl_multi_remove_handle(impl->multi, e);
    curl_easy_cleanup(e);
    t->easy = nullptr;
    if (t->fd >= 0)
      ::close(t->fd);
    t->fd = -1;
    --active;
    counters.bytes += r.body.size() + r.fileBytes;

    bool retry = false;
    if (t->overCap || code == CURLE_FILESIZE_EXCEEDED) {
      r.error = "response body exceeds the limit of " +
                std::to_string(t->maxBody) + " bytes";
    } else if (code != CURLE_OK) {
      r.error = t->errbuf[0] ? std::string(t->errbuf)
                             : std::string(curl_easy_strerror(code));
      retry = isTransient(code);
    } else {
      r.status = static_cast<int>(status);
      retry = isTransientStatus(status);
    }
    if (retry && r.attempts <= opts.retries) {
      if (impl->log)
        impl->log("GET " + r.url + " -> " +
                  (r.error.empty() ? httpStatusText(r.status) : r.error) +
                  ", retrying");
      ++counters.retries;
      long base = opts.backoffMs << std::min(r.attempts - 1, 5);
      base = std::min(base, 8000L);
      long jitter = std::uniform_int_distribution<long>(0, base / 4)(impl->rng);
      long wait = std::max(base + jitter, t->retryAfterMs);
      waiting.push_back({Clock::now() + std::chrono::milliseconds(wait), i});
      return;
    }
    if (!r.error.empty())
      r.status = 0;
    finish(i);
  };

  while (!ready.empty() || !waiting.empty() || active > 0) {
    Clock::time_point now = Clock::now();
    for (auto it = waiting.begin(); it != waiting.end();) {
      if (it->first <= now) {
        ready.push_back(it->second);
        it = waiting.erase(it);
      } else {
        ++it;
      }
    }
    while (active < static_cast<size_t>(std::max(1, opts.parallel)) &&
           !ready.empty()) {
      start(ready.front());
      ready.pop_front();
    }
    int running = 0;
    curl_multi_perform(impl->multi, &running);
    int left = 0;
    while (CURLMsg *msg = curl_multi_info_read(impl->multi, &left))
      if (msg->msg == CURLMSG_DONE)
        complete(msg->easy_handle, msg->data.result);
    if (active == 0 && ready.empty() && waiting.empty())
      break;
    long waitMs = 200;
    if (!waiting.empty()) {
      auto next = std::min_element(waiting.begin(), waiting.end())->first;
      long until = static_cast<long>(
          std::chrono::duration_cast<std::chrono::milliseconds>(next - now)
              .count());
      waitMs = std::max(0L, std::min(waitMs, until));
    }
    if (active > 0) {
      curl_multi_poll(impl->multi, nullptr, 0, static_cast<int>(waitMs),
                      nullptr);
    } else if (ready.empty()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(waitMs));
    }
    if (impl->progress)
      impl->progress->tick();
  }
  return results;
}
