// The allp-race scenario: see allp_race.h.
#include "stress/scenarios/allp_race.h"

#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <string>

#include "alloc/mheap.h"
#include "alloc/poison.h"
#include "gc/collector.h"
#include "gc/constructors.h"
#include "gc/root_slots.h"
#include "gc/world.h"
#include "runtime/exit.h"
#include "runtime/lockrank.h"
#include "runtime/trace_events.h"
#include "sched/sched.h"
#include "sched/testhooks.h"
#include "stress/scenarios/callable_goroutines.h"
#include "stress/scenarios/run_in_child.h"

namespace goro::stress::scenarios {

namespace {

namespace hooks = sched::testhooks;
using runtime::AllpSnapshotMode;

constexpr int kHoldTimeoutMs = 10000;
constexpr int kJunkObjects = 20000;

void say(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void say(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  std::vfprintf(stdout, fmt, ap);
  va_end(ap);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

[[noreturn]] void failStep(const char* what) {
  say("scenario error: %s", what);
  _exit(3);
}

// The collector's account of what keeps the old array alive (world stopped
// inside): the slots that hold it, and whether anything else reaches it.
void reportRetainers(const runtime::Object* a, const char* when) {
  gc::StoppedWorld world(gc::StwReason::TestHookRace);
  gc::Retainers r = gc::findRetainers(a);
  if (!r.reachable) {
    say("%s: no root reaches the old array", when);
    return;
  }
  std::string names;
  for (const std::string& n : r.direct) names += (names.empty() ? "" : ", ") + n;
  if (r.direct.empty()) {
    std::optional<gc::RootPath> path = gc::findRootPath(a);
    say("%s: the old array is reached through %s", when, path ? gc::describeRootPath(*path).c_str() : "?");
  } else {
    say("%s: the old array is kept alive by %s%s", when, names.c_str(),
        r.reachableWithoutDirect ? " (and reached through other roots too)" : " (no other root reaches it)");
    // What runtime.WhyAlive would say of it: a shortest path from a root.
    if (std::optional<gc::RootPath> path = gc::findRootPath(a)) {
      say("%s: why alive: %s", when, gc::describeRootPath(*path).c_str());
    }
  }
}

// The six steps, in the child process. Exits 0 if M1 got through its reads.
[[noreturn]] void runSteps(const AllpRaceOptions& o) {
  if (!o.traceFile.empty()) {
    std::string error;
    if (!runtime::trace::start(o.traceFile, "goro-stress scenario allp-race", &error)) failStep(error.c_str());
  }
  runtime::settings().gcroots = o.gcroots;
  startScheduler(o.mode, true, 0, 2);
  hooks::setAllmScanSkipsSnapshot(o.skipRoot);
  alloc::Heap& heap = alloc::Heap::instance();
  say("allp-race: allpsnapshot=%s%s, clobberfree=1, GOMAXPROCS=2", runtime::allpSnapshotModeName(o.mode),
      o.skipRoot ? " with the allm scanner skipping allpSnapshot" : "");

  // 1.
  runtime::PArray* a = hooks::currentAllp();
  // Read now: after step 4 the array may be freed memory.
  const uint32_t oldCapacity = a->capacity;
  const size_t oldBytes = sizeof(runtime::PArray) + oldCapacity * sizeof(void*);
  if (a->length() != oldCapacity) failStep("allp is not full at the start");
  say("step 1: allp is array %p, len=%u cap=%u: growing it needs a new array", static_cast<void*>(a), a->length(),
      a->capacity);

  // 2.
  hooks::armTailHold();
  spawn([](sched::G*, sched::M*) { return sched::RunOutcome::Returned; });
  sched::M* m1 = hooks::waitTailHeld(kHoldTimeoutMs);
  if (m1 == nullptr) failStep("no M reached findRunnable's P-less tail");
  if (hooks::heldSnapshotArray() != a) failStep("the held M snapshotted another array");
  say("step 2: M%lld snapshotted allp (%p) %s, dropped its P and is held before reading it",
      static_cast<long long>(m1->id), static_cast<void*>(a),
      o.mode == AllpSnapshotMode::M ? "into m->allpSnapshot" : "into a local on its native stack");

  // 3.
  uint32_t newProcs = oldCapacity + 1;
  sched::setGomaxprocs(static_cast<int>(newProcs));
  runtime::PArray* b = hooks::currentAllp();
  if (b == a) failStep("procresize kept the old array");
  say("step 3: GOMAXPROCS %u -> %u: new allp array %p (len=%u cap=%u); %s", oldCapacity, newProcs,
      static_cast<void*>(b), b->length(), b->capacity,
      o.mode == AllpSnapshotMode::Persistent ? "the old one came from the persistent allocator"
                                              : "the old one is referenced only by snapshots");

  // 4.
  gc::collect();
  bool alive = heap.isAllocatedObject(a);
  say("step 4: collection %llu: the old array is %s", static_cast<unsigned long long>(gc::lastCycle().cycle),
      heap.isPersistentObject(a) ? "persistent (never freed)" : alive ? "alive" : "freed");
  if (alive) reportRetainers(a, "step 4");

  // 5.
  if (!alive && o.reuse) {
    alloc::MCache cache;
    size_t payload = oldBytes - sizeof(runtime::Bytes);
    for (int i = 0; i < kJunkObjects; i++) {
      runtime::Bytes* junk = gc::newBytes(cache, payload);
      std::memset(junk->data, 0xAB, junk->size);
    }
    cache.releaseAll();
    say("step 5: allocated %d objects of the array's size over the freed memory, filled with 0xAB", kJunkObjects);
  } else if (!alive) {
    say("step 5: skipped (-reuse=false): the freed memory stays freed%s",
        alloc::kAsan ? " and poisoned, for the address sanitizer" : "");
  } else {
    say("step 5: nothing to reuse");
  }

  // 6.
  say("step 6: M%lld released: it reads its snapshot now", static_cast<long long>(m1->id));
  hooks::releaseTailHold();
  if (!hooks::waitTailDone(kHoldTimeoutMs)) failStep("the released M did not finish its reads");
  say("M%lld read its snapshot safely", static_cast<long long>(m1->id));
  if (o.mode == AllpSnapshotMode::M && !o.skipRoot) {
    // As in Go, the M keeps its snapshot while it sleeps, until it next
    // holds a P: the old array is still retained, by allm alone.
    for (int i = 0; i < 2000 && !m1->blocked.load(); i++) usleep(1000);
    if (m1->allpSnapshot.load() == a) {
      gc::collect();
      say("after: M%lld sleeps in stopm still holding the snapshot; collection %llu: the old array is %s",
          static_cast<long long>(m1->id), static_cast<unsigned long long>(gc::lastCycle().cycle),
          heap.isAllocatedObject(a) ? "alive" : "freed");
      if (heap.isAllocatedObject(a)) reportRetainers(a, "after");
    }
  }
  if (o.mode == AllpSnapshotMode::Persistent) {
    sched::Stats st = sched::stats();
    say("persistent: %llu allp arrays leaked on purpose (%llu bytes, masks included)",
        static_cast<unsigned long long>(st.persistentArrays), static_cast<unsigned long long>(st.persistentBytes));
  }
  std::fflush(stdout);
  runtime::exitNow(0);
}

bool contains(const std::string& s, const char* what) { return s.find(what) != std::string::npos; }

}  // namespace

int runAllpRace(const AllpRaceOptions& o) {
  // A trace file that cannot be written is a usage error, found before the
  // child starts.
  if (!o.traceFile.empty()) {
    std::FILE* f = std::fopen(o.traceFile.c_str(), "w");
    if (f == nullptr) {
      std::fprintf(stderr, "allp-race: cannot write the trace: open %s: %s\n", o.traceFile.c_str(),
                   std::strerror(errno));
      return 2;
    }
    std::fclose(f);
  }
  ChildResult child = runInChild([&o] { runSteps(o); }, true);
  const std::string& out = child.output;
  bool survived = child.exitedWith(0);
  bool byRuntime = contains(out, "fatal error: findRunnable: allpSnapshot use-after-free");
  bool bySanitizer = contains(out, "AddressSanitizer: heap-use-after-free");
  bool mustDetect = o.mode == AllpSnapshotMode::Stack || o.skipRoot;
  std::string how = child.describe();
  if (mustDetect) {
    if (bySanitizer || byRuntime) {
      say("result: PASS: the stale read was detected by %s (%s)",
          bySanitizer ? "AddressSanitizer (heap-use-after-free)" : "the runtime's check", how.c_str());
      return 0;
    }
    say("result: FAIL: the stale read was %s (%s)", survived ? "NOT detected" : "not reported as a use-after-free",
        how.c_str());
    return 1;
  }
  if (!survived) {
    say("result: FAIL: mode %s must survive, but the run ended with %s", runtime::allpSnapshotModeName(o.mode),
        how.c_str());
    return 1;
  }
  if (o.mode == AllpSnapshotMode::M && !contains(out, "kept alive by allm[")) {
    say("result: FAIL: the collector did not name an allm snapshot as what kept the old array");
    return 1;
  }
  say("result: PASS: mode %s survived", runtime::allpSnapshotModeName(o.mode));
  return 0;
}

}  // namespace goro::stress::scenarios
