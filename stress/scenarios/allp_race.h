// The allp-race scenario: the interleaving of Go issue 74414, driven step by
// step through the scheduler's test hooks (sched/testhooks.h), under one
// GODEBUG=allpsnapshot mode:
//
//   1. allp is full (length == capacity), so growing it needs a new array;
//   2. M1 runs a goroutine, finds nothing more, snapshots allp, drops its P
//      and is held before it reads the snapshot;
//   3. M2 raises GOMAXPROCS past the capacity: procresize makes a new array,
//      and the old one is referenced only by snapshots;
//   4. M2 forces a collection, and the collector says what keeps the old
//      array alive (gc/root_slots.h), slot by slot;
//   5. M2 allocates over the freed memory (objects of the array's size
//      class, filled with junk);
//   6. M1 is released and reads its snapshot.
//
// The steps run in a child process, whose output is passed through as it
// comes; the parent then says whether the mode behaved as it must: m and
// persistent survive (m naming the roots that kept the array), stack dies
// with the runtime's fatal error (or, in an address-sanitizer build, the
// sanitizer's heap-use-after-free report), and so does m with its root
// skipped (-skip-root: the proof that allm's snapshot is what keeps it).
#pragma once

#include <string>

#include "runtime/settings.h"

namespace goro::stress::scenarios {

struct AllpRaceOptions {
  runtime::AllpSnapshotMode mode = runtime::AllpSnapshotMode::M;
  // The allm scanner skips every M's snapshot (sched::testhooks).
  bool skipRoot = false;
  // Step 5. Off, the freed memory stays freed: what an address-sanitizer
  // build needs in order to report the read itself.
  bool reuse = true;
  // GODEBUG=gcroots for the child: the collections print the root report
  // (1: ten slots per class, 2: all), where m mode's old array appears as
  // held by the Ms' snapshots.
  int gcroots = 0;
  // Record the child's execution trace into this file (docs/trace.md);
  // empty: none.
  std::string traceFile{};
};

// Runs the scenario; returns the exit status: 0 when the mode behaved as it
// must, 1 when it did not.
int runAllpRace(const AllpRaceOptions& options);

}  // namespace goro::stress::scenarios
