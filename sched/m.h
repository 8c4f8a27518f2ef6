// M: an OS thread that runs goroutines while it holds a P (Go's m).
//
// Ms are made on demand (startm finds no idle M), are never destroyed, and
// are all linked from allm, a GC root class: the collector reports each M's
// curg state and, in GODEBUG=allpsnapshot=m mode, its allp snapshot.
//
// Ownership: every field is written only by the M's own thread, except
// where a field says otherwise. Fields other threads read (schedtrace,
// preemptall, the collector, dumps) are atomics.
#pragma once

#include <atomic>
#include <cstdint>

#include "alloc/mcache.h"
#include "runtime/note.h"
#include "runtime/object_layouts.h"
#include "sched/events.h"
#include "sched/g.h"

namespace goro::sched {

struct P;

struct M {
  // 0 for M0 (the thread that called runMain), then 1, 2, ... in order of
  // creation (sysmon is one of them). Immutable.
  int64_t id = -1;

  // The kernel id of its thread (gettid), 0 until the thread starts. Written
  // once by the thread itself; read by dumps (each M's native stack).
  std::atomic<int32_t> tid{0};

  // The P this M holds, or null. Written by this M (acquirep/releasep,
  // entersyscall/exitsyscall), and by start-the-world for the stopping M
  // while the world is stopped. Read by schedtrace and dumps.
  std::atomic<P*> p{nullptr};
  // A P handed to this M while it is parked (startm, start-the-world, a P
  // freed for an M waiting in exitsyscall). Written by the waker, under
  // sched.lock or before the M exists, strictly before it wakes the note;
  // read and cleared by this M after it wakes.
  P* nextp = nullptr;
  // The P this M held when it entered a system call; exitsyscall tries it
  // first, and start-the-world gives it back to a stopping M. Own field.
  P* oldp = nullptr;

  // The G it runs (Running or Syscall), or null. Read by preemptall,
  // schedtrace and the allm root scanner.
  std::atomic<G*> curg{nullptr};

  // Looking for work to steal (proc.h rule 2); counted in
  // sched.nmspinning. Set by this M, or by the M that started it spinning
  // before it exists or wakes.
  std::atomic<bool> spinning{false};
  // Parked on `park` (stopm, waiting for a P in exitsyscall).
  std::atomic<bool> blocked{false};
  // The note it parks on. Cleared by this M after each wake-up; woken once
  // per park by whoever handed it a P.
  runtime::Note park;

  // allm link: written once before the M is published, then immutable.
  M* alllink = nullptr;
  // Link in sched.midle or sched.exitsyscallWaiters (under sched.lock).
  M* schedlink = nullptr;

  // GODEBUG=allpsnapshot=m (findrunnable.cpp): the allp array, its length
  // and the idle/timer masks as they were when this M dropped its P in
  // findRunnable. Set and cleared only while the M holds a P: set just
  // before it drops the P, cleared at the top of findRunnable's loop and in
  // schedule() once it has a G, as in Go; an M parked in stopm (or
  // watching timers) keeps them. The allm root scanner reports the three
  // objects, so they outlive any procresize that replaces them for as long
  // as this M may read them, and while it sleeps.
  std::atomic<runtime::PArray*> allpSnapshot{nullptr};
  std::atomic<uint32_t> allpSnapshotLen{0};
  std::atomic<runtime::Bytes*> idlepMaskSnapshot{nullptr};
  std::atomic<runtime::Bytes*> timerpMaskSnapshot{nullptr};

  // gopark's continuation, run by the scheduler after the runner returns
  // Blocked.
  UnlockFn waitunlockf = nullptr;
  void* waitlock = nullptr;

  // Why this M may not be preempted right now (the reason of the world it is
  // stopping), for scheddetail. Null when none.
  std::atomic<const char*> preemptoff{nullptr};

  // The system monitor thread: never holds a P.
  bool isSysmon = false;
  // This M called gc::World::stop while holding a P (it gave the P up while
  // waiting for the world lock) and must get a P back at start.
  bool stopperWantsP = false;
  // The allocation cache this M was using when it called World::stop with
  // a P (null otherwise). Code below the stop (an allocation that started
  // a collection) still holds a reference to it, so procresize makes sure
  // that, whichever P the stopper ends up on, that P's mcache is this one
  // (procresize.cpp). Own field, set and cleared by stop/start.
  alloc::MCache* stopperCache = nullptr;

  // Per-M random state for the steal order (wyrand).
  uint64_t rand = 0;

  // What this M's thread did (events.h): written only by this M's thread,
  // read by anyone summing the totals.
  EventCounts events;
  uint32_t cheaprand();
};

// The head of allm (newest first); lock-free to walk.
M* allmHead();
template <typename F>
void forEachM(F&& f) {
  for (M* m = allmHead(); m != nullptr; m = m->alllink) f(m);
}

// The calling thread's M (null on threads that are not Ms).
M* currentM();

}  // namespace goro::sched
