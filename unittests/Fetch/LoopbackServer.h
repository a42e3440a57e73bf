//===- LoopbackServer.h - A tiny HTTP server on 127.0.0.1 for tests -------===//
//
// Part of mochi-go. One thread per connection, HTTP/1.0-style (one request
// per connection, then close), answers from a handler. Enough to stage
// what the HTTP client must cope with: status codes, slow answers, bodies
// cut short, many connections at once.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_UNITTESTS_LOOPBACKSERVER_H
#define MOCHIGO_UNITTESTS_LOOPBACKSERVER_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mochigo {
namespace testing {

struct Reply {
  int status = 200;
  std::string body;
  int delayMs = 0;
  /// Send only this many body bytes (with the full Content-Length), then
  /// close: a truncated transfer. -1: the whole body.
  long truncateAt = -1;
  bool contentLength = true;
};

class LoopbackServer {
public:
  using Handler = std::function<Reply(const std::string &path)>;

  explicit LoopbackServer(Handler handler) : handler(std::move(handler)) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    ::listen(fd, 64);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    port = ntohs(addr.sin_port);
    acceptor = std::thread([this] { run(); });
  }

  ~LoopbackServer() {
    stopping = true;
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
    acceptor.join();
    std::lock_guard<std::mutex> lock(mu);
    for (std::thread &t : workers)
      t.join();
  }

  std::string url(const std::string &path = "") const {
    return "http://127.0.0.1:" + std::to_string(port) + path;
  }
  int hits(const std::string &path) {
    std::lock_guard<std::mutex> lock(mu);
    return counts[path];
  }
  int maxConcurrent() const { return peak.load(); }

private:
  void run() {
    while (!stopping) {
      int c = ::accept(fd, nullptr, nullptr);
      if (c < 0)
        continue;
      std::lock_guard<std::mutex> lock(mu);
      workers.emplace_back([this, c] { serve(c); });
    }
  }

  void serve(int c) {
    std::string req;
    char buf[4096];
    while (req.find("\r\n\r\n") == std::string::npos) {
      ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0)
        break;
      req.append(buf, static_cast<size_t>(n));
    }
    size_t sp1 = req.find(' '), sp2 = req.find(' ', sp1 + 1);
    std::string path =
        sp1 == std::string::npos ? "" : req.substr(sp1 + 1, sp2 - sp1 - 1);
    {
      std::lock_guard<std::mutex> lock(mu);
      ++counts[path];
    }
    // A request is in flight from when it has been read until its answer
    // is sent: the client cannot start the next one before it has this
    // answer, so the peak is the client's real parallelism. (Counting until
    // the connection closes also counts connections the client is done
    // with but has not closed yet, and can exceed its limit.)
    int now = ++inFlight;
    int p = peak.load();
    while (now > p && !peak.compare_exchange_weak(p, now)) {
    }
    Reply r = handler(path);
    if (r.delayMs)
      std::this_thread::sleep_for(std::chrono::milliseconds(r.delayMs));
    std::string head = "HTTP/1.1 " + std::to_string(r.status) + " X\r\n";
    if (r.contentLength)
      head += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
    head += "Connection: close\r\n\r\n";
    std::string body = r.truncateAt >= 0
                           ? r.body.substr(0, static_cast<size_t>(r.truncateAt))
                           : r.body;
    std::string all = head + body;
    --inFlight;
    ::send(c, all.data(), all.size(), MSG_NOSIGNAL);
    ::shutdown(c, SHUT_WR);
    while (::recv(c, buf, sizeof buf, 0) > 0) {
    }
    ::close(c);
  }

  Handler handler;
  int fd = -1;
  int port = 0;
  std::atomic<bool> stopping{false};
  std::atomic<int> inFlight{0}, peak{0};
  std::thread acceptor;
  std::mutex mu;
  std::vector<std::thread> workers;
  std::map<std::string, int> counts;
};

} // namespace testing
} // namespace mochigo

#endif // MOCHIGO_UNITTESTS_LOOPBACKSERVER_H
