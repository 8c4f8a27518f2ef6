// sync.WaitGroup and sync.Mutex (sync.h): the waiter table, the counter
// and the lock state machine.
//
// The waiter table (Go's semtable). kSemTableSize runtime::Mutex locks of
// rank syncSema, each on its own cache line; an object uses the one its
// address hashes to. We reuse runtime::Mutex rather than put a lock word in
// every object: the futex code and its rank checking stay in one place, and
// the objects stay 32 bytes. Two objects sharing a lock only contend; a
// thread never holds two of these locks.
//
// WaitGroup. `counter` is an atomic int64 (through std::atomic_ref).
// Invariants:
//   - counter >= 0 at all times (an Add that would break it is refused);
//   - a change of counter from non-zero to zero happens only under the
//     object's table lock, in the same critical section that takes every
//     waiter off the list;
//   - hence, under that lock, waiters exist only while counter > 0.
// Add does a lock-free compare-and-swap unless it brings the counter to
// zero, so the common Done of a worker that is not the last costs one
// atomic operation. Wait reads the counter without the lock first, and
// re-reads it under the lock before it queues, so it cannot miss the change
// to zero: that change needs the lock it holds until it is parked. A Wait
// that sees a non-zero counter waits for the next change to zero, even if
// the counter went up again meanwhile (Go calls that a misuse; here it is
// just a wait). Waiters wake in the order they came, all at once.
//
// Mutex. `state` is an atomic uint32:
//   0                  free
//   kLocked            held, nobody queued
//   kLocked | kQueued  held, one or more Gs queued on `waiters`
// Invariants, under the object's table lock: kQueued is set exactly when the
// waiter list is non-empty, and kQueued implies kLocked. Outside the lock
// the state moves only 0 -> kLocked (Lock's fast path) and kLocked -> 0
// (Unlock's fast path), each a single compare-and-swap. Unlock finding the
// state 0 is the fatal "unlock of unlocked mutex"; a second Unlock racing
// with a hand-off (both see the mutex held) is not detected, as in Go.
//
// Fairness: strict FIFO hand-off whenever someone is queued. Unlock with
// waiters never frees the mutex; it makes the first waiter the owner and
// readies it, keeping the state locked, so a newcomer's fast path fails and
// it queues behind the others. No waiter can starve: it is served after the
// ones ahead of it, each of which holds the mutex for a finite time.
//
// Why not Go's design. Go's mutex has a "normal" mode where a woken waiter
// competes with newcomers (which usually win, being on a CPU already), and
// switches to FIFO hand-off ("starvation mode") once a waiter has waited
// more than a millisecond; newcomers also spin for a while before queuing.
// That buys throughput under contention at the price of a state machine
// with three flags, a waiter count and timing. At Goro's scale a mutex held
// briefly is almost never contended, so the fast paths do all the work;
// under contention, hand-off costs one trip through the run queue per
// acquisition (the owner-to-be runs from the unlocker's runnext), which is
// what Go's starvation mode costs too. We do not spin: in a stackless runner
// a spinning G occupies its P, and the holder it waits for may be a
// Runnable G on the same P that only runs once the spinner gives the P up.
//
// Rejected also: waking the waiter and letting it retry the lock (Go's
// semrelease without handoff). The runner would have to re-execute the
// Lock call when the G runs again (a Resume step the interpreter would have
// to know about), and a waiter could lose every race to newcomers and
// starve.
#include "sched/sync.h"

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "gc/allocate.h"
#include "runtime/fatal.h"
#include "runtime/lockrank.h"
#include "runtime/mutex.h"
#include "sched/chan.h"
#include "sched/proc.h"
#include "sched/sched.h"

