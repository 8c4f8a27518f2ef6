// Running a piece of a scenario in a child process of its own: a scenario
// that starts the scheduler can run once per process, and one that is
// expected to die (a detected stale read) must die somewhere else than in
// the process that reports on it.
#pragma once

#include <functional>
#include <string>

namespace goro::stress::scenarios {

struct ChildResult {
  std::string output;  // the child's stdout and stderr, interleaved as written
  int status = 0;      // as from waitpid
  bool exitedWith(int code) const;
  std::string describe() const;  // "exit status 2", "signal Aborted"
};

// Forks; the child runs body (which must not return: it exits) with its
// stdout and stderr on a pipe; the parent collects that output, passing it
// on to its own stdout as it comes when `echo`, and waits for the child.
// Call it before this process starts any thread.
ChildResult runInChild(const std::function<void()>& body, bool echo);

}  // namespace goro::stress::scenarios
