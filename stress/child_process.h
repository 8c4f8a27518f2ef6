// ChildProcess: one run of the command under test.
//
// The run starts with posix_spawnp (the command is looked up in PATH) as
// the leader of a new process group, with stdin from /dev/null and stdout
// and stderr both into one pipe whose read end the runner polls. A run is
// its process group: signals go to the whole group, so `sh -c 'prog'`
// passes a timeout's SIGABRT on to prog, and when the leader exits whatever
// is left of its group (background jobs of a script) is killed with it, so
// no straggler holds the pipe open or outlives its run. SIGABRT is reset to
// its default action in the child (the timeout contract depends on it), and
// so is SIGPIPE, which the runner itself ignores.
//
// Invariants: pid_ > 0 until the leader has been reaped, then -1; the
// destructor kills and reaps a run still going, so no run outlives its
// ChildProcess. outputFd_ is the pipe's non-blocking read end, -1 once
// closed; every descriptor the runner opens is close-on-exec, so a run
// never holds another run's pipe.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "stress/output_buffer.h"

namespace goro::stress {

class ChildProcess {
 public:
  // Starts argv (argv[0] searched in PATH). On failure: nullopt, and *error
  // says why, e.g. `cannot run "nosuch": No such file or directory`.
  static std::optional<ChildProcess> start(const std::vector<std::string>& argv, std::string* error);

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&&) = delete;
  ChildProcess(const ChildProcess&) = delete;
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  // The pipe's read end to poll, or -1 after end of file.
  int outputFd() const { return outputFd_; }

  // Moves what the pipe holds now into *out; closes the pipe at end of file.
  void readAvailable(OutputBuffer* out);

  // Sends sig to every process of the run's group.
  void signalGroup(int sig) const;

  // If the leader has exited: kills the rest of its group, reaps the
  // leader, collects the output still in the pipe, closes it, and returns
  // the leader's wait status. nullopt while the leader runs.
  std::optional<int> reapIfExited(OutputBuffer* out);

  // Kills the whole group with SIGKILL and reaps the leader; the output is dropped.
  void killAndReap();

 private:
  ChildProcess(pid_t pid, int outputFd) : pid_(pid), outputFd_(outputFd) {}
  void closeOutput();

  pid_t pid_;
  int outputFd_;
};

}  // namespace goro::stress
