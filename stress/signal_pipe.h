// SignalPipe: the signals the runner waits for, turned into bytes on a pipe
// that its poll loop watches with the runs' output (the self-pipe trick).
//
// While a SignalPipe exists: SIGCHLD (a run ended), SIGINT and SIGTERM (the
// user wants to stop) each write their number to the pipe from the handler,
// and SIGPIPE is ignored, so a closed console shows up as a failed write
// instead of killing the runner and orphaning its runs. The destructor puts
// the previous dispositions back. One at a time per process.
#pragma once

#include <signal.h>

namespace goro::stress {

class SignalPipe {
 public:
  SignalPipe();
  ~SignalPipe();
  SignalPipe(const SignalPipe&) = delete;
  SignalPipe& operator=(const SignalPipe&) = delete;

  int fd() const { return readFd_; }

  struct Arrived {
    bool child = false;      // SIGCHLD
    bool interrupt = false;  // SIGINT or SIGTERM
  };
  // Empties the pipe and says which signals came since the last call.
  Arrived drain();

 private:
  int readFd_ = -1;
  struct sigaction previousChld_, previousInt_, previousTerm_, previousPipe_;
};

}  // namespace goro::stress
