// lang/lib/builtins.cpp: the built-in functions (docs/language.md,
// "Built-in functions"): len, cap, append, delete, make, close, panic,
// recover, print, println, str, int, float, type, and Go 1.21's copy, min,
// max and clear; runes and string convert between strings and code points
// (Go's []rune(s) and string(r)). The compiler turns calls
// of len, panic and recover into instructions of their own; their natives
// serve go and defer statements (defer panic(x)), which hold the built-in
// as a function value.
//
// Choices where Go's static types decide and Goro has none: len and cap of
// nil are 0 (as for Go's nil slices, maps and channels); append to nil makes
// a new array (as appending to a nil slice does); delete from nil does
// nothing. Other operand types panic with Go's compile-time wording.
// print and println write to standard error, as Go's built-ins do, with
// %v formatting (docs/language.md). clear(a) sets an array's elements to
// nil, the zero value of a language without element types.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <string>
#include <vector>

#include "gc/constructors.h"
#include "sched/chan.h"
#include "lang/lib/natives.h"
#include "lang/syntax/utf8.h"
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

// ---------------------------------------------------------------------------
// Go 1.21's copy, min, max, clear

// copy(dst, src): dst an array, src an array or a string (its bytes, as
// ints); copies min(len(dst), len(src)) elements from the front and returns
// that count. nil is an empty array. Arrays are never views of one another
// in Goro (slicing copies), so the only overlap is dst == src, which
// copies each element onto itself.
uint32_t builtinCopy(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "copy", args, nargs).count(2)) return 0;
  Value dst = args[0], src = args[1];
  if (!dst.isNil() && kindOf(dst) != Kind::Array) {
    cx.panicString("invalid argument: copy expects array arguments; found " + std::string(value::typeName(dst)));
    return 0;
  }
  if (!src.isNil() && kindOf(src) != Kind::Array && kindOf(src) != Kind::String) {
    cx.panicString("invalid argument: copy expects array or string source; found " +
                   std::string(value::typeName(src)));
    return 0;
  }
  if (dst.isNil() || src.isNil()) return returnInt(cx, results, 0);
  value::ArrayView to = value::arrayView(arrayOf(dst));
  size_t n = 0;
  if (kindOf(src) == Kind::String) {
    std::string_view bytes = value::stringView(src);
    n = std::min(to.length, bytes.size());
    for (size_t i = 0; i < n; ++i) to.set(i, Value::smallInt(static_cast<uint8_t>(bytes[i])));
  } else {
    value::ArrayView from = value::arrayView(arrayOf(src));
    n = std::min(to.length, from.length);
    for (size_t i = 0; i < n; ++i) to.set(i, from.at(i));
  }
  return returnInt(cx, results, static_cast<int64_t>(n));
}

namespace {

// min and max (Go 1.21): one or more numbers, or one or more strings. The
// result is one of the arguments, as it was (min(1, 2.5) is the int 1);
// ints and floats compare as `<` does. A NaN argument makes the result NaN,
// and min prefers -0.0 to 0.0, max 0.0 to -0.0, as Go's.
uint32_t minOrMax(NativeContext& cx, const Value* args, uint32_t nargs, Value* results, bool isMax) {
  const char* name = isMax ? "max" : "min";
  if (!Args(cx, name, args, nargs).atLeast(1)) return 0;
  bool strings = value::isString(args[0]);
  for (uint32_t i = 0; i < nargs; ++i) {
    if (!value::isString(args[i]) && !value::isNumber(args[i])) {
      cx.panicString("invalid argument: " + std::string(value::typeName(args[i])) + " cannot be ordered in call to " +
                     name);
      return 0;
    }
    if (value::isString(args[i]) != strings) {
      cx.panicString("invalid argument: mismatched types " + std::string(value::typeName(args[0])) + " and " +
                     std::string(value::typeName(args[i])) + " in call to " + name);
      return 0;
    }
  }
  Value best = args[0];
  for (uint32_t i = 0; i < nargs; ++i) {
    Value v = args[i];
    if (v.isFloat() && std::isnan(v.asFloat())) {
      results[0] = v;
      return 1;
    }
    if (i == 0) continue;
    bool better = isMax ? *value::valuesLess(best, v) : *value::valuesLess(v, best);
    if (!better && v.isFloat() && best.isFloat() && v.asFloat() == 0 && best.asFloat() == 0) {
      better = std::signbit(v.asFloat()) != isMax && std::signbit(best.asFloat()) == isMax;
    }
    if (better) best = v;
  }
  results[0] = best;
  return 1;
}

}  // namespace

uint32_t builtinMin(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return minOrMax(cx, args, nargs, results, false);
}

uint32_t builtinMax(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return minOrMax(cx, args, nargs, results, true);
}

// clear(m) deletes every entry of a map; clear(a) sets every element of an
// array to nil (its length stays). clear(nil) does nothing.
uint32_t builtinClear(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!Args(cx, "clear", args, nargs).count(1)) return 0;
  Value v = args[0];
  if (v.isNil()) return 0;
  switch (kindOf(v)) {
    case Kind::Map: value::mapClear(mapOf(v)); return 0;
    case Kind::Array: {
      value::ArrayView a = value::arrayView(arrayOf(v));
      for (size_t i = 0; i < a.length; ++i) a.set(i, Value::nil());
      return 0;
    }
    default: return invalidArgument(cx, v, "clear");
  }
}

// ---------------------------------------------------------------------------
// Strings and code points

// runes(s): the code points of s as an array of ints (Go's []rune(s)); an
// invalid byte is U+FFFD, as ranging over s gives.
uint32_t builtinRunes(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args a(cx, "runes", args, nargs);
  std::string_view s;
  if (!a.count(1) || !a.string(0, &s)) return 0;
  std::vector<Value> codes;
  const char* end = s.data() + s.size();
  for (const char* p = s.data(); p < end;) {
    int width = 1;
    codes.push_back(Value::smallInt(syntax::utf8::decodeRune(p, end, &width)));
    p += width;
  }
  // Small ints only: nothing in codes needs rooting across the allocation.
  results[0] = Value::object(value::newArrayFrom(cx.cache(), codes.data(), codes.size()));
  return 1;
}

// string(x): Go's conversions to string. An int is a code point, encoded in
// UTF-8 (U+FFFD when it is not a valid one: string(-1)); an array of ints is
// the concatenation of its code points (Go's string([]rune{...})); a string
// is itself. Unlike str(x), string(65) is "A", not "65".
uint32_t builtinString(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args a(cx, "string", args, nargs);
  if (!a.count(1)) return 0;
  Value v = args[0];
  auto appendRune = [](std::string& out, int64_t cp) {
    syntax::utf8::encode(syntax::utf8::validRune(cp) ? static_cast<int32_t>(cp) : syntax::utf8::kRuneError, out);
  };
  std::string out;
  if (value::isString(v)) {
    results[0] = v;
    return 1;
  }
  if (value::isInt(v)) {
    appendRune(out, value::intOf(v));
    return returnString(cx, results, out);
  }
  if (kindOf(v) == Kind::Array) {
    value::ArrayView codes = value::arrayView(arrayOf(v));
    for (size_t i = 0; i < codes.length; ++i) {
      Value c = codes.at(i);
      if (!value::isInt(c)) {
        cx.panicString("cannot convert array holding " + std::string(value::typeName(c)) + " to string");
        return 0;
      }
      appendRune(out, value::intOf(c));
    }
    return returnString(cx, results, out);
  }
  cx.panicString("cannot convert " + std::string(value::typeName(v)) + " to string");
  return 0;
}

}  // namespace goro::lang::lib
