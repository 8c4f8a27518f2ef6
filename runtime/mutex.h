// Mutex: the runtime's lock, a futex-based three-state mutex (Drepper,
// "Futexes Are Tricky", mutex #3), in the spirit of Go's lock_futex.go.
//
// The state word is
//   0 (kUnlocked)   nobody holds it;
//   1 (kLocked)     held, and no thread is asleep on it;
//   2 (kContended)  held, and threads may be asleep on it, so unlock must
//                   issue a futex wake.
// The uncontended paths are one atomic instruction and no system call. A
// thread that finds the lock held spins briefly (on a multi-CPU machine the
// holder is likely running and about to release), then marks the state
// contended and sleeps on the futex.
//
// Invariants:
// - Only the holder unlocks, and it unlocks exactly once; unlocking an
//   unlocked Mutex is a fatal error ("unlock of unlocked lock", as Go).
// - Every Mutex has a LockRank (lockrank.h) and, when rank checking is on,
//   each acquire is checked against the locks the thread already holds.
// - It is not recursive, and it is not fair: a running thread may take the
//   lock ahead of one that has just been woken.
//
// It satisfies the standard Lockable requirements (lock, unlock, try_lock),
// so std::lock_guard and std::unique_lock work with it.
#pragma once

#include <atomic>
#include <cstdint>

#include "runtime/lockrank.h"

namespace goro::runtime {

class Mutex {
 public:
  constexpr explicit Mutex(LockRank rank) : rank_(rank) {}
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() {
    const bool check = lockRankCheckingEnabled();
    if (check) acquireLockRank(rank_, this);
    uint32_t seen = kUnlocked;
    if (!state_.compare_exchange_strong(seen, kLocked, std::memory_order_acquire, std::memory_order_relaxed)) {
      lockSlow();
    }
    recorded_ = check;
  }

  bool try_lock() {
    uint32_t seen = kUnlocked;
    if (!state_.compare_exchange_strong(seen, kLocked, std::memory_order_acquire, std::memory_order_relaxed)) {
      return false;
    }
    recorded_ = lockRankCheckingEnabled();
    if (recorded_) recordTryLockRank(rank_, this);
    return true;
  }

  void unlock() {
    // Read before releasing: once the word is 0 another thread may own
    // recorded_.
    const bool recorded = recorded_;
    const uint32_t prev = state_.exchange(kUnlocked, std::memory_order_release);
    if (prev != kLocked) unlockSlow(prev);
    if (recorded) releaseLockRank(rank_, this);
  }

  // The same operations under the runtime's naming style.
  bool tryLock() { return try_lock(); }

  LockRank rank() const { return rank_; }

 private:
  static constexpr uint32_t kUnlocked = 0;
  static constexpr uint32_t kLocked = 1;
  static constexpr uint32_t kContended = 2;

  void lockSlow();
  void unlockSlow(uint32_t prev);

  std::atomic<uint32_t> state_{kUnlocked};
  const LockRank rank_;
  // Whether the current holder recorded this acquire with the rank checker;
  // written and read only by the holder.
  bool recorded_ = false;
};

// The slow paths of the three-state lock above on any 32-bit word with the
// same states (0 free, 1 held, 2 held with possible sleepers), for locks
// that live inside other objects (a channel's lock, sched/chan.cpp).
// lockWordSlow: called after a failed 0 -> 1 compare-and-swap; spins as
// Mutex does, then sleeps on the futex; returns holding the lock, and
// whether it had to sleep. unlockWordSlow: called when the exchange to 0
// found prev != 1 (2: wake a sleeper; 0: the fatal double unlock).
bool lockWordSlow(std::atomic<uint32_t>* word);
void unlockWordSlow(std::atomic<uint32_t>* word, uint32_t prev);

// How many acquisitions of any Mutex (or lock word) found it held and took the slow path
// (relaxed; for the scheduler's event counters, sched/events.h). Counted
// only there, so an uncontended lock pays nothing for it.
uint64_t mutexContendedAcquires();

}  // namespace goro::runtime
