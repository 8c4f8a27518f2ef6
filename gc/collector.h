// Garbage collector: stop-the-world, non-moving, precise mark-sweep.
//
// A cycle, all of it with the world stopped (gc/world.h):
//
//  1. Stop the world. Every P has stopped at a safe point; Ms without a P
//     keep running but cannot touch the heap. A cycle triggered by pacing
//     re-checks that it is still due (another thread may have collected
//     while this one waited to stop the world).
//  2. Flush every mcache: each cached span goes back to its mcentral, so the
//     sweeper sees every span and the allocation counters are exact.
//  3. Mark. For each root class in gc/root_classes.h, in order, call its
//     registered scanners; each reference they report is pushed on an
//     explicit work list (runtime::Tracer) and drained before the next
//     class, so the counts per class in gctrace say what each class found.
//     Draining pops an object, sets its bit in its span's mark bitmap and
//     pushes its references through its kind's trace function: no
//     recursion, whatever the depth of the graph. With more than one Ps
//     and a heap of at least a few MiB, as many workers as Ps do this
//     together, each class's scanners shared out among them
//     (gc/parallel_mark.h); otherwise the collecting thread does it alone.
//  4. With GODEBUG=gccheckmark=1, verify: every marked object's references
//     are marked (gc/verify.h). A failure is fatal. Then the holders of
//     weak references drop those to unmarked objects (gc/weak_refs.h).
//  5. Sweep every span: unmarked slots become free (clobbered with
//     0xdeadbeef under GODEBUG=clobberfree=1, poisoned in ASan builds), the
//     mark bitmap becomes the allocation bitmap, empty spans go back to the
//     page heap, and empty arenas beyond what the next cycle will need go
//     back to mimalloc.
//  6. Pace: the next cycle is due when the heap reaches
//     live * (1 + GOGC/100), at least 4 MiB (never, with GOGC=off, unless
//     forced), and at most the heap limit (gc/memory_limit.h).
//  7. Report (gctrace, gcroots), capture the heap graph for
//     GODEBUG=heapdump (gc/heap_dump.h), then start the world; collect()
//     writes that graph to its file only once the world runs again, and
//     then ends the program if the live heap is over the heap limit.
//
// With GODEBUG=gcroots=1, step 3 is preceded by extra marking passes, two per
// root class (only that class; every class but that one), giving for each
// class the objects it reaches and the objects that only it keeps alive,
// and two over the slots (gc/root_slots.h), giving what each slot alone
// keeps alive: the report names the slots (`allm[3].allpSnapshot`).
//
// Rejected: incremental or concurrent marking (write barriers in the
// interpreter, for no benefit at this scale: the point of Goro is to make
// root scanning observable), and mark bits in object headers (a span bitmap
// keeps the sweeper off dead objects' memory and makes sweeping a few word
// operations per span).
#pragma once

#include <cstdint>
#include <vector>

#include "gc/mark.h"
#include "gc/mark_workers.h"
#include "gc/root_classes.h"
#include "gc/root_slots.h"

namespace goro::gc {

enum class GcTrigger : uint8_t {
  Heap,    // the heap reached its goal (pacing)
  Forced,  // runtime.GC() or a test
  Stress,  // GC stress mode: every allocation
  Limit,   // a large allocation would pass the heap limit (gc/memory_limit.h)
};

// What the last cycle did (for tests and the root report).
struct CycleReport {
  uint64_t cycle = 0;
  GcTrigger trigger = GcTrigger::Forced;
  uint64_t heapBefore = 0;   // bytes allocated when the cycle started
  uint64_t heapAfter = 0;    // bytes in spans in use after sweeping
  MarkCounts marked;         // live objects and bytes
  uint64_t freedObjects = 0;
  uint64_t freedBytes = 0;
  uint64_t goal = 0;         // heap size that triggers the next cycle
  uint64_t markNs = 0;
  uint64_t sweepNs = 0;
  uint64_t markStackSlots = 0;  // capacity the mark work list grew to (the largest worker's)
  int markWorkers = 1;          // workers that marked (gc/mark_workers.h)
  MarkCounts workerMarked[kMaxMarkWorkers];     // what each of them marked
  uint64_t rootRefs[kRootClassCount] = {};      // references each class reported
  MarkCounts rootMarked[kRootClassCount];       // objects first reached from each class
  MarkCounts reachable[kRootClassCount];        // gcroots=1 only
  MarkCounts retained[kRootClassCount];         // gcroots=1 only
  std::vector<RootSlot> slots;                  // gcroots=1 only: every slot, with what it alone retains
  bool rootReport = false;
};

// Stops the world, collects and starts it again.
void collect(GcTrigger trigger = GcTrigger::Forced);

// The report GODEBUG=gcroots=1 prints after a cycle, made without
// collecting (runtime.Roots()): stops the world, marks from the roots as a
// cycle would (rootRefs, reachable, retained and slots; the other fields
// stay zero, and `cycle` is the number of cycles completed so far), leaves
// every mark bit clear and frees nothing.
CycleReport reportRoots();

// Collects with the world already stopped by the caller. Under
// GODEBUG=heapdump the cycle's heap graph is kept for collect() to write
// after it starts the world; a cycle run through collectStopped alone is not
// written (the next collect() replaces the kept graph with its own).
void collectStopped(GcTrigger trigger);

// The report of the most recent cycle.
const CycleReport& lastCycle();

// Cycles completed, total stop-the-world time of all cycles.
uint64_t numGC();
uint64_t pauseTotalNs();
// The heap size at which the next cycle starts (0 with GOGC=off).
uint64_t heapGoal();

// GOGC as currently in force (-1 is off); initialised from settings().
int gcPercent();
// Sets GOGC, returning the previous value (debug.SetGCPercent).
int setGcPercent(int percent);
// Recomputes the heap goal from the last cycle's live heap, GOGC and the
// heap limit in force, at once (after either changes).
void refreshHeapGoal();

// Collect at every allocation (GC stress mode). On by default in builds
// configured with GORO_GC_STRESS=ON.
void setStressMode(bool on);
bool stressMode();

}  // namespace goro::gc
