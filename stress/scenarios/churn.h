// The churn scenario: goroutines that allocate and hand a turn back and
// forth in pairs (so Ps keep going idle and Ms keep passing through
// findRunnable's P-less tail with an allp snapshot), while changer
// goroutines move GOMAXPROCS and force collections:
//
//   growth   first, one changer raises GOMAXPROCS one P at a time from its
//            start to -grow-to: every step is past allp's capacity, so every
//            step makes a new allp array (and leaves the old one to the
//            snapshots that hold it);
//   moves    then every changer sets random values in 1..-max-procs, within
//            the capacity the growth reached: no new arrays, only Ps dying
//            and coming back.
// A collection is forced every -gc-every changes. It runs until -changes
// changes were made or -duration has passed, then prints what it did. A
// stale snapshot read kills the process with the runtime's fatal error
// (exit 2); with -checkmark every collection also checks every pointer it
// marks. Deterministic in the values it sets and the sizes it allocates for
// a given -seed; the interleaving is the scheduler's. With -report D a
// changer prints a progress line every D (its counters so far and the
// heap's figures, read as runtime.ReadMemStats reads them, right after a
// forced collection: the live heap), so that a long run (stress/soak) can
// follow the heap from inside.
#pragma once

#include <cstdint>

#include "runtime/settings.h"

namespace goro::stress::scenarios {

struct ChurnOptions {
  runtime::AllpSnapshotMode mode = runtime::AllpSnapshotMode::M;
  int startProcs = 2;
  int growTo = 64;         // growth phase: startProcs+1 .. growTo, one at a time
  int maxProcs = 64;       // moves: 1 .. maxProcs (at most the capacity reached)
  int workers = 8;         // goroutines allocating, in pairs
  int changers = 1;        // goroutines moving GOMAXPROCS
  int64_t changes = 0;     // stop after this many changes (0: no bound)
  int64_t durationNs = 0;  // stop after this long (0: no bound; one of the two must be set)
  int gcEvery = 10;        // force a collection every this many changes
  int64_t reportEveryNs = 0;  // a progress line every this long (0: none)
  int64_t findrunnableDelayUs = 0;
  bool clobberfree = true;
  bool checkmark = false;
  uint64_t seed = 1;
};

// Runs the scenario in this process (it starts the scheduler, so it runs
// once per process) and returns 0, or dies with a fatal error.
int runChurn(const ChurnOptions& options);

}  // namespace goro::stress::scenarios
