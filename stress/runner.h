// goro-stress's runner: run a command over and over, several at a time,
// and collect the runs that fail. It does what Go's stress tool
// (golang.org/x/tools/cmd/stress) does, for any command.
//
// Design. One thread and one poll loop; no run has a thread of its own.
//   1. Start runs until -p are going (or -count runs have been started).
//      Each run is a ChildProcess: its own process group, stdout and stderr
//      into one pipe (child_process.h).
//   2. Wait in poll() for any run's output, for a signal (SIGCHLD when a run
//      ends, SIGINT/SIGTERM to stop; signal_pipe.h), or for the next moment
//      something is due: a run's timeout, a SIGKILL after the grace period,
//      the next status line, the end of -duration.
//   3. Move the output into each run's OutputBuffer; reap the runs whose
//      leader exited (killing what is left of their groups) and judge them:
//      a run failed if it exited non-zero, died of a signal or timed out,
//      and a failed run counts as a failure subject to -failure and -ignore
//      (output_filter.h). Each failure's log goes to its own file, and the
//      console shows its path and first lines (failure_log.h).
//   4. A run past -timeout gets SIGABRT (Goro, like Go, dumps its goroutines
//      on it), and SIGKILL if it still runs -kill-after later (10s); each
//      step is noted in its log. With -kill=false it is only reported, as
//      Go's stress does, so a debugger can be attached.
//   5. Every -status-interval (5s) and at the end, print the status line
//      (status_line.h).
// The session ends when -count runs have finished, or early, when
// -duration has passed, at the first failure with -failfast, on SIGINT or
// SIGTERM, or when a run cannot be started. Ending early kills the runs
// still going (SIGKILL to their groups); they count neither as runs nor
// as failures.
//
// Exit status: 0 when no run counted as a failure, 1 when one did, 2 when
// a run could not be started (the command does not exist, say).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "stress/duration.h"

namespace goro::stress {

struct RunnerOptions {
  std::vector<std::string> command;  // argv of each run; must not be empty
  int parallel = 1;                  // -p: runs at a time, >= 1
  Duration timeout = std::chrono::minutes(10);  // -timeout: SIGABRT after; 0 = never (Go's default: 10m)
  bool killOnTimeout = true;                    // -kill: false only reports a timed-out run
  Duration killAfter = std::chrono::seconds(10);  // -kill-after: SIGKILL this long after SIGABRT
  uint64_t count = 0;                // -count: runs in all; 0 = no limit
  Duration duration{0};              // -duration: stop after; 0 = no limit
  std::string failureRegex;          // -failure: a failed run counts only if its output matches
  std::string ignoreRegex;           // -ignore: a failed run whose output matches does not count
  bool failfast = false;             // -failfast: stop at the first failure
  std::string outputDir;             // -o: failure logs; "" = a fresh temporary directory
  Duration statusInterval = std::chrono::seconds(5);  // -status-interval
  size_t excerptLines = 10;          // lines of each failure's output shown on the console
};

// Runs the session, writing failures and status lines to `console` and
// errors to `errors`; returns the exit status (see above).
int runStress(const RunnerOptions& options, std::FILE* console = stdout, std::FILE* errors = stderr);

}  // namespace goro::stress
