// lang/lib/builtins.cpp: the built-in functions (docs/language.md,
// "Built-in functions"): len, cap, append, delete, make, close, panic,
// recover, print, println, str, int, float, type. The compiler turns calls
// of len, panic and recover into instructions of their own; their natives
// serve go and defer statements (defer panic(x)), which hold the built-in
// as a function value.
//
// Choices where Go's static types decide and Goro has none: len and cap of
// nil are 0 (as for Go's nil slices, maps and channels); append to nil makes
// a new array (as appending to a nil slice does); delete from nil does
// nothing. Other operand types panic with Go's compile-time wording.
// print and println write to standard error, as Go's built-ins do, with
// %v formatting (docs/language.md).
#include <atomic>

#include "gc/constructors.h"
#include "sched/chan.h"
#include "lang/lib/natives.h"
#include "lang/value/array_ops.h"
#include "lang/value/format.h"
#include "lang/value/map_ops.h"
#include "lang/value/value_ops.h"

namespace goro::lang::lib {

using runtime::Kind;
using runtime::Value;

namespace {

Kind kindOf(Value v) { return v.isObject() ? v.asObject()->kind : Kind::Count; }
runtime::Array* arrayOf(Value v) { return static_cast<runtime::Array*>(v.asObject()); }
runtime::Map* mapOf(Value v) { return static_cast<runtime::Map*>(v.asObject()); }

uint32_t invalidArgument(NativeContext& cx, Value v, std::string_view builtin) {
  std::string msg = "invalid argument: ";
  msg += value::typeName(v);
  msg += " for built-in ";
  msg += builtin;
  cx.panicString(msg);
  return 0;
}

uint32_t returnInt(NativeContext& cx, Value* result, int64_t i) {
  *result = gc::makeInt(cx.cache(), i);
  return 1;
}

}  // namespace

uint32_t builtinLen(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "len", args, nargs).count(1)) return 0;
  Value v = args[0];
  if (v.isNil()) return returnInt(cx, results, 0);
  switch (kindOf(v)) {
    case Kind::String: return returnInt(cx, results, static_cast<int64_t>(value::stringOf(v)->length));
    case Kind::Array:
      return returnInt(cx, results, static_cast<int64_t>(value::arrayView(arrayOf(v)).length));
    case Kind::Map: return returnInt(cx, results, static_cast<int64_t>(value::mapLen(mapOf(v))));
    case Kind::Chan: {
      // The count is the scheduler's, changed under the channel's lock; a
      // racy but whole read is all len(ch) promises.
      auto* ch = static_cast<runtime::Chan*>(v.asObject());
      return returnInt(cx, results, std::atomic_ref<uint32_t>(ch->count).load(std::memory_order_relaxed));
    }
    default: return invalidArgument(cx, v, "len");
  }
}

uint32_t builtinCap(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "cap", args, nargs).count(1)) return 0;
  Value v = args[0];
  if (v.isNil()) return returnInt(cx, results, 0);
  switch (kindOf(v)) {
    case Kind::Array:
      return returnInt(cx, results, static_cast<int64_t>(value::arrayCapacity(arrayOf(v))));
    case Kind::Chan: return returnInt(cx, results, static_cast<runtime::Chan*>(v.asObject())->capacity);
    default: return invalidArgument(cx, v, "cap");
  }
}

uint32_t builtinAppend(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "append", args, nargs).atLeast(1)) return 0;
  Value a = args[0];
  if (a.isNil()) {
    results[0] = Value::object(value::newArrayFrom(cx.cache(), args + 1, nargs - 1));
    return 1;
  }
  if (kindOf(a) != Kind::Array) {
    std::string msg = "first argument to append must be an array; have ";
    msg += value::typeName(a);
    cx.panicString(msg);
    return 0;
  }
  auto* array = static_cast<runtime::Array*>(a.asObject());
  results[0] = Value::object(value::arrayAppend(cx.cache(), array, args + 1, nargs - 1));
  return 1;
}

uint32_t builtinDelete(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "delete", args, nargs).count(2)) return 0;
  Value m = args[0];
  if (m.isNil()) return 0;
  if (kindOf(m) != Kind::Map) {
    std::string msg = "first argument to delete must be a map; have ";
    msg += value::typeName(m);
    cx.panicString(msg);
    return 0;
  }
  if (!value::isValidMapKey(args[1])) {
    cx.panicString(value::unhashableKeyError(args[1]));
    return 0;
  }
  value::mapDelete(static_cast<runtime::Map*>(m.asObject()), args[1]);
  return 0;
}

uint32_t builtinPrint(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  std::string text;
  for (uint32_t i = 0; i < nargs; i++) value::appendValue(text, args[i]);
  cx.writeStderr(text);
  return 0;
}

uint32_t builtinPrintln(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  std::string text;
  value::appendSprintln(text, args, nargs);
  cx.writeStderr(text);
  return 0;
}

uint32_t builtinStr(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "str", args, nargs).count(1)) return 0;
  results[0] = value::toStr(cx.cache(), args[0]);
  return 1;
}

uint32_t builtinInt(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "int", args, nargs).count(1)) return 0;
  std::string error;
  std::optional<Value> v = value::toInt(cx.cache(), args[0], &error);
  if (!v) {
    cx.panicString(error);
    return 0;
  }
  results[0] = *v;
  return 1;
}

uint32_t builtinFloat(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "float", args, nargs).count(1)) return 0;
  std::string error;
  std::optional<Value> v = value::toFloat(args[0], &error);
  if (!v) {
    cx.panicString(error);
    return 0;
  }
  results[0] = *v;
  return 1;
}

uint32_t builtinType(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "type", args, nargs).count(1)) return 0;
  return returnString(cx, results, value::typeName(args[0]));
}

uint32_t builtinPanic(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!Args(cx, "panic", args, nargs).count(1)) return 0;
  cx.panicValue(args[0]);
  return 0;
}

// recover() called by the defer mechanism itself (`defer recover()`) is not
// called by a deferred function, so, as in Go, it recovers nothing.
uint32_t builtinRecover(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "recover", args, nargs).count(0)) return 0;
  results[0] = Value::nil();
  return 1;
}

// make(chan) and make(chan, n): the compiler passes only n (the chan type
// is syntax).
uint32_t builtinMakeChan(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args a(cx, "make", args, nargs);
  int64_t n = 0;
  if (nargs > 1) {
    a.count(1);
    return 0;
  }
  if (nargs == 1 && !a.integer(0, &n)) return 0;
  if (n < 0 || n > (int64_t{1} << 31)) {
    cx.panicString("makechan: size out of range");
    return 0;
  }
  results[0] = Value::object(sched::makechan(cx.cache(), static_cast<uint32_t>(n)));
  return 1;
}

uint32_t builtinClose(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!Args(cx, "close", args, nargs).count(1)) return 0;
  Value v = args[0];
  runtime::Chan* c = nullptr;
  if (!v.isNil()) {
    if (kindOf(v) != Kind::Chan) {
      cx.panicString("invalid operation: close of non-chan type " + std::string(value::typeName(v)));
      return 0;
    }
    c = static_cast<runtime::Chan*>(v.asObject());
  }
  switch (sched::closechan(c)) {
    case sched::ChanStatus::CloseOfNil: cx.panicString("close of nil channel"); break;
    case sched::ChanStatus::CloseOfClosed: cx.panicString("close of closed channel"); break;
    default: break;
  }
  return 0;
}

}  // namespace goro::lang::lib
