// lang/lib/debug.cpp: the debug module, Go's runtime/debug: the knobs a
// program may turn on its own runtime, each returning the previous value as
// Go's do.
//
//   SetGCPercent(p)    GOGC from now on (negative: off); gc::setGcPercent.
//   SetMemoryLimit(n)  the heap limit in bytes (gc/memory_limit.h); a
//                      negative n changes nothing and only reports the
//                      limit, as in Go. Goro reports "no limit" as
//                      math.MaxInt64, Go's value for it, and takes
//                      math.MaxInt64 (or 0) as "no limit".
//   SetMaxThreads(n)   the most OS threads (sched/limits.cpp); below the
//                      threads already made, "thread exhaustion" at once.
#include <cstdint>
#include <limits>

#include "gc/collector.h"
#include "gc/constructors.h"
#include "gc/memory_limit.h"
#include "lang/lib/natives.h"
#include "sched/proc.h"

namespace goro::lang::lib {

using runtime::Value;

uint32_t debugSetGCPercent(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t percent;
  Args a(cx, "debug.SetGCPercent", args, nargs);
  if (!a.count(1) || !a.integer(0, &percent)) return 0;
  int clamped = percent > INT32_MAX ? INT32_MAX : percent < 0 ? -1 : static_cast<int>(percent);
  results[0] = Value::smallInt(gc::setGcPercent(clamped));
  return 1;
}

uint32_t debugSetMemoryLimit(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t limit;
  Args a(cx, "debug.SetMemoryLimit", args, nargs);
  if (!a.count(1) || !a.integer(0, &limit)) return 0;
  constexpr int64_t kNoLimit = std::numeric_limits<int64_t>::max();
  uint64_t old = limit < 0 ? gc::memoryLimit()
                           : gc::setMemoryLimit(limit == kNoLimit ? 0 : static_cast<uint64_t>(limit));
  results[0] = gc::makeInt(cx.cache(), old == 0 ? kNoLimit : static_cast<int64_t>(old));
  return 1;
}

uint32_t debugSetMaxThreads(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t n;
  Args a(cx, "debug.SetMaxThreads", args, nargs);
  if (!a.count(1) || !a.integer(0, &n)) return 0;
  int clamped = n > INT32_MAX ? INT32_MAX : n < 0 ? 0 : static_cast<int>(n);
  results[0] = Value::smallInt(sched::setMaxThreads(clamped));
  return 1;
}

}  // namespace goro::lang::lib
