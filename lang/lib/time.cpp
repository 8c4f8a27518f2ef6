// lang/lib/time.cpp: time.Now and time.Since over the monotonic clock, in
// int nanoseconds (time.Sleep is the scheduler's; the duration constants
// are in native_table.cpp's memberValue).
#include <time.h>

#include "gc/constructors.h"
#include "lang/lib/natives.h"

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

}  // namespace goro::lang::lib
