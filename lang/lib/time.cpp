// lang/lib/time.cpp: the time module: Now and Since over the monotonic
// clock, in int nanoseconds since the program started; Sleep and the
// timers (After, Tick, NewTimer, NewTicker and their methods Stop and
// Reset; t.C is read by GETMETHOD, lang/vm/indexing.cpp) on the
// scheduler's per-P timer heaps (sched/timers.h); and the durations
// Nanosecond ... Hour, which are Durations (lib/duration.cpp,
// lang/value/duration.h), as time.Since's result is.
//
// A timer is a runtime::Timer object (Kind Timer, type() "Timer" or
// "Ticker"); its C is a channel of capacity 1 that receives, when the timer
// fires, the time as time.Now() reads it (an int, where Go sends a
// time.Time). time.After and time.Tick return only the channel; the channel
// keeps its timer alive and nothing else needs to (sched/timers.cpp, "The
// collector and a pending timer").
#include <time.h>

#include "gc/constructors.h"
#include "lang/lib/natives.h"
#include "lang/value/duration.h"
#include "sched/proc.h"
#include "sched/timers.h"

namespace goro::lang::lib {

using runtime::Value;

namespace {

runtime::Timer* timerOf(const Value* args) { return static_cast<runtime::Timer*>(args[0].asObject()); }

const char* receiverName(runtime::Timer* t, const char* timerName, const char* tickerName) {
  return sched::isTicker(t) ? tickerName : timerName;
}

// The one int argument of a time function that takes a duration.
bool durationArg(NativeContext& cx, const char* fn, const Value* args, uint32_t nargs, int64_t* d) {
  Args a(cx, fn, args, nargs);
  return a.count(1) && a.integer(0, d);
}

// Timers live on the scheduler's heaps: without one (the interpreter's unit
// tests) there is nowhere to put them.
bool haveScheduler(NativeContext& cx, const char* fn) {
  if (sched::currentG() != nullptr) return true;
  cx.panicString(std::string(fn) + ": timers need the scheduler");
  return false;
}

// A new timer (period 0) or ticker, armed to fire d ns from now.
runtime::Timer* startTimer(NativeContext& cx, int64_t d, int64_t period) {
  runtime::Timer* t = sched::newTimer(cx.cache(), period);
  sched::resetTimer(t, d, period);
  return t;
}

}  // namespace

uint32_t timeNow(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "time.Now", args, nargs).count(0)) return 0;
  results[0] = gc::makeInt(cx.cache(), sched::clockSinceStart());
  return 1;
}

uint32_t timeSince(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "time.Since", args, nargs);
  int64_t t;
  if (!check.count(1) || !check.integer(0, &t)) return 0;
  results[0] = value::makeDuration(
      cx.cache(), static_cast<int64_t>(static_cast<uint64_t>(sched::clockSinceStart()) - static_cast<uint64_t>(t)));
  return 1;
}

// time.Sleep parks the goroutine on its P's timer heap (sched/timers.h).
// Without a scheduler (unit tests of the interpreter) the thread sleeps.
uint32_t timeSleep(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  int64_t ns;
  if (!durationArg(cx, "time.Sleep", args, nargs, &ns)) return 0;
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

// time.After(d): the channel of a new timer firing once, d ns from now.
uint32_t timeAfter(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t d;
  if (!durationArg(cx, "time.After", args, nargs, &d) || !haveScheduler(cx, "time.After")) return 0;
  results[0] = Value::object(startTimer(cx, d, 0)->c);
  return 1;
}

// time.Tick(d): the channel of a new ticker; nil for d <= 0, as Go's.
uint32_t timeTick(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t d;
  if (!durationArg(cx, "time.Tick", args, nargs, &d) || !haveScheduler(cx, "time.Tick")) return 0;
  results[0] = d <= 0 ? Value::nil() : Value::object(startTimer(cx, d, d)->c);
  return 1;
}

uint32_t timeNewTimer(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t d;
  if (!durationArg(cx, "time.NewTimer", args, nargs, &d) || !haveScheduler(cx, "time.NewTimer")) return 0;
  results[0] = Value::object(startTimer(cx, d, 0));
  return 1;
}

uint32_t timeNewTicker(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t d;
  if (!durationArg(cx, "time.NewTicker", args, nargs, &d) || !haveScheduler(cx, "time.NewTicker")) return 0;
  if (d <= 0) {
    cx.panicString("non-positive interval for NewTicker");
    return 0;
  }
  results[0] = Value::object(startTimer(cx, d, d));
  return 1;
}

// The methods' receiver is args[0], a Timer (or a Ticker: a Timer with a
// period); the script's arguments follow.

// t.Stop(): a Timer returns whether it stopped a pending fire; a Ticker
// returns nothing (as Go's Ticker.Stop).
uint32_t timerStop(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  runtime::Timer* t = timerOf(args);
  if (!Args(cx, receiverName(t, "Timer.Stop", "Ticker.Stop"), args + 1, nargs - 1).count(0)) return 0;
  bool pending = sched::stopTimer(t);
  if (sched::isTicker(t)) return 0;
  results[0] = Value::boolean(pending);
  return 1;
}

// t.Reset(d): re-arms the timer d ns from now; a Timer returns whether it
// was pending; a Ticker takes d as its new period (d <= 0 panics
// "non-positive interval for Ticker.Reset") and returns nothing.
uint32_t timerReset(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  runtime::Timer* t = timerOf(args);
  bool ticker = sched::isTicker(t);
  const char* name = receiverName(t, "Timer.Reset", "Ticker.Reset");
  int64_t d;
  if (!durationArg(cx, name, args + 1, nargs - 1, &d) || !haveScheduler(cx, name)) return 0;
  if (ticker && d <= 0) {
    cx.panicString("non-positive interval for Ticker.Reset");
    return 0;
  }
  bool pending = sched::resetTimer(t, d, ticker ? d : 0);
  if (ticker) return 0;
  results[0] = Value::boolean(pending);
  return 1;
}

// The units are Durations, as Go's constants are (2 * time.Second prints 2s).
Value timeNanosecond(alloc::MCache& cache) { return value::makeDuration(cache, 1); }
Value timeMicrosecond(alloc::MCache& cache) { return value::makeDuration(cache, 1000); }
Value timeMillisecond(alloc::MCache& cache) { return value::makeDuration(cache, 1000000); }
Value timeSecond(alloc::MCache& cache) { return value::makeDuration(cache, 1000000000); }
Value timeMinute(alloc::MCache& cache) { return value::makeDuration(cache, 60 * int64_t{1000000000}); }
Value timeHour(alloc::MCache& cache) { return value::makeDuration(cache, 3600 * int64_t{1000000000}); }

}  // namespace goro::lang::lib
