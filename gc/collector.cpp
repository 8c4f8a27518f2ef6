#include "gc/collector.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>

#include "alloc/mcache.h"
#include "alloc/mheap.h"
#include "gc/allocate.h"
#include "gc/gctrace.h"
#include "gc/heap_dump.h"
#include "gc/memory_limit.h"
#include "gc/pacer.h"
#include "gc/parallel_mark.h"
#include "gc/roots.h"
#include "gc/verify.h"
#include "gc/weak_refs.h"
#include "gc/world.h"
#include "runtime/settings.h"
#include "runtime/trace_events.h"

namespace goro::gc {

namespace {

uint64_t nowNs() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

// Process start, for gctrace's @time (initialised before main runs).
const uint64_t gStartNs = nowNs();

// Collector state. Written only with the world stopped (by the one thread
// that stopped it); the atomics are read without stopping it.
struct CollectorState {
  CycleReport last;
  std::atomic<uint64_t> cycles{0};
  std::atomic<uint64_t> pauseTotal{0};
  std::atomic<uint64_t> goal{kMinHeapGoal};
  std::atomic<int> percent{100};
  uint64_t startNs = gStartNs;
  // GODEBUG=heapdump: the heap captured at the end of the last cycle, until
  // collect() takes it (with the world still stopped) to write it out.
  std::unique_ptr<HeapGraph> pendingDump;
};

CollectorState& state() {
  static CollectorState* s = [] {
    auto* st = new CollectorState();
    st->percent = runtime::settings().gogc;
    st->goal = computeHeapGoal(0, st->percent, memoryLimit());
    return st;
  }();
  return *s;
}

// Marks from the scanners of the classes selected by `include`; with refs,
// stores there the references each class reported.
MarkCounts markFrom(runtime::Tracer& tracer, bool checkPointers, auto include, uint64_t* refs = nullptr) {
  MarkCounts total;
  for (size_t c = 0; c < kRootClassCount; c++) {
    auto rc = static_cast<RootClass>(c);
    if (!include(rc)) continue;
    RootVisitor visitor(tracer);
    scanRootClass(rc, visitor);
    if (refs != nullptr) refs[c] = visitor.count();
    total += drainMarkStack(tracer, checkPointers);
  }
  return total;
}

// GODEBUG=gcroots=1 and runtime.Roots(): per class, what it reaches and
// what only it retains, and every slot with what it alone retains. Leaves
// every mark bit clear.
void rootReportPasses(CycleReport& r, runtime::Tracer& tracer, bool check) {
  MarkCounts all = markFrom(tracer, check, [](RootClass) { return true; }, r.rootRefs);
  for (size_t c = 0; c < kRootClassCount; c++) {
    auto only = static_cast<RootClass>(c);
    clearAllMarks();
    r.reachable[c] = markFrom(tracer, check, [only](RootClass rc) { return rc == only; });
    clearAllMarks();
    MarkCounts others = markFrom(tracer, check, [only](RootClass rc) { return rc != only; });
    r.retained[c] = {all.objects - others.objects, all.bytes - others.bytes};
  }
  clearAllMarks();
  r.slots = rootSlots(true);
  r.rootReport = true;
}

}  // namespace

bool detail::gStress =
#ifdef GORO_GC_STRESS
    true;
#else
    false;
#endif

void collectStopped(GcTrigger trigger) {
  CollectorState& st = state();
  const runtime::Settings& settings = runtime::settings();
  alloc::Heap& heap = alloc::Heap::instance();
  uint64_t t0 = nowNs();

  // 2. Flush every mcache.
  alloc::MCache::forEach([](alloc::MCache& c) {
    c.releaseAll();
    c.collectionDue = false;
  });

  CycleReport r;
  r.cycle = st.cycles.load() + 1;
  r.trigger = trigger;
  r.heapBefore = heap.heapLive();

  // 3. Mark, class by class.
  runtime::Tracer tracer;
  bool check = settings.gccheckmark;
  if (settings.gcroots) rootReportPasses(r, tracer, check);
  r.markWorkers = markWorkersFor(r.heapBefore);
  if (r.markWorkers == 1) {
    for (size_t c = 0; c < kRootClassCount; c++) {
      RootVisitor visitor(tracer);
      scanRootClass(static_cast<RootClass>(c), visitor);
      r.rootRefs[c] = visitor.count();
      r.rootMarked[c] = drainMarkStack(tracer, check);
      r.marked += r.rootMarked[c];
    }
    r.workerMarked[0] = r.marked;
    r.markStackSlots = tracer.capacity();
  } else {
    ParallelMarker marker(r.markWorkers, check);
    for (size_t c = 0; c < kRootClassCount; c++) {
      r.rootMarked[c] = marker.markClass(static_cast<RootClass>(c), &r.rootRefs[c]);
      r.marked += r.rootMarked[c];
    }
    for (int w = 0; w < r.markWorkers; w++) r.workerMarked[w] = marker.workerMarked(w);
    r.markStackSlots = std::max<uint64_t>(tracer.capacity(), marker.stackSlots());
  }
  // 4. Verify the mark; then the holders of weak references drop those to
  // unmarked objects (gc/weak_refs.h: the scheduler's timer heaps).
  if (check) verifyMarks();
  clearWeakRefs();
  uint64_t t1 = nowNs();

  // 5. Sweep.
  alloc::SweepOptions sweepOptions;
  sweepOptions.clobberFreed = settings.clobberfree;
  sweepOptions.parts = r.markWorkers;
  sweepOptions.runParts = &runOnWorkers;
  alloc::SweepResult swept = heap.sweep(sweepOptions);
  r.freedObjects = swept.freedObjects;
  r.freedBytes = swept.freedBytes;

  // 6. Pace, and keep only the free memory the next cycle will use.
  r.goal = computeHeapGoal(swept.liveBytes, st.percent.load(), memoryLimit());
  st.goal.store(r.goal);
  uint64_t retain = r.goal == UINT64_MAX ? swept.liveBytes : r.goal - swept.liveBytes;
  heap.releaseFreeArenas(retain);
  r.heapAfter = heap.stats().heapInUse;
  uint64_t t2 = nowNs();

  if (runtime::trace::on()) [[unlikely]] {
    runtime::trace::gcPhase("mark", static_cast<int64_t>(t0), static_cast<int64_t>(t1), "marked", r.marked.objects,
                            r.marked.bytes);
    runtime::trace::gcPhase("sweep", static_cast<int64_t>(t1), static_cast<int64_t>(t2), "freed", r.freedObjects,
                            r.freedBytes);
  }
  r.markNs = t1 - t0;
  r.sweepNs = t2 - t1;
  st.last = r;
  st.cycles.fetch_add(1);
  st.pauseTotal.fetch_add(t2 - t0);

  // 7. Report.
  if (settings.gctrace > 0) printGcTrace(r, t0 - st.startNs, st.pauseTotal.load(), t2 - st.startNs);
  if (r.rootReport) printRootReport(r, settings.gcroots >= 2);
  if (!settings.heapdump.empty()) st.pendingDump = std::make_unique<HeapGraph>(captureHeapGraph());
}

CycleReport reportRoots() {
  StoppedWorld world(StwReason::RootReport);
  CycleReport r;
  r.cycle = state().cycles.load();
  runtime::Tracer tracer;
  rootReportPasses(r, tracer, false);
  return r;
}

void collect(GcTrigger trigger) {
  std::unique_ptr<HeapGraph> dump;
  uint64_t liveBytes;
  {
    StoppedWorld world(trigger == GcTrigger::Forced ? StwReason::GCForced : StwReason::GC);
    // A paced cycle may have been run by another thread while this one
    // waited to stop the world.
    if (trigger == GcTrigger::Heap && alloc::Heap::instance().heapLive() < state().goal.load()) return;
    collectStopped(trigger);
    dump = std::move(state().pendingDump);
    // Read while the world is still stopped: once it starts, another
    // thread's cycle may be writing state().last.
    liveBytes = state().last.marked.bytes;
  }
  // GODEBUG=heapdump: written with the world running (gc/heap_dump.h).
  if (dump != nullptr) writeCycleHeapDump(*dump, runtime::settings().heapdump);
  checkLiveHeapAfterCollection(liveBytes);
}

void detail::beforeSlowAllocation(alloc::MCache& cache, size_t bytes) {
  if (cache.collectionDue || gStress) {
    cache.collectionDue = false;
    collect(gStress ? GcTrigger::Stress : GcTrigger::Heap);
  }
  if (bytes > alloc::kMaxSmallSize) beforeLargeAllocation(bytes);
}

void detail::noteHeapGrowth(alloc::MCache& cache) {
  if (alloc::Heap::instance().heapLive() >= state().goal.load(std::memory_order_relaxed)) {
    cache.collectionDue = true;
  }
}

runtime::Object* allocatePersistent(runtime::Kind kind, size_t bytes) {
  auto* o = static_cast<runtime::Object*>(alloc::Heap::instance().persistentAlloc(bytes));
  o->kind = kind;
  o->flags = runtime::kFlagOffHeap;
  return o;
}

const CycleReport& lastCycle() { return state().last; }
uint64_t numGC() { return state().cycles.load(); }
uint64_t pauseTotalNs() { return state().pauseTotal.load(); }
uint64_t heapGoal() {
  uint64_t g = state().goal.load();
  return g == UINT64_MAX ? 0 : g;
}
int gcPercent() { return state().percent.load(); }
int setGcPercent(int percent) {
  if (percent < 0) percent = -1;
  int old = state().percent.exchange(percent);
  refreshHeapGoal();
  return old;
}
void refreshHeapGoal() {
  state().goal.store(computeHeapGoal(state().last.marked.bytes, state().percent.load(), memoryLimit()));
}
void setStressMode(bool on) { detail::gStress = on; }
bool stressMode() { return detail::gStress; }

}  // namespace goro::gc
