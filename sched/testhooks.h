// Test hooks: deterministic control over the scheduler for unit tests and
// the stress scenarios (Go's export_test.go).
//
// The tail hold drives the interleaving of Go issue 74414 step by step:
//
//   armTailHold();                  // the next M to get there stops
//   ... make an M go through findRunnable and find nothing ...
//   M* m1 = waitTailHeld(ms);       // m1 has dropped its P and snapshotted
//                                   // allp, and has not read the snapshot
//   setGomaxprocs(cap + 1);         // a new allp array
//   gc::collect();                  // the old one dies unless rooted
//   ... allocate into the freed memory ...
//   releaseTailHold();              // m1 reads its snapshot now
//   waitTailDone(ms);               // and has finished reading it
//
// The hold point is in findRunnable's P-less tail, after the M has dropped
// its P, stopped spinning and re-checked the global queue, right before it
// reads the snapshot (only spinning Ms read it, so only they are held). One
// M at a time: arming again before the held M is done is an error.
#pragma once

#include <atomic>
#include <cstdint>

#include "runtime/object_layouts.h"
#include "sched/g.h"
#include "sched/m.h"

namespace goro::sched::testhooks {

void armTailHold();
// The held M, or null if none arrived within timeoutMs.
M* waitTailHeld(int timeoutMs);
// What the held M snapshotted (its array and length), whatever the mode.
runtime::PArray* heldSnapshotArray();
uint32_t heldSnapshotLength();
void releaseTailHold();
// Whether the released M got through its snapshot reads within timeoutMs.
bool waitTailDone(int timeoutMs);

// Asks the time slice running on pp to end, as sysmon does after 10 ms
// (preemptone), also when pp is the caller's own P (sysmon's preemptone
// skips its caller's M). For the fairness tests.
void requestPreempt(P* pp);

// Makes the allm root scanner skip every M's allp snapshot (and masks), as
// if the root were missed: allpsnapshot=m then frees the old array under a
// held M just as stack mode does, which shows that it is this root, and
// nothing else, that keeps the array alive.
void setAllmScanSkipsSnapshot(bool skip);

// allp and its masks as they are now (for tests: compare objects across a
// resize).
runtime::PArray* currentAllp();
runtime::Bytes* currentIdlepMask();
runtime::Bytes* currentTimerpMask();

// Stale reads the P-less tail must tell from good ones (findrunnable.cpp)
// need the freed memory in particular states; these arrange them.
//
// A new allp array made as procresize makes one (its own serial; slot i
// holds P i for every P made so far, length = capacity), under a
// stop-the-world of its own and from P0's cache, as procresize allocates.
// Nothing references it: it is garbage at the next collection. Made until
// one lands in the slot of a freed array, it is the case of a slot reused
// by another allp array with the same Ps at the same indices.
runtime::PArray* newAllpArrayAsProcresize(uint32_t capacity);
// Gives every empty arena back to mimalloc now, whatever the collector
// would have retained (Heap::releaseFreeArenas(0)).
void releaseEmptyArenas();
// A Runnable G on no queue, for tests that place Gs on run queues by hand
// (world stopped, or on Ps of their own).
G* newRunnableG(void* user);
// With the world stopped by the caller: the P count the coming start will
// resize to (what setGomaxprocs does between its stop and start).
void setNextProcs(int n);

namespace detail {
// Set while a hold is armed; findRunnable checks it with one relaxed load.
extern std::atomic<bool> gTailHoldArmed;
// setAllmScanSkipsSnapshot; read by the allm scanner.
extern std::atomic<bool> gAllmScanSkipsSnapshot;
void tailHoldPoint(M* m, runtime::PArray* array, uint32_t length);
void tailDonePoint(M* m);
}  // namespace detail

}  // namespace goro::sched::testhooks
