// Futex: see futex.h. Errors from the kernel are not reported: EAGAIN (the
// word already changed), EINTR and ETIMEDOUT all mean "return and let the
// caller re-check", which is what every caller does anyway.
#include "runtime/futex.h"

#include <ctime>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace goro::runtime {
namespace {

uint32_t* rawWord(std::atomic<uint32_t>* word) { return reinterpret_cast<uint32_t*>(word); }

constinit std::atomic<uint64_t> gWaits{0};
constinit std::atomic<uint64_t> gWakes{0};

}  // namespace

void futexWait(std::atomic<uint32_t>* word, uint32_t expected, int64_t ns) {
  timespec ts{};
  timespec* timeout = nullptr;
  if (ns >= 0) {
    ts.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
    ts.tv_nsec = static_cast<long>(ns % 1'000'000'000);
    timeout = &ts;
  }
  gWaits.fetch_add(1, std::memory_order_relaxed);
  syscall(SYS_futex, rawWord(word), FUTEX_WAIT_PRIVATE, expected, timeout, nullptr, 0);
}

void futexWake(std::atomic<uint32_t>* word, int count) {
  gWakes.fetch_add(1, std::memory_order_relaxed);
  syscall(SYS_futex, rawWord(word), FUTEX_WAKE_PRIVATE, count, nullptr, nullptr, 0);
}

FutexCounts futexCounts() {
  return FutexCounts{gWaits.load(std::memory_order_relaxed), gWakes.load(std::memory_order_relaxed)};
}

}  // namespace goro::runtime
