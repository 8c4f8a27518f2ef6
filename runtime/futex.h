// Futex: the two Linux futex operations the runtime's blocking primitives
// (Mutex, Note) are built on, on a 32-bit atomic word, process-private.
//
// futexWait blocks only if the word still holds `expected` when the kernel
// looks, and may return early for any reason (a wakeup meant for someone
// else, a signal, the timeout); callers always re-check their condition in a
// loop. futexWake wakes up to `count` threads blocked on the word.
#pragma once

#include <atomic>
#include <cstdint>

namespace goro::runtime {

static_assert(sizeof(std::atomic<uint32_t>) == sizeof(uint32_t) && std::atomic<uint32_t>::is_always_lock_free,
              "a futex word must be a plain 32-bit atomic");

// Sleeps while *word == expected, for at most ns nanoseconds (ns < 0: with no
// time limit).
void futexWait(std::atomic<uint32_t>* word, uint32_t expected, int64_t ns);

void futexWake(std::atomic<uint32_t>* word, int count);

// How many futex system calls the process has made, of each kind (relaxed
// counts, for the scheduler's event counters, sched/events.h). Each call
// is a system call anyway, so the shared count adds little to it.
struct FutexCounts {
  uint64_t waits = 0;
  uint64_t wakes = 0;
};
FutexCounts futexCounts();

}  // namespace goro::runtime
