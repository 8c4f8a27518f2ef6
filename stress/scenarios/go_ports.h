// Scenarios after two of Go's runtime tests, with goroutines whose bodies
// are C++ (callable_goroutines.h), so that each run is a stress run of the
// scheduler alone:
//
//   stw-deadlock  Go's TestStopTheWorldDeadlock: a chain of goroutines each
//                 starting the next, one goroutine forcing -rounds
//                 collections and one moving GOMAXPROCS -rounds times
//                 through 1..7 (the chain at GOMAXPROCS=1 once starved
//                 everyone: issue 8). Must finish: a hang is the failure
//                 goro-stress's -timeout catches.
//   issue47304    Go issue 47304's program: two goroutines allocating
//                 without pause while GOMAXPROCS moves 100 -> 4 -> 6,
//                 -rounds times, each move a stop of the world that makes
//                 and kills Ps holding allocation caches.
#pragma once

#include <cstdint>

#include "runtime/settings.h"

namespace goro::stress::scenarios {

struct GoPortOptions {
  runtime::AllpSnapshotMode mode = runtime::AllpSnapshotMode::M;
  int rounds = 300;
  int startProcs = 3;
  int64_t findrunnableDelayUs = 0;
  bool clobberfree = true;
};

// Each runs in this process (it starts the scheduler) and returns 0, or
// dies with a fatal error.
int runStwDeadlock(const GoPortOptions& options);
int runIssue47304(const GoPortOptions& options);

}  // namespace goro::stress::scenarios
