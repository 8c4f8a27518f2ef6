// Work buffers: how parallel marking workers share the objects still to be
// scanned, and how they agree that none is left (gc/parallel_mark.h).
//
// The design is Go's (runtime/mgcwork.go): each worker marks from its own
// stack and touches shared state only to give away or fetch a whole buffer
// of a few hundred references, so the queue's lock is taken once per
// hundreds of objects, not once per object.
//
//  - WorkBuffer: a fixed array of references to objects still to scan.
//  - WorkQueue: a list of full buffers (work anyone may take) and a list of
//    empty ones (reused, never freed until the queue dies), under one lock.
//
// Termination (Go's work.nwait / work.nproc): a worker asks for a full
// buffer only when its own stack is empty and it holds no buffer. If none
// is queued it counts itself idle and waits; it stops counting itself only
// by taking a buffer, under the lock. A worker that is not counted idle may
// still produce work, so the phase may end only when every worker is
// counted idle and no buffer is queued: then no reference is left anywhere,
// in a stack, a buffer in a worker's hands or the queue, and getFull returns
// nullptr to all of them. Every decision is made under the lock, so the
// rule holds without reasoning about memory orders; the lock-free reads
// (idleHint, the wake-up word) are only hints about when to look again.
//
// Waiting: an idle worker spins a little on the wake-up word (on 2 cores
// the buffer it waits for is often a few microseconds away), then sleeps on
// it with a futex. putFull bumps the word and wakes one sleeper when some
// worker is idle; the phase's end bumps it and wakes all.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "runtime/mutex.h"
#include "runtime/object_model.h"

namespace goro::gc {

struct WorkBuffer {
  // A buffer fills 4 KiB: a page of references per exchange.
  static constexpr size_t kEntries = 510;
  WorkBuffer* next = nullptr;
  size_t count = 0;  // entries[0, count) hold references
  runtime::Object* entries[kEntries];
};

class WorkQueue {
 public:
  WorkQueue() = default;
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // Starts a phase of `workers` workers: none idle, the phase not over.
  // Requires the previous phase to be over (or none) and no full buffer.
  void startPhase(int workers);

  // An empty buffer, reused or newly allocated (from mimalloc).
  WorkBuffer* emptyBuffer();
  // Gives back a buffer whose entries were consumed.
  void putEmpty(WorkBuffer* b);
  // Publishes a buffer of work (b->count > 0) for any worker to take.
  void putFull(WorkBuffer* b);

  // A full buffer, waiting for one if none is queued; nullptr once the
  // phase is over (see the top of the file). The caller must hold no work.
  WorkBuffer* getFull();

  // Whether some worker is waiting for work (a racy hint: a worker with
  // plenty of work then gives some away).
  bool hasIdleWorkers() const { return idleHint_.load(std::memory_order_relaxed) != 0; }

  // Buffers allocated over the queue's life (for tests).
  size_t buffersAllocated() const { return allocated_; }

 private:
  runtime::Mutex lock_{runtime::LockRank::leaf};
  // Guarded by lock_:
  WorkBuffer* full_ = nullptr;
  WorkBuffer* empty_ = nullptr;
  int workers_ = 0;
  int idle_ = 0;        // workers counted idle, 0 <= idle_ <= workers_
  bool over_ = true;    // set only when idle_ == workers_ and full_ == nullptr
  size_t allocated_ = 0;
  // Mirrors idle_ for lock-free readers.
  std::atomic<int> idleHint_{0};
  // The futex idle workers sleep on; bumped when a buffer arrives for an
  // idle worker and when the phase ends.
  std::atomic<uint32_t> wakeups_{0};
};

}  // namespace goro::gc
