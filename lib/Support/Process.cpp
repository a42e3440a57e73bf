//===- Process.cpp - Child processes that die with mochi-go ---------------===//
//
// Part of mochi-go. Between fork and exec only async-signal-safe calls are
// made (the caller is multi-threaded): everything is prepared before fork.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Support/Process.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>
#ifdef __linux__
#include <sys/prctl.h>
#endif

using namespace mochigo;

namespace {

/// The guard's handler of its death signal: kill the whole process group
/// (the guard included).
void killGroup(int) { ::kill(0, SIGKILL); }

/// Close every descriptor from `lowest` up.
void closeFrom(int lowest) {
#ifdef SYS_close_range
  if (::syscall(SYS_close_range, unsigned(lowest), ~0U, 0) == 0)
    return;
#endif
  for (int fd = lowest; fd < 65536; ++fd)
    ::close(fd);
}

int openOut(const std::string &p) {
  return ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
}

void writeAll(int fd, const void *data, size_t n) {
  const char *p = static_cast<const char *>(data);
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return;
    p += w;
    n -= size_t(w);
  }
}

} // namespace

int mochigo::runChild(llvm::ArrayRef<std::string> argv,
                      llvm::ArrayRef<std::string> env,
                      llvm::StringRef stdoutPath, llvm::StringRef stderrPath,
                      std::string *errMsg) {
  auto failed = [&](const std::string &why) {
    if (errMsg)
      *errMsg = why;
    return -1;
  };
  if (argv.empty())
    return failed("no program to run");
  std::vector<char *> args, envp;
  for (const std::string &a : argv)
    args.push_back(const_cast<char *>(a.c_str()));
  args.push_back(nullptr);
  for (const std::string &e : env)
    envp.push_back(const_cast<char *>(e.c_str()));
  envp.push_back(nullptr);

  int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  int out = openOut(stdoutPath.str());
  int err = stderrPath == stdoutPath ? ::dup(out) : openOut(stderrPath.str());
  if (err >= 0)
    ::fcntl(err, F_SETFD, FD_CLOEXEC);
  // The exec error of the program, if any, comes back through this pipe;
  // it closes on a successful exec.
  int report[2] = {-1, -1};
  bool ok = in >= 0 && out >= 0 && err >= 0 && ::pipe2(report, O_CLOEXEC) == 0;
  auto closeAll = [&] {
    for (int fd : {in, out, err, report[0], report[1]})
      if (fd >= 0)
        ::close(fd);
  };
  if (!ok) {
    std::string why = std::string("cannot prepare to run ") + argv[0] + ": " +
                      std::strerror(errno);
    closeAll();
    return failed(why);
  }

  pid_t parent = ::getpid();
  pid_t guard = ::fork();
  if (guard < 0) {
    std::string why = std::string("cannot run ") + argv[0] +
                      ": fork: " + std::strerror(errno);
    closeAll();
    return failed(why);
  }
  if (guard == 0) {
    // The guard: a process group of its own, killed with its parent.
    ::setpgid(0, 0);
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = killGroup;
    ::sigaction(SIGTERM, &sa, nullptr);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
#ifdef __linux__
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
    if (::getppid() != parent) // the parent died before prctl
      ::kill(0, SIGKILL);
    // Keep only what the program needs: stdin, stdout, stderr and the
    // report pipe (fd 3). Other descriptors of mochi-go (other children's
    // report pipes, lock files) must not stay open in a long-lived guard.
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::dup2(report[1], 3);
    ::fcntl(3, F_SETFD, FD_CLOEXEC);
    closeFrom(4);
    pid_t child = ::fork();
    if (child == 0) {
      std::memset(&sa, 0, sizeof sa);
      sa.sa_handler = SIG_DFL;
      ::sigaction(SIGTERM, &sa, nullptr);
#ifdef __linux__
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
      ::execve(args[0], args.data(), envp.data());
      int e = errno;
      writeAll(3, &e, sizeof e);
      ::_exit(127);
    }
    ::close(3);
    if (child < 0) {
      ::_exit(127);
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0)
      if (errno != EINTR)
        ::_exit(127);
    if (WIFEXITED(status))
      ::_exit(WEXITSTATUS(status));
    // Killed: die of the same signal, so the parent sees a signal.
    int sig = WIFSIGNALED(status) ? WTERMSIG(status) : SIGKILL;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    ::sigaction(sig, &sa, nullptr);
    ::kill(::getpid(), sig);
    ::_exit(128 + sig);
  }

  ::close(report[1]);
  report[1] = -1;
  int execErrno = 0;
  ssize_t got;
  while ((got = ::read(report[0], &execErrno, sizeof execErrno)) < 0 &&
         errno == EINTR) {
  }
  int status = 0;
  while (::waitpid(guard, &status, 0) < 0 && errno == EINTR) {
  }
  closeAll();
  if (got == ssize_t(sizeof execErrno))
    return failed(std::string("cannot run ") + argv[0] + ": " +
                  std::strerror(execErrno));
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  return -2;
}
