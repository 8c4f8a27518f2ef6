// lang/vm/indexing.cpp: the slow paths of indexing, slicing, len and range
// (docs/language.md "Expressions" and "Statements"): maps through
// lang/value/map_ops.h, arrays and strings through lang/value/array_ops.h,
// and the panics for everything else.
//
// Range state lives in three registers from the loop's A: R[A] the value
// ranged over (an int range keeps its limit there), R[A+1] the cursor,
// R[A+2] the length taken when the loop started (Go evaluates the range
// expression once; for a map the cursor is map_ops' insertion-order cursor,
// which tolerates insertions and deletions during the loop).
#include "gc/constructors.h"
#include "lang/lib/native_table.h"
#include "lang/syntax/utf8.h"
#include "lang/value/array_ops.h"
#include "lang/value/map_ops.h"
#include "lang/value/value_ops.h"
#include "lang/vm/exec.h"

namespace goro::lang::vm::detail {

using runtime::Array;
using runtime::Kind;
using runtime::Map;
using runtime::String;

namespace {

Kind kindOf(Value v) { return v.isObject() ? v.asObject()->kind : Kind::Count; }

std::string badIndex(Value key) {
  return "invalid argument: index of type " + std::string(operandType(key)) + " (must be integer)";
}

std::string unhashable(Value key) {
  return "runtime error: hash of unhashable type " + std::string(operandType(key));
}

}  // namespace

Flow Exec::getIndex(size_t dst, Value x, Value key, bool commaOk) {
  Kind kind = kindOf(x);
  if (kind == Kind::Map) {
    if (!isValidMapKey(key)) return throwString(unhashable(key));
    bool found = false;
    Value v = mapGet(static_cast<Map*>(x.asObject()), key, &found);
    Value* s = stack();
    s[dst] = v;
    if (commaOk) s[dst + 1] = Value::boolean(found);
    return Flow::Next;
  }
  if (commaOk) {
    return throwString("invalid operation: comma-ok index of " + std::string(operandType(x)) + " (not a map)");
  }
  if (kind == Kind::Array || kind == Kind::String) {
    if (!isInt(key)) return throwString(badIndex(key));
    int64_t i = intOf(key);
    if (kind == Kind::Array) {
      auto* a = static_cast<Array*>(x.asObject());
      Value v;
      if (!arrayGet(a, i, &v)) return throwString(indexError(i, arrayLength(a)));
      stack()[dst] = v;
      return Flow::Next;
    }
    auto* s = static_cast<String*>(x.asObject());
    if (i < 0 || static_cast<uint64_t>(i) >= s->length) return throwString(indexError(i, s->length));
    stack()[dst] = Value::smallInt(static_cast<uint8_t>(s->data[i]));
    return Flow::Next;
  }
  return throwString("invalid operation: cannot index " + std::string(operandType(x)));
}

Flow Exec::setIndex(Value x, Value key, Value v) {
  Kind kind = kindOf(x);
  if (kind == Kind::Map) {
    if (!mapSet(*cache_, static_cast<Map*>(x.asObject()), key, v)) return throwString(unhashable(key));
    return Flow::Next;
  }
  if (kind == Kind::Array) {
    if (!isInt(key)) return throwString(badIndex(key));
    auto* a = static_cast<Array*>(x.asObject());
    int64_t i = intOf(key);
    if (!arraySet(a, i, v)) return throwString(indexError(i, arrayLength(a)));
    return Flow::Next;
  }
  if (x.isNil()) return throwString("assignment to entry in nil map");
  if (kind == Kind::String) return throwString("invalid operation: cannot assign to an element of a string");
  return throwString("invalid operation: cannot index " + std::string(operandType(x)));
}

Flow Exec::sliceOp(size_t dst, size_t src) {
  Value* s = stack();
  Value x = s[src], lo = s[src + 1], hi = s[src + 2];
  int64_t l = 0, h = kSliceToEnd;
  if (!lo.isNil()) {
    if (!isInt(lo)) return throwString(badIndex(lo));
    l = intOf(lo);
  }
  if (!hi.isNil()) {
    if (!isInt(hi)) return throwString(badIndex(hi));
    h = intOf(hi);
    if (h == kSliceToEnd) h = kSliceToEnd + 1;  // still negative: still an error
  }
  std::string err;
  Kind kind = kindOf(x);
  if (kind == Kind::Array) {
    Array* a = arraySlice(*cache_, static_cast<Array*>(x.asObject()), l, h, &err);
    if (a == nullptr) return throwString(err);
    stack()[dst] = Value::object(a);
    return Flow::Next;
  }
  if (kind == Kind::String) {
    String* r = stringSlice(*cache_, static_cast<String*>(x.asObject()), l, h, &err);
    if (r == nullptr) return throwString(err);
    stack()[dst] = Value::object(r);
    return Flow::Next;
  }
  return throwString("cannot slice " + std::string(operandType(x)));
}

Flow Exec::lenOp(size_t dst, Value x) {
  Kind kind = kindOf(x);
  int64_t n;
  if (kind == Kind::Map) {
    n = static_cast<int64_t>(mapLen(static_cast<Map*>(x.asObject())));
  } else if (kind == Kind::Array) {
    n = static_cast<int64_t>(arrayLength(static_cast<Array*>(x.asObject())));
  } else if (kind == Kind::String) {
    n = static_cast<int64_t>(static_cast<String*>(x.asObject())->length);
  } else if (kind == Kind::Chan) {
    n = static_cast<runtime::Chan*>(x.asObject())->count;
  } else if (x.isNil()) {
    n = 0;
  } else {
    return throwString("invalid argument: " + std::string(operandType(x)) + " for built-in len");
  }
  stack()[dst] = Value::smallInt(n);
  return Flow::Next;
}

Flow Exec::rangePrep(size_t a) {
  Value* s = stack();
  Value x = s[a];
  s[a + 1] = Value::smallInt(0);
  s[a + 2] = Value::smallInt(0);
  if (isInt(x)) {
    int64_t n = intOf(x);
    if (n < 0) n = 0;
    if (n > Value::kSmallIntMax) n = Value::kSmallIntMax;
    s[a] = Value::smallInt(n);
    return Flow::Next;
  }
  switch (kindOf(x)) {
    case Kind::Array: s[a + 2] = Value::smallInt(static_cast<int64_t>(arrayLength(static_cast<Array*>(x.asObject())))); break;
    case Kind::String: s[a + 2] = Value::smallInt(static_cast<int64_t>(static_cast<String*>(x.asObject())->length)); break;
    case Kind::Map: break;
    case Kind::Chan: break;  // RANGENEXT receives until the channel is closed
    default:
      if (x.isNil()) {
        s[a] = Value::smallInt(0);
        break;
      }
      return throwString("cannot range over " + std::string(operandType(x)));
  }
  return Flow::Next;
}

Flow Exec::rangeNext(size_t a, unsigned keyReg, unsigned valueReg, size_t base, bool* more) {
  Value* s = stack();
  Value x = s[a];
  int64_t cur = s[a + 1].asSmallInt();
  Value key, value;
  *more = false;
  switch (kindOf(x)) {
    case Kind::Array: {
      if (cur >= s[a + 2].asSmallInt()) return Flow::Next;
      if (!arrayGet(static_cast<Array*>(x.asObject()), cur, &value)) return Flow::Next;
      key = Value::smallInt(cur);
      s[a + 1] = Value::smallInt(cur + 1);
      break;
    }
    case Kind::String: {
      // By rune, as Go: the key is the byte index where the rune starts, an
      // invalid byte is U+FFFD of width 1. ASCII needs no decoding.
      int64_t end = s[a + 2].asSmallInt();
      if (cur >= end) return Flow::Next;
      const char* p = static_cast<String*>(x.asObject())->data + cur;
      int width = 1;
      int32_t rune = static_cast<uint8_t>(*p);
      if (rune >= 0x80) rune = syntax::utf8::decodeRune(p, p + (end - cur), &width);
      key = Value::smallInt(cur);
      value = Value::smallInt(rune);
      s[a + 1] = Value::smallInt(cur + width);
      break;
    }
    case Kind::Map: {
      auto cursor = static_cast<size_t>(cur);
      if (!mapNext(static_cast<Map*>(x.asObject()), &cursor, &key, &value)) return Flow::Next;
      s[a + 1] = Value::smallInt(static_cast<int64_t>(cursor));
      break;
    }
    case Kind::Chan: {
      // for v := range ch: v is the value received; the loop ends when the
      // channel is closed and drained.
      return rangeChanNext(x, keyReg != kNoReg ? &s[base + keyReg] : nullptr, more);
    }
    default: return Flow::Next;
  }
  if (keyReg != kNoReg) s[base + keyReg] = key;
  if (valueReg != kNoReg) s[base + valueReg] = value;
  *more = true;
  return Flow::Next;
}

Flow Exec::getMethod(size_t dst, Value x, Value name) {
  std::string n(stringView(name));
  if (x.isObject()) {
    Kind kind = x.asObject()->kind;
    // A timer's one field: t.C, its channel (lib/time.cpp).
    if (kind == Kind::Timer && n == "C") {
      stack()[dst] = Value::object(static_cast<runtime::Timer*>(x.asObject())->c);
      return Flow::Next;
    }
    if (NativeFn fn = syncMethod(kind, n)) {
      // A method value bound to x (x stays rooted in its register).
      runtime::NativeFunc* f = newNativeFunc(*cache_, std::string(operandType(x)) + "." + n, fn);
      f->receiver = x;
      stack()[dst] = Value::object(f);
      return Flow::Next;
    }
  }
  return throwString(std::string(operandType(x)) + "." + n + " undefined (type " + std::string(operandType(x)) +
                     " has no field or method " + n + ")");
}

}  // namespace goro::lang::vm::detail
