#include "gc/work_buffer.h"

#include <mimalloc.h>

#include <mutex>
#include <new>

#include "gc/mark_workers.h"
#include "runtime/fatal.h"
#include "runtime/futex.h"

namespace goro::gc {

namespace {
void freeList(WorkBuffer* b) {
  while (b != nullptr) {
    WorkBuffer* next = b->next;
    b->~WorkBuffer();
    mi_free(b);
    b = next;
  }
}
}  // namespace

WorkQueue::~WorkQueue() {
  freeList(full_);
  freeList(empty_);
}

void WorkQueue::startPhase(int workers) {
  std::lock_guard<runtime::Mutex> guard(lock_);
  if (full_ != nullptr) runtime::fatalf("gc: a marking phase starts with work left from the previous one");
  workers_ = workers;
  idle_ = 0;
  over_ = false;
  idleHint_.store(0, std::memory_order_relaxed);
}

WorkBuffer* WorkQueue::emptyBuffer() {
  {
    std::lock_guard<runtime::Mutex> guard(lock_);
    if (empty_ != nullptr) {
      WorkBuffer* b = empty_;
      empty_ = b->next;
      b->next = nullptr;
      b->count = 0;
      return b;
    }
    allocated_++;
  }
  void* memory = mi_malloc(sizeof(WorkBuffer));
  if (memory == nullptr) runtime::fatalOutOfMemory("cannot allocate a mark work buffer");
  return new (memory) WorkBuffer();
}

void WorkQueue::putEmpty(WorkBuffer* b) {
  std::lock_guard<runtime::Mutex> guard(lock_);
  b->next = empty_;
  empty_ = b;
}

void WorkQueue::putFull(WorkBuffer* b) {
  bool wake;
  {
    std::lock_guard<runtime::Mutex> guard(lock_);
    b->next = full_;
    full_ = b;
    wake = idle_ > 0;
    if (wake) wakeups_.fetch_add(1, std::memory_order_release);
  }
  if (wake) runtime::futexWake(&wakeups_, 1);
}

WorkBuffer* WorkQueue::getFull() {
  bool countedIdle = false;
  for (;;) {
    uint32_t seen;
    {
      std::lock_guard<runtime::Mutex> guard(lock_);
      if (full_ != nullptr) {
        WorkBuffer* b = full_;
        full_ = b->next;
        b->next = nullptr;
        if (countedIdle) idleHint_.store(--idle_, std::memory_order_relaxed);
        return b;
      }
      if (over_) return nullptr;
      if (!countedIdle) {
        countedIdle = true;
        idleHint_.store(++idle_, std::memory_order_relaxed);
      }
      if (idle_ == workers_) {
        // Every worker waits here and nothing is queued: no work is left.
        over_ = true;
        wakeups_.fetch_add(1, std::memory_order_release);
        runtime::futexWake(&wakeups_, workers_);
        return nullptr;
      }
      seen = wakeups_.load(std::memory_order_relaxed);
    }
    waitWhileEquals(wakeups_, seen);
  }
}

}  // namespace goro::gc
