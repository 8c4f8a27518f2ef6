// Mutex slow paths: see mutex.h for the state machine.
#include "runtime/mutex.h"

#include <sched.h>

#include "runtime/fatal.h"
#include "runtime/futex.h"
#include "runtime/settings.h"

namespace goro::runtime {
namespace {

// Spinning as Go's lock2: a few rounds of a short pause loop, then one yield
// of the CPU, before sleeping in the kernel.
constexpr int kActiveSpinRounds = 4;
constexpr int kActiveSpinPauses = 30;
constexpr int kPassiveSpinRounds = 1;

constinit std::atomic<uint64_t> gContendedAcquires{0};

inline void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield" ::: "memory");
#endif
}

}  // namespace

uint64_t mutexContendedAcquires() { return gContendedAcquires.load(std::memory_order_relaxed); }

bool lockWordSlow(std::atomic<uint32_t>* word) {
  constexpr uint32_t kUnlocked = 0, kLocked = 1, kContended = 2;
  gContendedAcquires.fetch_add(1, std::memory_order_relaxed);
  // Spinning only pays when the holder can run at the same time.
  static const bool multicore = numCPU() > 1;
  if (multicore) {
    for (int round = 0; round < kActiveSpinRounds + kPassiveSpinRounds; round++) {
      uint32_t seen = word->load(std::memory_order_relaxed);
      if (seen == kUnlocked &&
          word->compare_exchange_strong(seen, kLocked, std::memory_order_acquire, std::memory_order_relaxed)) {
        return false;
      }
      if (round < kActiveSpinRounds) {
        for (int i = 0; i < kActiveSpinPauses; i++) cpuRelax();
      } else {
        sched_yield();
      }
    }
  }
  // Announce a sleeper by moving the state to contended. If the exchange
  // finds the lock free we now own it, at state 2: that costs at most one
  // needless wake on unlock, and keeps any other sleeper from being lost.
  uint32_t seen = word->exchange(kContended, std::memory_order_acquire);
  if (seen == kUnlocked) return false;
  do {
    futexWait(word, kContended, -1);
    seen = word->exchange(kContended, std::memory_order_acquire);
  } while (seen != kUnlocked);
  return true;
}

void unlockWordSlow(std::atomic<uint32_t>* word, uint32_t prev) {
  if (prev == 0) fatal("unlock of unlocked lock");
  futexWake(word, 1);
}

void Mutex::lockSlow() { lockWordSlow(&state_); }

void Mutex::unlockSlow(uint32_t prev) { unlockWordSlow(&state_, prev); }

}  // namespace goro::runtime
