#include "stress/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace goro::stress {

namespace {

// posix_spawn's attribute and file-action objects, destroyed on every path.
struct SpawnSetup {
  posix_spawnattr_t attr;
  posix_spawn_file_actions_t actions;
  SpawnSetup() {
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_init(&actions);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
};

}  // namespace

std::optional<ChildProcess> ChildProcess::start(const std::vector<std::string>& argv, std::string* error) {
  if (argv.empty()) {
    *error = "no command to run";
    return std::nullopt;
  }
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    *error = std::string("cannot make a pipe: ") + std::strerror(errno);
    return std::nullopt;
  }
  fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);

  SpawnSetup setup;
  posix_spawn_file_actions_addopen(&setup.actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&setup.actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&setup.actions, fds[1], 2);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGABRT);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigmask(&setup.attr, &none);
  posix_spawnattr_setsigdefault(&setup.attr, &defaults);
  posix_spawnattr_setpgroup(&setup.attr, 0);
  posix_spawnattr_setflags(&setup.attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> cargv;
  for (const std::string& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, cargv[0], &setup.actions, &setup.attr, cargv.data(), environ);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    *error = "cannot run \"" + argv[0] + "\": " + std::strerror(rc);
    return std::nullopt;
  }
  return ChildProcess(pid, fds[0]);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept : pid_(other.pid_), outputFd_(other.outputFd_) {
  other.pid_ = -1;
  other.outputFd_ = -1;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) killAndReap();
  closeOutput();
}

void ChildProcess::closeOutput() {
  if (outputFd_ >= 0) close(outputFd_);
  outputFd_ = -1;
}

void ChildProcess::readAvailable(OutputBuffer* out) {
  char buf[1 << 16];
  while (outputFd_ >= 0) {
    ssize_t n = read(outputFd_, buf, sizeof buf);
    if (n > 0) {
      out->append(std::string_view(buf, static_cast<size_t>(n)));
    } else if (n == 0) {
      closeOutput();
    } else if (errno == EINTR) {
      continue;
    } else {
      // EAGAIN: nothing more for now. Any other error ends the output too.
      if (errno != EAGAIN) closeOutput();
      return;
    }
  }
}

void ChildProcess::signalGroup(int sig) const {
  if (pid_ > 0) kill(-pid_, sig);
}

std::optional<int> ChildProcess::reapIfExited(OutputBuffer* out) {
  if (pid_ <= 0) return std::nullopt;
  // Look without reaping: while the leader is a zombie its group id cannot
  // be reused, so killing the group cannot hit anyone else's processes.
  siginfo_t info{};
  if (waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid == 0) {
    return std::nullopt;
  }
  kill(-pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  // The group is gone; unless one of its processes left the group (setsid)
  // with the pipe, the rest of the output is in the pipe now.
  readAvailable(out);
  closeOutput();
  return status;
}

void ChildProcess::killAndReap() {
  if (pid_ <= 0) return;
  kill(-pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  closeOutput();
}

}  // namespace goro::stress
