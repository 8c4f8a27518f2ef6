// Note: see note.h.
#include "runtime/note.h"

#include <ctime>

#include "runtime/fatal.h"
#include "runtime/futex.h"

namespace goro::runtime {
namespace {

int64_t monotonicNanos() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace

void Note::clear() { key_.store(0, std::memory_order_relaxed); }

void Note::wakeup() {
  // The release pairs with the sleeper's acquire load: whatever the waker
  // wrote before wakeup() is visible to the sleeper after it wakes.
  if (key_.exchange(1, std::memory_order_release) != 0) fatal("notewakeup - double wakeup");
  futexWake(&key_, 1);
}

void Note::sleep() {
  while (key_.load(std::memory_order_acquire) == 0) futexWait(&key_, 0, -1);
}

bool Note::sleepFor(int64_t ns) {
  if (ns < 0) {
    sleep();
    return true;
  }
  const int64_t deadline = monotonicNanos() + ns;
  while (key_.load(std::memory_order_acquire) == 0) {
    if (ns <= 0) return false;
    futexWait(&key_, 0, ns);
    ns = deadline - monotonicNanos();
  }
  return true;
}

}  // namespace goro::runtime
