#include "gc/parallel_mark.h"

#include <algorithm>
#include <atomic>

#include "gc/mark_loop.h"
#include "gc/roots.h"
#include "runtime/tracer.h"

namespace goro::gc {

namespace {
// Balance: how often a worker looks for idle workers (references popped),
// and how much it must hold to give some away.
constexpr uint32_t kBalanceEvery = 64;
constexpr size_t kBalanceMinimum = 8;
}  // namespace

struct ParallelMarker::Worker final : runtime::TracerSpill {
  explicit Worker(WorkQueue& q) : queue(q) { stack.setSpill(this); }

  WorkQueue& queue;
  runtime::Tracer stack;
  MarkCounts marked;     // over the whole cycle
  uint32_t popped = 0;   // references popped, for kBalanceEvery

  // The stack is full: its oldest half goes to the queue, a buffer at a time.
  void spill(runtime::Object* const* oldest, size_t count) override {
    while (count != 0) {
      WorkBuffer* b = queue.emptyBuffer();
      size_t n = std::min(count, WorkBuffer::kEntries);
      std::copy(oldest, oldest + n, b->entries);
      b->count = n;
      queue.putFull(b);
      oldest += n;
      count -= n;
    }
  }

  // Some worker is idle: give away up to half of the stack, the oldest part.
  void giveAway() {
    WorkBuffer* b = queue.emptyBuffer();
    size_t n = std::min(stack.size() / 2, WorkBuffer::kEntries);
    stack.takeOldest(b->entries, n);
    b->count = n;
    queue.putFull(b);
  }

  // Marks until the phase ends (no work left in any worker or the queue).
  MarkCounts drain(bool checkPointers) {
    MarkCounts found;
    auto noObserver = [](const runtime::Object*, size_t) {};
    // A chunk of a large vector is up to 1024 objects of work: look at once.
    auto balance = [this](bool chunk) {
      if ((chunk || ++popped % kBalanceEvery == 0) && stack.size() >= kBalanceMinimum && queue.hasIdleWorkers())
        giveAway();
    };
    for (;;) {
      found += detail::markLoop<true>(stack, checkPointers, noObserver, balance);
      WorkBuffer* b = queue.getFull();
      if (b == nullptr) break;
      for (size_t i = 0; i < b->count; i++) stack.push(b->entries[i]);
      queue.putEmpty(b);
    }
    marked += found;
    return found;
  }
};

ParallelMarker::ParallelMarker(int workers, bool checkPointers)
    : workers_(std::clamp(workers, 1, kMaxMarkWorkers)), checkPointers_(checkPointers) {
  for (int w = 0; w < workers_; w++) state_[w] = std::make_unique<Worker>(queue_);
}

ParallelMarker::~ParallelMarker() = default;

MarkCounts ParallelMarker::markClass(RootClass c, uint64_t* refs) {
  RootJobs jobs(c);
  *refs = 0;
  if (jobs.size() == 0) return {};
  queue_.startPhase(workers_);
  std::atomic<size_t> nextJob{0};
  uint64_t reported[kMaxMarkWorkers] = {};
  MarkCounts found[kMaxMarkWorkers];
  auto work = [&](int w) {
    Worker& me = *state_[w];
    for (size_t j = nextJob.fetch_add(1, std::memory_order_relaxed); j < jobs.size();
         j = nextJob.fetch_add(1, std::memory_order_relaxed)) {
      RootVisitor visitor(me.stack);
      jobs.run(j, visitor);
      reported[w] += visitor.count();
    }
    found[w] = me.drain(checkPointers_);
  };
  runOnWorkers(workers_, work);
  MarkCounts total;
  for (int w = 0; w < workers_; w++) {
    *refs += reported[w];
    total += found[w];
  }
  return total;
}

const MarkCounts& ParallelMarker::workerMarked(int w) const { return state_[w]->marked; }

uint64_t ParallelMarker::stackSlots() const {
  uint64_t most = 0;
  for (int w = 0; w < workers_; w++) most = std::max<uint64_t>(most, state_[w]->stack.capacity());
  return most;
}

}  // namespace goro::gc
