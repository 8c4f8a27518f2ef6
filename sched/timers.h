// Timers: time.Sleep parks the goroutine on a timer heap of its P, and no
// thread waits for it (Go's runtime/time.go per-P timers, cut down to the
// one kind of timer Goro has: a sleeping goroutine). The design, who runs
// the timers and who wakes up when none of the Ms has anything to do, is at
// the top of timers.cpp; the scheduler-internal entry points (checkTimers,
// moveTimers, watchTimers, timerBackstop) are in sched.h.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/mutex.h"

namespace goro::sched {

struct G;

// One sleeping goroutine: g is Waiting (WaitReason::Sleep) and is made
// Runnable once nanotime() >= when.
struct TimerEntry {
  int64_t when = 0;
  G* g = nullptr;
};

// A P's timers (P::timers). A 4-ary min-heap on `when` (as Go's), in C++
// memory: the entries hold G pointers only, and a G's state is traced
// through the allgs root class, so nothing here is a GC root.
//
// Ownership: entries are added only by the holder of the P (a G going to
// sleep on it) and by procresize (moving a dying P's timers here, world
// stopped); they are removed by whoever runs them: the P's holder, or an M
// holding another P that steals the expired ones. All of it under `lock`.
// The P's timerWhen and timerCount (p.h) mirror heap[0].when and
// heap.size(); they are written under `lock` and read without it.
struct TimerHeap {
  // Rank timers (runtime/lockrank.h): inner to sched, and nests (moveTimers
  // holds two, the lower P id first). Nothing is readied while it is held.
  runtime::Mutex lock{runtime::LockRank::timers};
  // heap[i].when <= heap[4i+1 .. 4i+4].when. Guarded by lock.
  std::vector<TimerEntry> heap;
};

// time.Sleep(ns) for the running goroutine. Called inside
// GoroutineRunner::run, on the G's own M (which holds a P).
//  - ns <= 0: returns false at once and nothing happens (Go's Sleep(0)
//    returns without yielding).
//  - otherwise parks the G (gopark, WaitReason::Sleep) and returns true: the
//    caller must spill its state and return RunOutcome::Blocked. The timer
//    is put on the P's heap by gopark's unlock function, once the G is
//    Waiting, so it cannot fire before the G is fully parked (Go's
//    resetForSleep). No earlier than ns nanoseconds from now the G is made
//    Runnable, and run() is called again for it.
bool sleep(int64_t ns);

}  // namespace goro::sched
