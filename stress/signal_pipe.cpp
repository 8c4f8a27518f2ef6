#include "stress/signal_pipe.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace goro::stress {

namespace {

// The write end, for the handler; -1 when no SignalPipe exists.
volatile sig_atomic_t writeFd = -1;

void onSignal(int sig) {
  int savedErrno = errno;
  unsigned char byte = static_cast<unsigned char>(sig);
  if (writeFd >= 0) {
    // A full pipe already holds a wake-up; losing this byte loses nothing.
    [[maybe_unused]] ssize_t n = write(writeFd, &byte, 1);
  }
  errno = savedErrno;
}

}  // namespace

SignalPipe::SignalPipe() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) return;
  readFd_ = fds[0];
  writeFd = fds[1];
  struct sigaction action {};
  action.sa_handler = onSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  sigaction(SIGCHLD, &action, &previousChld_);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &previousInt_);
  sigaction(SIGTERM, &action, &previousTerm_);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGPIPE, &ignore, &previousPipe_);
}

SignalPipe::~SignalPipe() {
  if (readFd_ < 0) return;
  sigaction(SIGCHLD, &previousChld_, nullptr);
  sigaction(SIGINT, &previousInt_, nullptr);
  sigaction(SIGTERM, &previousTerm_, nullptr);
  sigaction(SIGPIPE, &previousPipe_, nullptr);
  int fd = writeFd;
  writeFd = -1;
  close(fd);
  close(readFd_);
}

SignalPipe::Arrived SignalPipe::drain() {
  Arrived arrived;
  unsigned char buf[64];
  ssize_t n;
  while (readFd_ >= 0 && (n = read(readFd_, buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < n; i++) {
      if (buf[i] == SIGCHLD) arrived.child = true;
      if (buf[i] == SIGINT || buf[i] == SIGTERM) arrived.interrupt = true;
    }
  }
  return arrived;
}

}  // namespace goro::stress

