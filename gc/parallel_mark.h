// Parallel marking: several workers mark one heap at once while the world
// is stopped (gc/collector.h step 3; the threads are gc/mark_workers.h's).
//
// Each worker marks from its own stack (a runtime::Tracer) with the same
// loop as the sequential mark (gc/mark_loop.h), except that it sets mark
// bits with an atomic or: two workers that reach one object both try, and
// exactly one of them finds the bit clear and scans the object, so no
// object is scanned twice and none is counted twice. Work moves between
// workers in buffers of a few hundred references (gc/work_buffer.h):
//  - a worker whose stack is full gives its oldest half away (spill), so a
//    wide object (3 million elements in one vector) is shared out while it
//    is being scanned;
//  - every 64 references popped, and at every chunk of a large vector
//    popped (up to 1024 objects of work), a worker that holds some work
//    and sees an idle worker gives away a buffer's worth (balance):
//    without it, a worker could keep a fan-out to itself while the others
//    wait;
//  - a worker whose stack is empty takes a full buffer, or waits, until the
//    queue's termination rule says no work is left anywhere.
//
// Roots. The collector marks class by class (gctrace counts what each
// class found first), so a cycle is one phase per root class that has
// scanners: the class's scanners are jobs (gc/roots.h RootJobs) that the
// workers claim one at a time with an atomic counter, each scanning into
// its own stack, then all drain to the phase's end. A class with one big
// scanner is scanned by one worker; the marking it leads to is shared.
//
// What stays sequential: the root reports (GODEBUG=gcroots, runtime.Roots,
// WhyAlive, the slot reports) credit each object to the first slot that
// reaches it, which needs one order of marking; they are rare and keep
// drainMarkStack (gc/mark.h). So do heap verification and heap dumps,
// which walk marks after the fact. A cycle with one worker never comes
// here: it is the sequential path, unchanged.
#pragma once

#include <cstdint>
#include <memory>

#include "gc/mark.h"
#include "gc/mark_workers.h"
#include "gc/root_classes.h"
#include "gc/work_buffer.h"

namespace goro::gc {

class ParallelMarker {
 public:
  // workers in 2..kMaxMarkWorkers (1 works, as a single worker using the
  // queue, which only tests want). With checkPointers, every reference is
  // first checked to be an allocated heap object (GODEBUG=gccheckmark=1).
  ParallelMarker(int workers, bool checkPointers);
  ~ParallelMarker();
  ParallelMarker(const ParallelMarker&) = delete;
  ParallelMarker& operator=(const ParallelMarker&) = delete;

  // Runs the scanners of class c on the workers and marks everything they
  // reach that is not marked yet. Returns what was newly marked; *refs gets
  // the references the scanners reported. World stopped.
  MarkCounts markClass(RootClass c, uint64_t* refs);

  int workers() const { return workers_; }
  // What worker w has marked over every markClass so far.
  const MarkCounts& workerMarked(int w) const;
  // The largest stack capacity any worker reached.
  uint64_t stackSlots() const;
  // Work buffers allocated (for tests).
  size_t buffersAllocated() const { return queue_.buffersAllocated(); }

  struct Worker;  // parallel_mark.cpp

 private:
  int workers_;
  bool checkPointers_;
  WorkQueue queue_;
  std::unique_ptr<Worker> state_[kMaxMarkWorkers];
};

}  // namespace goro::gc
