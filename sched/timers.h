// Timers: time.Sleep parks the goroutine on a timer heap of its P, and the
// script's timers (time.After, NewTimer, NewTicker, Tick: runtime::Timer
// objects) wait on the same heaps; no thread waits for either (Go's
// runtime/time.go per-P timers, at Goro's scale). The design, who runs the
// timers, who wakes up when none of the Ms has anything to do, and how the
// collector treats a pending timer, is at the top of timers.cpp; the
// scheduler-internal entry points (checkTimers, moveTimers, watchTimers,
// timerBackstop) are in sched.h.
#pragma once

#include <cstdint>
#include <vector>

#include "alloc/mcache.h"
#include "runtime/mutex.h"
#include "runtime/object_layouts.h"

namespace goro::sched {

struct G;

// One entry of a timer heap, due once nanotime() >= when; exactly one of:
//   g  a sleeping goroutine, Waiting (WaitReason::Sleep), made Runnable;
//   t  a script's timer: it sends the time on t->c; a ticker stays in the
//      heap with `when` moved on by its period, a one-shot timer leaves it.
//      t->pp is this heap's P and t->index this entry's position.
struct TimerEntry {
  int64_t when = 0;
  G* g = nullptr;
  runtime::Timer* t = nullptr;
};

// A P's timers (P::timers). A 4-ary min-heap on `when` (as Go's), in C++
// memory, and no GC root: a sleeping G's state is traced through the allgs
// root class, and a script's Timer is held weakly (the collector drops the
// entries of unmarked timers between mark and sweep: dropDeadTimers in
// timers.cpp, through gc/weak_refs.h).
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

// ---- script timers (lang/lib/time.cpp) ----

// Nanoseconds on the monotonic clock since the scheduler started (0 before
// it starts): time.Now's reading and the value a timer sends. Within the
// small int range (no allocation) for the first 6.5 days of a program.
int64_t clockSinceStart();

// A new, stopped timer with a new channel of capacity 1 as its C; period
// > 0 makes a ticker. May collect (gc/allocate.h).
runtime::Timer* newTimer(alloc::MCache& cache, int64_t period);

// Arms t to fire d ns from now (d <= 0: at once, at the next scheduling
// point), on the current P's heap, replacing any pending deadline; a ticker
// takes `period` as its new period when period > 0. Returns whether t was
// pending (Timer.Reset's result). Called on a goroutine's M (holding a P).
// When it fires, the timer sends clockSinceStart() on t->c without blocking:
// if the channel is full the value is dropped (a slow reader of a ticker
// loses ticks, as in Go).
bool resetTimer(runtime::Timer* t, int64_t d, int64_t period);

// Whether t is a ticker (its period is > 0; Ticker.Reset may change the
// period concurrently, never to 0, so the answer is stable).
bool isTicker(runtime::Timer* t);

// Stops t: returns true if it was pending (and now will not fire), false if
// it had fired (its value may be in the channel) or was stopped already.
// A ticker stops ticking.
bool stopTimer(runtime::Timer* t);

}  // namespace goro::sched