namespace goro::sched {

using runtime::SyncMutex;
using runtime::Value;
using runtime::WaitGroup;

namespace {

// A prime, so that object addresses do not fall into a few buckets.
constexpr size_t kSemTableSize = 251;

struct alignas(64) SemaBucket {
  runtime::Mutex lock{runtime::LockRank::syncSema};
};

SemaBucket gSemTable[kSemTableSize];

runtime::Mutex& tableLock(const void* object) {
  return gSemTable[(reinterpret_cast<uintptr_t>(object) >> 3) % kSemTableSize].lock;
}

// gopark's unlock function: releases the table lock once the G is Waiting.
bool unlockTable(G*, void* lock) {
  static_cast<runtime::Mutex*>(lock)->unlock();
  return true;
}

constexpr uint32_t kLocked = 1;
constexpr uint32_t kQueued = 2;

static_assert(std::atomic_ref<int64_t>::is_always_lock_free && std::atomic_ref<uint32_t>::is_always_lock_free);
// The fields are naturally aligned (heap objects are 8-byte aligned), which
// is all atomic_ref asks of them.
static_assert(alignof(int64_t) >= std::atomic_ref<int64_t>::required_alignment);
static_assert(alignof(uint32_t) >= std::atomic_ref<uint32_t>::required_alignment);

std::atomic_ref<int64_t> counterOf(WaitGroup* wg) { return std::atomic_ref<int64_t>(wg->counter); }
std::atomic_ref<uint32_t> stateOf(SyncMutex* mu) { return std::atomic_ref<uint32_t>(mu->state); }

// Queues the running G on `waiters` (the table lock `lock` held) and parks
// it; the lock is released once the G is Waiting. `object` is kept alive by
// the Sudog while the G waits.
SyncStatus parkOn(runtime::Object* object, void** waiters, runtime::Mutex& lock, WaitReason reason) {
  G* g = currentG();
  if (g == nullptr) runtime::fatal("sync: blocking operation outside a goroutine");
  Sudog* s = chan_detail::acquireSudog();
  s->g = g;
  s->elem = Value::object(object);
  g->waiting = s;
  chan_detail::enqueue(waiters, s);
  gopark(unlockTable, &lock, reason);
  return SyncStatus::Parked;
}

// Takes s off its G (the table lock held, s already off the waiter list)
// and returns the G, for the caller to ready once the lock is released.
G* finishWait(Sudog* s) {
  G* g = s->g;
  if (g->waiting != s) runtime::fatal("sync: waiter is not its goroutine's pending wait");
  g->waiting = nullptr;
  chan_detail::releaseSudog(s);
  return g;
}

// counter + delta, or false if that is negative or overflows.
bool addChecked(int64_t counter, int64_t delta, int64_t* out) {
  return !__builtin_add_overflow(counter, delta, out) && *out >= 0;
}

}  // namespace

WaitGroup* newWaitGroup(alloc::MCache& cache) {
  return gc::allocateAs<WaitGroup>(cache, runtime::Kind::WaitGroup, sizeof(WaitGroup));
}

SyncMutex* newSyncMutex(alloc::MCache& cache) {
  return gc::allocateAs<SyncMutex>(cache, runtime::Kind::Mutex, sizeof(SyncMutex));
}

// ---- WaitGroup ----

SyncStatus waitGroupAdd(WaitGroup* wg, int64_t delta) {
  std::atomic_ref<int64_t> counter = counterOf(wg);
  int64_t old = counter.load(std::memory_order_relaxed);
  int64_t next = 0;
  // Fast path: any change that does not bring the counter to zero.
  for (;;) {
    if (!addChecked(old, delta, &next)) return SyncStatus::NegativeCounter;
    if (next == 0 && old != 0) break;
    if (counter.compare_exchange_weak(old, next, std::memory_order_acq_rel, std::memory_order_relaxed)) {
      return SyncStatus::Done;
    }
  }
  // Slow path: the change to zero, under the lock, with the wake-ups.
  runtime::Mutex& lock = tableLock(wg);
  lock.lock();
  old = counter.load(std::memory_order_relaxed);
  for (;;) {
    if (!addChecked(old, delta, &next)) {
      lock.unlock();
      return SyncStatus::NegativeCounter;
    }
    if (counter.compare_exchange_weak(old, next, std::memory_order_acq_rel, std::memory_order_relaxed)) break;
  }
  GQueue woken;  // a Waiting G is on no list, so its schedlink is free
  if (next == 0 && old != 0) {
    while (Sudog* s = chan_detail::dequeue(wg->waiters)) woken.pushBack(finishWait(s));
  }
  lock.unlock();
  while (G* g = woken.pop()) goready(g);
  return SyncStatus::Done;
}

SyncStatus waitGroupWait(WaitGroup* wg) {
  std::atomic_ref<int64_t> counter = counterOf(wg);
  if (counter.load(std::memory_order_acquire) == 0) return SyncStatus::Done;
  runtime::Mutex& lock = tableLock(wg);
  lock.lock();
  if (counter.load(std::memory_order_acquire) == 0) {
    lock.unlock();
    return SyncStatus::Done;
  }
  return parkOn(wg, wg->waiters, lock, WaitReason::SyncWaitGroupWait);
}

// ---- Mutex ----

SyncStatus mutexLock(SyncMutex* mu) {
  std::atomic_ref<uint32_t> state = stateOf(mu);
  uint32_t seen = 0;
  if (state.compare_exchange_strong(seen, kLocked, std::memory_order_acquire, std::memory_order_relaxed)) {
    return SyncStatus::Done;
  }
  runtime::Mutex& lock = tableLock(mu);
  lock.lock();
  // Under the lock only the fast paths can change the state (0 <-> kLocked):
  // take a free mutex, or mark a held one queued so that its Unlock comes
  // here for the hand-off.
  seen = state.load(std::memory_order_relaxed);
  for (;;) {
    if (seen == 0) {
      if (state.compare_exchange_weak(seen, kLocked, std::memory_order_acquire, std::memory_order_relaxed)) {
        lock.unlock();
        return SyncStatus::Done;
      }
    } else if ((seen & kQueued) != 0 ||
               state.compare_exchange_weak(seen, kLocked | kQueued, std::memory_order_relaxed,
                                           std::memory_order_relaxed)) {
      break;
    }
  }
  return parkOn(mu, mu->waiters, lock, WaitReason::SyncMutexLock);
}

void mutexUnlock(SyncMutex* mu) {
  std::atomic_ref<uint32_t> state = stateOf(mu);
  uint32_t seen = kLocked;
  if (state.compare_exchange_strong(seen, 0, std::memory_order_release, std::memory_order_relaxed)) return;
  if ((seen & kLocked) == 0) runtime::fatalUser("sync: unlock of unlocked mutex");
  // Queued: hand the mutex to the first waiter. It stays locked throughout;
  // the unlocker's writes reach the new owner through goready (the run
  // queue publishes the G with release/acquire).
  runtime::Mutex& lock = tableLock(mu);
  lock.lock();
  Sudog* s = chan_detail::dequeue(mu->waiters);
  if (s == nullptr) runtime::fatal("sync: mutex marked queued with no waiters");
  if (mu->waiters[0] == nullptr) state.store(kLocked, std::memory_order_relaxed);
  G* g = finishWait(s);
  lock.unlock();
  goready(g);
}

}  // namespace goro::sched
