// Run queues (Go's runqput/runqget/runqgrab/runqsteal and the global queue).
//
// The local run queue of a P is a ring of kRunqSize slots plus runnext:
//
//   - single producer: only the P's holder puts (runqput at runqtail);
//   - many consumers: the holder takes from runqhead (runqget), and any M
//     holding another P steals half of the ring (runqgrab/runqsteal); every
//     consumer claims its Gs with one compare-and-swap on runqhead, so a G
//     is taken exactly once;
//   - runnext holds one G that runs before the ring (the G the running G
//     just readied); it is exchanged with compare-and-swap, and stolen only
//     as a last resort.
//
// Memory order: the producer stores a slot, then releases runqtail; a
// stealer acquires runqtail before reading slots, so it sees the G and
// everything written to it before it was queued. Consumers release runqhead
// after reading their slots, and the producer acquires runqhead before
// reusing a slot, so no slot is overwritten while a consumer may still be
// copying it. Slots are atomics (relaxed): a stealer with a stale head may
// read a slot the producer is writing, and then its compare-and-swap fails.
//
// When the ring is full, runqput moves half of it, plus the new G, to the
// global queue (runqputslow) in one batch under sched.lock.
#pragma once

#include <cstdint>

#include "sched/g.h"
#include "sched/p.h"

namespace goro::sched {

// Puts g on pp's queue (pp's holder only). next: into runnext, kicking the
// previous runnext G, if any, to the tail of the ring.
void runqput(P* pp, G* g, bool next);
// Takes a G (pp's holder only): runnext first (*inheritTime = true: it
// shares the current time slice), then the ring head.
G* runqget(P* pp, bool* inheritTime);
// Steals about half of p2's Gs into pp's ring and returns one of them, or
// null. stealRunNextG: also take p2's runnext when the ring is empty.
G* runqsteal(P* pp, P* p2, bool stealRunNextG);
// Whether pp has no G at all. Never falsely true: it reads head, tail and
// runnext consistently (a G moving from runnext to the ring is always seen
// in one of them).
bool runqempty(P* pp);
// Gs in pp's ring (racy; runnext not counted), for tracing.
uint32_t runqsize(P* pp);
// World stopped: moves every G of pp (runnext first, then the ring in
// order) to the head of the global queue, sched.lock held.
void runqDrainToGlobal(P* pp);

}  // namespace goro::sched
