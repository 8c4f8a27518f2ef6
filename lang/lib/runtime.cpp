// lang/lib/runtime.cpp: the runtime module: GOMAXPROCS, NumGoroutine and
// Gosched through the scheduler (sched/proc.h), GC through the collector,
// NumCPU, ReadMemStats and HeapDump.
//
// HeapDump(path) writes the live heap as a graph (gc/heap_dump.h: DOT, or
// JSON for a path ending in .json) and returns nil, or the error text as
// os.ReadFile reports it ("open /tmp: is a directory"). The world is
// stopped only while the graph is captured; the file is written after, as
// a blocking system call.
//
// ReadMemStats returns a map, in this order: HeapAlloc HeapObjects
// TotalAlloc Mallocs Frees HeapSys HeapInuse HeapReleased NextGC NumGC
// PauseTotalNs, all ints, read with the world stopped (gc::readMemStats).
#include <algorithm>
#include <atomic>

#include "gc/collector.h"
#include "gc/constructors.h"
#include "gc/handles.h"
#include "gc/heap_dump.h"
#include "gc/memstats.h"
#include "lang/lib/natives.h"
#include "lang/value/map_ops.h"
#include "runtime/settings.h"
#include "sched/proc.h"

namespace goro::lang::lib {

using runtime::Value;

namespace {

// What runtime.GOMAXPROCS reports and sets when no scheduler runs.
std::atomic<int> gFallbackGomaxprocs{1};

}  // namespace

void setFallbackGomaxprocs(int n) { gFallbackGomaxprocs.store(n); }

uint32_t runtimeGOMAXPROCS(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t n;
  Args a(cx, "runtime.GOMAXPROCS", args, nargs);
  if (!a.count(1) || !a.integer(0, &n)) return 0;
  int previous;
  if (sched::initialized()) {
    // Stops the world when n changes it; the cache follows this M
    // (sched/procresize.cpp), so cx.cache() stays valid.
    int want = n < 1 ? 0 : static_cast<int>(std::min<int64_t>(n, runtime::kMaxGomaxprocs));
    previous = want == 0 ? sched::gomaxprocs() : sched::setGomaxprocs(want);
  } else {
    previous = gFallbackGomaxprocs.load();
    if (n >= 1) gFallbackGomaxprocs.store(static_cast<int>(std::min<int64_t>(n, runtime::kMaxGomaxprocs)));
  }
  results[0] = Value::smallInt(previous);
  return 1;
}

uint32_t runtimeNumGoroutine(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "runtime.NumGoroutine", args, nargs).count(0)) return 0;
  results[0] = Value::smallInt(sched::initialized() ? sched::numGoroutine() : 1);
  return 1;
}

uint32_t runtimeGC(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!Args(cx, "runtime.GC", args, nargs).count(0)) return 0;
  gc::collect(gc::GcTrigger::Forced);
  return 0;
}

uint32_t runtimeGosched(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!Args(cx, "runtime.Gosched", args, nargs).count(0)) return 0;
  yieldGoroutine<syntax::Member::RuntimeGosched>(cx);
  return 0;
}

uint32_t runtimeNumCPU(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "runtime.NumCPU", args, nargs).count(0)) return 0;
  results[0] = Value::smallInt(runtime::numCPU());
  return 1;
}

uint32_t runtimeReadMemStats(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "runtime.ReadMemStats", args, nargs).count(0)) return 0;
  gc::MemStats stats = gc::readMemStats();
  const struct {
    const char* name;
    uint64_t value;
  } fields[] = {
      {"HeapAlloc", stats.heapAlloc},   {"HeapObjects", stats.heapObjects},
      {"TotalAlloc", stats.totalAlloc}, {"Mallocs", stats.mallocs},
      {"Frees", stats.frees},           {"HeapSys", stats.heapSys},
      {"HeapInuse", stats.heapInUse},   {"HeapReleased", stats.heapReleased},
      {"NextGC", stats.nextGC},         {"NumGC", stats.numGC},
      {"PauseTotalNs", stats.pauseTotalNs},
  };
  alloc::MCache& cache = cx.cache();
  constexpr uint32_t kFields = sizeof fields / sizeof fields[0];
  gc::Handle<runtime::Map> map(value::newMap(cache, kFields));
  for (const auto& field : fields) {
    gc::Root key(Value::object(gc::newString(cache, field.name)));
    gc::Root value(gc::makeInt(cache, static_cast<int64_t>(field.value)));
    value::mapSet(cache, map.get(), key.get(), value.get());
  }
  results[0] = Value::object(map.get());
  return 1;
}

uint32_t runtimeHeapDump(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "runtime.HeapDump", args, nargs);
  std::string_view path;
  if (!check.count(1) || !check.string(0, &path)) return 0;
  std::string file(path);  // copied: no heap access inside the system call
  gc::HeapGraph graph = gc::captureHeapGraphStoppingTheWorld();
  std::string error;
  bool ok;
  {
    // Rendering and writing touch only the graph (malloc's memory): the P
    // is free for other goroutines meanwhile.
    BlockingCall<syntax::Member::RuntimeHeapDump> call(cx);
    ok = gc::writeHeapDump(graph, file, &error);
  }
  if (ok) {
    results[0] = Value::nil();
    return 1;
  }
  return returnString(cx, results, error);
}

}  // namespace goro::lang::lib
