// The lock order: every runtime Mutex has a rank, and this file is the one
// place that says which locks may be taken while which others are held (as
// Go's runtime/mklockrank.go). A thread may acquire a lock only if its rank is
// strictly greater than the rank of every lock the thread already holds:
// outer locks are listed first. A rank marked "nests" below may also be taken
// while a lock of the same rank is held; the code doing so must itself order
// those locks (select locks its channels in address order).
//
// Checking: when it is on, every Mutex acquire is checked against a
// thread-local stack of the held locks and a violation dies with
//     fatal error: lock ordering problem: acquiring X while holding Y ...
// before the thread blocks, so a would-be deadlock is reported even when the
// timing does not make it happen. Releasing in any order is allowed; releasing
// a lock that this thread did not record as acquired is a fatal error (so a
// Mutex may not be unlocked by a thread other than the one that locked it).
//
// Checking is on in builds with GORO_LOCKRANK defined (the GORO_LOCKRANK CMake
// option and Debug builds), where it cannot be turned off. Other builds can
// turn it on at run time with setLockRankChecking(true), which tests use; the
// price in those builds is one relaxed atomic load per lock and unlock. Locks
// taken while checking was off are never recorded, so turning it on while
// locks are held is safe.
#pragma once

#include <atomic>
#include <cstdint>

namespace goro::runtime {

enum class LockRank : uint8_t {
  // world: serialises stop-the-world (a GC cycle, a GOMAXPROCS change), as
  // Go's worldsema. Held for the whole stopped period, during which the
  // collector takes gcRoots and everything below, so it is the outermost.
  world,
  // gcRoots: the registry of named GC root classes. The collector may hold it
  // for a whole root enumeration, while the scanners it calls take scheduler
  // locks (allg, allm, sched for the global run queue), so it comes before
  // all of them. Consequence: never start a collection while holding any
  // runtime lock (stopping the world with a lock held deadlocks anyway).
  gcRoots,
  // chan: one per channel. Nests: select locks all its channels, in address
  // order. Outer to sched because a send or close readies the woken
  // goroutine, and readying may wake an idle M (sched), possibly with the
  // channel lock still held; Go ranks hchan above sched for the same reason.
  chan,
  // syncSema: where sync.WaitGroup and sync.Mutex park their waiters. Outer
  // to sched for the same reason as chan: releasing readies waiters.
  syncSema,
  // timer: one per script timer (runtime::Timer's lock word): Stop and Reset
  // hold it while they take the timer out of its P's heap and put it on
  // another (timers), then poke the timer watcher (sched). Never held while
  // the timer fires: the firer sends on the channel with no lock held.
  timer,
  // sched: the global scheduler lock (global run queue, idle M and P lists,
  // the counters behind schedtrace, deadlock detection).
  sched,
  // allp: taken by procresize (with sched held) while it replaces or resizes
  // the allp array, and by readers that walk allp without a P.
  allp,
  // allg: the list of all goroutines (newproc adds, the GC and schedtrace
  // walk it).
  allg,
  // allm: the list of all Ms (newm adds; the GC walks it for each M's curg
  // and allpSnapshot).
  allm,
  // timers: the sleeping goroutines' timers. Nests: procresize moves the
  // timers of a dying P to a live one, holding both. Inner to sched, allp and
  // allm, so an expired timer's goroutine is readied after timers is
  // released, as Go's runtimer does.
  timers,
  // handles: the registry of per-thread handle stacks (scoped roots of
  // native code); a thread registers its stack when it starts, the GC walks
  // the registry.
  handles,
  // mcaches: the registry of every mcache (alloc/mcache.cpp). The collector
  // holds it while it flushes each cache, which takes mcentral locks.
  mcaches,
  // mcentral: a size class's central span lists. Refilling one takes pages
  // from the page heap with the central lock held, hence before mheap (as in
  // Go, where mcentral ranks before mheap).
  mcentral,
  // mheap: the page heap: spans, large objects, the free page sets.
  mheap,
  // arenas: the arena list and address-range index under the page heap.
  arenas,
  // fatal: anything the dying path must lock (for example the state a fatal
  // dump hook reads). Taken while holding anything, so almost innermost.
  fatal,
  // leaf: any lock that takes no other lock while held.
  leaf,
};

inline constexpr int kLockRankCount = static_cast<int>(LockRank::leaf) + 1;

// The rank's name as written above, e.g. "sched".
const char* lockRankName(LockRank rank);

// Whether a lock of this rank may be acquired while holding another of the
// same rank (chan and timers).
bool lockRankMayNest(LockRank rank);

// Turns run-time checking on or off. In GORO_LOCKRANK builds it is always on.
void setLockRankChecking(bool on);

namespace lockrank_detail {
extern std::atomic<bool> gCheckingEnabled;
}

inline bool lockRankCheckingEnabled() {
#ifdef GORO_LOCKRANK
  return true;
#else
  return lockrank_detail::gCheckingEnabled.load(std::memory_order_relaxed);
#endif
}

// The checker's entry points, called by Mutex when checking is on. lock is
// the lock's address, which tells apart two held locks of the same rank.
// acquireLockRank checks the order and records the lock (before the caller
// blocks on it); recordTryLockRank records a lock obtained by try_lock, which
// cannot deadlock and so is not checked; releaseLockRank forgets it.
void acquireLockRank(LockRank rank, const void* lock);
void recordTryLockRank(LockRank rank, const void* lock);
void releaseLockRank(LockRank rank, const void* lock);

// How many recorded locks the calling thread holds (0 when checking is off).
int heldLockCount();

}  // namespace goro::runtime
