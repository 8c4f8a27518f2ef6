#include "gc/mark_workers.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>

#include "gc/world.h"
#include "runtime/futex.h"
#include "runtime/settings.h"

namespace goro::gc {

namespace {

constexpr int kSpinChecks = 4000;

void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

std::atomic<int> gForcedWorkers{0};

// The pool. Written only by the thread in runOnWorkers (one at a time).
struct Pool {
  // One parked thread. `go` is bumped (release) to hand it the task below.
  struct Slot {
    std::atomic<uint32_t> go{0};
  };
  std::unique_ptr<Slot> slots[kMaxMarkWorkers];
  int started = 0;  // threads 1..started exist
  // The task of the current run; written before the go words are bumped,
  // read by the threads after they see them.
  WorkerTask task = nullptr;
  void* context = nullptr;
  // Pool threads still running the current task; the last one to finish
  // wakes the caller.
  std::atomic<uint32_t> pending{0};
};

Pool& pool() {
  static Pool* p = new Pool();
  return *p;
}

void poolThread(int worker) {
  Pool& p = pool();
  Pool::Slot& slot = *p.slots[worker];
  uint32_t seen = 0;
  for (;;) {
    waitWhileEquals(slot.go, seen);
    seen = slot.go.load(std::memory_order_acquire);
    p.task(worker, p.context);
    if (p.pending.fetch_sub(1, std::memory_order_acq_rel) == 1) runtime::futexWake(&p.pending, 1);
  }
}

// Starts pool threads up to worker index workers-1, with every signal
// blocked (the new thread inherits the mask).
void startThreads(Pool& p, int workers) {
  if (p.started >= workers - 1) return;
  sigset_t all;
  sigset_t old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  for (int w = p.started + 1; w < workers; w++) {
    p.slots[w] = std::make_unique<Pool::Slot>();
    std::thread(poolThread, w).detach();
    p.started = w;
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

}  // namespace

void waitWhileEquals(std::atomic<uint32_t>& word, uint32_t value) {
  int spins = 0;
  while (word.load(std::memory_order_acquire) == value) {
    if (++spins < kSpinChecks) {
      cpuRelax();
      continue;
    }
    runtime::futexWait(&word, value, -1);
  }
}

int markWorkersFor(uint64_t heapBytes) {
  int forced = gForcedWorkers.load(std::memory_order_relaxed);
  if (forced > 0) return forced;
  if (int fromGodebug = runtime::settings().gcmarkworkers; fromGodebug > 0) return std::min(fromGodebug, kMaxMarkWorkers);
  if (heapBytes < kParallelMarkMinHeap) return 1;
  int hardware = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::clamp(std::min(worldProcs(), hardware), 1, kMaxMarkWorkers);
}

void setMarkWorkers(int n) { gForcedWorkers.store(n <= 0 ? 0 : std::min(n, kMaxMarkWorkers)); }

void runOnWorkers(int workers, WorkerTask task, void* context) {
  workers = std::min(workers, kMaxMarkWorkers);
  if (workers <= 1) {
    task(0, context);
    return;
  }
  Pool& p = pool();
  startThreads(p, workers);
  p.task = task;
  p.context = context;
  p.pending.store(static_cast<uint32_t>(workers - 1), std::memory_order_relaxed);
  for (int w = 1; w < workers; w++) {
    p.slots[w]->go.fetch_add(1, std::memory_order_release);
    runtime::futexWake(&p.slots[w]->go, 1);
  }
  task(0, context);
  for (uint32_t left = p.pending.load(std::memory_order_acquire); left != 0;
       left = p.pending.load(std::memory_order_acquire)) {
    waitWhileEquals(p.pending, left);
  }
}

}  // namespace goro::gc
