// lang/lib/runtime.cpp: the runtime module: GOMAXPROCS, NumGoroutine and
// Gosched through the scheduler (sched/proc.h), GC through the collector,
// NumCPU, ReadMemStats, the root reports Roots and WhyAlive, and HeapDump.
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
//
// Roots returns GODEBUG=gcroots=1's report, made without collecting
// (gc::reportRoots), as a map from class name (gc/root_classes.h order) to
// a map: slots (the named slots the report found), refs (the references a
// cycle counts), reaches, reachesBytes, retains, retainsBytes, and top: an
// array of at most kSlotsPerClass maps {"slot", "bytes", "objects"}, the
// class's slots that alone retain something, the largest first.
//
// WhyAlive(x) returns the shortest chain of references from a root slot to
// x as a string (gc::whyAliveText: `globals: sink -> array len=1 -> map
// len=2`), or nil when x is not an object or nothing but the call itself
// holds it: its argument register, a temporary of the caller, is cleared
// first (a named local holding x is a root, and is reported).
#include <algorithm>
#include <atomic>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "gc/collector.h"
#include "gc/constructors.h"
#include "gc/gctrace.h"
#include "gc/handles.h"
#include "gc/heap_dump.h"
#include "gc/memstats.h"
#include "gc/root_slots.h"
#include "lang/lib/natives.h"
#include "lang/value/array_ops.h"
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

namespace {

// map[name] = value; value must be rooted by the caller (or not an object).
void setField(alloc::MCache& cache, runtime::Map* map, std::string_view name, Value value) {
  gc::Root v(value);
  gc::Root key(Value::object(gc::newString(cache, name)));
  value::mapSet(cache, map, key.get(), v.get());
}

struct IntField {
  const char* name;
  uint64_t value;
};

// A new map of int fields, in order.
runtime::Map* intFields(alloc::MCache& cache, std::initializer_list<IntField> fields, size_t extra = 0) {
  gc::Handle<runtime::Map> map(value::newMap(cache, static_cast<uint32_t>(fields.size() + extra)));
  for (const IntField& f : fields) {
    gc::Root v(gc::makeInt(cache, static_cast<int64_t>(f.value)));
    setField(cache, map.get(), f.name, v.get());
  }
  return map.get();
}

// One root class of a report, as Roots returns it (see the top of the file).
runtime::Map* rootClassMap(alloc::MCache& cache, const gc::CycleReport& r, gc::RootClass rc,
                           const std::vector<const gc::RootSlot*>& retaining) {
  auto c = static_cast<size_t>(rc);
  gc::Handle<runtime::Map> map(intFields(cache,
                                         {{"slots", gc::slotCount(r, rc)},
                                          {"refs", r.rootRefs[c]},
                                          {"reaches", r.reachable[c].objects},
                                          {"reachesBytes", r.reachable[c].bytes},
                                          {"retains", r.retained[c].objects},
                                          {"retainsBytes", r.retained[c].bytes}},
                                         1));
  gc::Handle<runtime::Array> top(gc::newArray(cache, 0));
  size_t shown = 0;
  for (const gc::RootSlot* s : retaining) {
    if (s->rootClass != rc || shown == gc::kSlotsPerClass) continue;
    shown++;
    gc::Handle<runtime::Map> entry(intFields(cache, {{"bytes", s->retains.bytes}, {"objects", s->retains.objects}}, 1));
    gc::Root name(Value::object(gc::newString(cache, s->name)));
    setField(cache, entry.get(), "slot", name.get());
    Value v = Value::object(entry.get());
    value::arrayAppend(cache, top.get(), &v, 1);
  }
  setField(cache, map.get(), "top", Value::object(top.get()));
  return map.get();
}

}  // namespace

uint32_t runtimeRoots(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "runtime.Roots", args, nargs).count(0)) return 0;
  gc::CycleReport r = gc::reportRoots();
  std::vector<const gc::RootSlot*> retaining = gc::slotsByRetention(r);
  alloc::MCache& cache = cx.cache();
  gc::Handle<runtime::Map> map(value::newMap(cache, static_cast<uint32_t>(gc::kRootClassCount)));
  for (size_t c = 0; c < gc::kRootClassCount; c++) {
    auto rc = static_cast<gc::RootClass>(c);
    gc::Root cls(Value::object(rootClassMap(cache, r, rc, retaining)));
    setField(cache, map.get(), gc::rootClassName(rc), cls.get());
  }
  results[0] = Value::object(map.get());
  return 1;
}

uint32_t runtimeWhyAlive(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "runtime.WhyAlive", args, nargs).count(1)) return 0;
  results[0] = Value::nil();
  if (!args[0].isObject()) return 1;
  const runtime::Object* target = args[0].asObject();
  // The argument's register is the caller's temporary for this very call
  // (the compiler copies every argument into fresh registers), not a root
  // of x: clear it, so that only what holds x besides the call is found.
  const_cast<Value*>(args)[0] = Value::nil();
  std::optional<std::string> path = gc::whyAliveText(target);
  if (!path) return 1;
  return returnString(cx, results, *path);
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
