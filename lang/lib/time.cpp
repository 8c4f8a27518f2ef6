// lang/lib/time.cpp: the time module: Now and Since over the monotonic
// clock, in int nanoseconds; Sleep on the scheduler's per-P timers
// (sched/timers.h); and the durations Nanosecond ... Second.
#include <time.h>

#include "gc/constructors.h"
#include "lang/lib/natives.h"
#include "sched/proc.h"
#include "sched/timers.h"

namespace goro::lang::lib {

using runtime::Value;

namespace {

int64_t monotonicNs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

}  // namespace

uint32_t timeNow(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "time.Now", args, nargs).count(0)) return 0;
  results[0] = gc::makeInt(cx.cache(), monotonicNs());
  return 1;
}

uint32_t timeSince(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "time.Since", args, nargs);
  int64_t t;
  if (!check.count(1) || !check.integer(0, &t)) return 0;
  results[0] = gc::makeInt(cx.cache(), static_cast<int64_t>(static_cast<uint64_t>(monotonicNs()) - static_cast<uint64_t>(t)));
  return 1;
}

// time.Sleep parks the goroutine on its P's timer heap (sched/timers.h).
// Without a scheduler (unit tests of the interpreter) the thread sleeps.
uint32_t timeSleep(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  int64_t ns;
  Args a(cx, "time.Sleep", args, nargs);
  if (!a.count(1) || !a.integer(0, &ns)) return 0;
  if (ns <= 0) return 0;
  if (sched::currentG() != nullptr) {
    if (sched::sleep(ns)) parkGoroutine<syntax::Member::TimeSleep>(cx);
    return 0;
  }
  timespec ts{static_cast<time_t>(ns / 1000000000), static_cast<long>(ns % 1000000000)};
  while (nanosleep(&ts, &ts) != 0) {
  }
  return 0;
}

Value timeNanosecond(alloc::MCache&) { return Value::smallInt(1); }
Value timeMicrosecond(alloc::MCache&) { return Value::smallInt(1000); }
Value timeMillisecond(alloc::MCache&) { return Value::smallInt(1000000); }
Value timeSecond(alloc::MCache&) { return Value::smallInt(1000000000); }

}  // namespace goro::lang::lib
