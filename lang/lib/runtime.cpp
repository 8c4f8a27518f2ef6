// lang/lib/runtime.cpp: runtime.NumCPU and runtime.ReadMemStats (the other
// runtime members belong to the scheduler and the interpreter).
//
// ReadMemStats returns a map, in this order: HeapAlloc HeapObjects
// TotalAlloc Mallocs Frees HeapSys HeapInuse HeapReleased NextGC NumGC
// PauseTotalNs, all ints, read with the world stopped (gc::readMemStats).
#include "gc/constructors.h"
#include "gc/handles.h"
#include "gc/memstats.h"
#include "lang/lib/natives.h"
#include "lang/value/map_ops.h"
#include "runtime/settings.h"

namespace goro::lang::lib {

using runtime::Value;

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

}  // namespace goro::lang::lib
