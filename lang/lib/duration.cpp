// lang/lib/duration.cpp: time.Duration (lang/value/duration.h has the
// representation and the arithmetic rules): the conversion time.Duration(n),
// time.ParseDuration(s) and the methods of a Duration, with Go's
// definitions:
//
//   d.Nanoseconds()   int        d.Seconds()  float
//   d.Microseconds()  int (d/1e3) d.Minutes() float
//   d.Milliseconds()  int (d/1e6) d.Hours()   float
//   d.String()        "1.5s", as fmt prints it
//
// The float methods split the int into whole units and a remainder before
// converting, as Go's do, so they are exact for whole units of any size.
#include "gc/constructors.h"
#include "lang/lib/natives.h"
#include "lang/value/duration.h"
#include "lang/value/value_ops.h"

namespace goro::lang::lib {

using runtime::Value;

namespace {

constexpr int64_t kSecond = 1000000000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;

// The receiver's nanoseconds, after checking that no argument was given.
bool receiverNs(NativeContext& cx, const char* name, const Value* args, uint32_t nargs, int64_t* ns) {
  if (!Args(cx, name, args + 1, nargs - 1).count(0)) return false;
  *ns = value::durationOf(args[0]);
  return true;
}

// d in `unit`s as a float: whole units plus the remainder's fraction.
uint32_t inUnits(NativeContext& cx, const char* name, const Value* args, uint32_t nargs, Value* results,
                 int64_t unit) {
  int64_t ns;
  if (!receiverNs(cx, name, args, nargs, &ns)) return 0;
  results[0] = Value::fromFloat(static_cast<double>(ns / unit) + static_cast<double>(ns % unit) / static_cast<double>(unit));
  return 1;
}

// d / unit, truncated, as an int.
uint32_t wholeUnits(NativeContext& cx, const char* name, const Value* args, uint32_t nargs, Value* results,
                    int64_t unit) {
  int64_t ns;
  if (!receiverNs(cx, name, args, nargs, &ns)) return 0;
  results[0] = gc::makeInt(cx.cache(), ns / unit);
  return 1;
}

}  // namespace

// time.Duration(n): n an int (or a Duration); a float must be converted
// with int() first (Go allows only a constant there).
uint32_t timeDuration(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args a(cx, "time.Duration", args, nargs);
  if (!a.count(1)) return 0;
  if (!value::isInt(args[0])) {
    cx.panicString("cannot convert " + std::string(value::typeName(args[0])) + " to type time.Duration");
    return 0;
  }
  results[0] = value::makeDuration(cx.cache(), value::intOf(args[0]));
  return 1;
}

// time.ParseDuration(s): the Duration and nil, or 0 and Go's error message
// (errors are strings in Goro, as os.ReadFile's).
uint32_t timeParseDuration(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args a(cx, "time.ParseDuration", args, nargs);
  std::string_view s;
  if (!a.count(1) || !a.string(0, &s)) return 0;
  int64_t ns = 0;
  std::string error;
  bool ok = value::parseDuration(s, &ns, &error);
  results[1] = Value::nil();
  results[0] = value::makeDuration(cx.cache(), ok ? ns : 0);
  if (!ok) returnString(cx, &results[1], error);
  return 2;
}

uint32_t durationNanoseconds(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return wholeUnits(cx, "Duration.Nanoseconds", args, nargs, results, 1);
}
uint32_t durationMicroseconds(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return wholeUnits(cx, "Duration.Microseconds", args, nargs, results, 1000);
}
uint32_t durationMilliseconds(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return wholeUnits(cx, "Duration.Milliseconds", args, nargs, results, 1000000);
}
uint32_t durationSeconds(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return inUnits(cx, "Duration.Seconds", args, nargs, results, kSecond);
}
uint32_t durationMinutes(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return inUnits(cx, "Duration.Minutes", args, nargs, results, kMinute);
}
uint32_t durationHours(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return inUnits(cx, "Duration.Hours", args, nargs, results, kHour);
}
uint32_t durationString(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t ns;
  if (!receiverNs(cx, "Duration.String", args, nargs, &ns)) return 0;
  return returnString(cx, results, value::formatDuration(ns));
}

}  // namespace goro::lang::lib
