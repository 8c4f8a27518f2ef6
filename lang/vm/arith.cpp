// lang/vm/arith.cpp: the slow paths of the operators (docs/language.md,
// "Expressions"), used when the interpreter's small-int and float fast
// paths do not apply: wide and boxed ints, mixed int/float operands, string
// concatenation and comparison, time.Duration operands
// (lang/value/duration.h: an int result with a Duration operand is a
// Duration), and the panics.
//
// Panic messages: Go's runtime errors keep Go's text and its "runtime
// error: " prefix (integer divide by zero, negative shift amount); misuse
// that Go's type checker would reject reads as its compile error does,
// without the prefix ("invalid operation: operator - not defined on
// string", "invalid operation: int + string (mismatched types int and
// string)").
#include <cstring>

#include "gc/constructors.h"
#include "lang/value/duration.h"
#include "lang/value/value_ops.h"
#include "lang/vm/exec.h"

namespace goro::lang::vm::detail {

const char* arithOpName(ArithOp op) {
  static const char* const kNames[] = {"+", "-", "*", "/", "%", "&", "|", "^", "&^", "<<", ">>"};
  return kNames[static_cast<int>(op)];
}

std::string_view operandType(Value v) {
  if (v.bits() == kWideBits) return "int";
  return typeName(v);
}

// The one definition of int arithmetic is intArithT (exec.h); this picks
// its instance for an op known only at run time.
bool intArith(ArithOp op, int64_t a, int64_t b, int64_t* out, const char** error) {
  switch (op) {
#define GORO_INT_ARITH_CASE(o) \
  case ArithOp::o:             \
    return intArithT<ArithOp::o>(a, b, out, error);
    GORO_INT_ARITH_CASE(Add)
    GORO_INT_ARITH_CASE(Sub)
    GORO_INT_ARITH_CASE(Mul)
    GORO_INT_ARITH_CASE(Div)
    GORO_INT_ARITH_CASE(Mod)
    GORO_INT_ARITH_CASE(And)
    GORO_INT_ARITH_CASE(Or)
    GORO_INT_ARITH_CASE(Xor)
    GORO_INT_ARITH_CASE(AndNot)
    GORO_INT_ARITH_CASE(Shl)
    GORO_INT_ARITH_CASE(Shr)
#undef GORO_INT_ARITH_CASE
  }
  return false;
}

namespace {

Outcome error(std::string msg) {
  Outcome o;
  o.kind = Outcome::Error;
  o.error = std::move(msg);
  return o;
}

Outcome mismatched(const char* op, Value a, Value b) {
  std::string ta(operandType(a)), tb(operandType(b));
  return error("invalid operation: " + ta + " " + op + " " + tb + " (mismatched types " + ta + " and " + tb + ")");
}

Outcome notDefined(const char* op, Value v) {
  return error(std::string("invalid operation: operator ") + op + " not defined on " + std::string(operandType(v)));
}

// An int operand of an operator: intOperand's, or a Duration's nanoseconds.
// Inlined: it is the first question of every slow path, "a" + "b" too.
[[gnu::always_inline]] inline bool intOrDuration(Value v, const Value* slot, ptrdiff_t wideOff, int64_t* out) {
  if (intOperand(v, slot, wideOff, out)) return true;
  if (value::isDuration(v)) {
    *out = value::durationOf(v);
    return true;
  }
  return false;
}

}  // namespace

Outcome arithSlow(alloc::MCache& cache, ArithOp op, Value a, const Value* aslot, Value b, const Value* bslot,
                  ptrdiff_t wideOff) {
  int64_t x = 0, y = 0;
  bool ai = intOrDuration(a, aslot, wideOff, &x);
  bool bi = intOrDuration(b, bslot, wideOff, &y);
  if (ai && bi) {
    Outcome o;
    const char* err = nullptr;
    if (!intArith(op, x, y, &o.i, &err)) return error(err);
    o.kind = Outcome::Int;
    if (value::isDuration(a) || value::isDuration(b)) {
      o.kind = Outcome::Val;
      o.v = value::makeDuration(cache, o.i);
    }
    return o;
  }
  bool an = ai || a.isFloat(), bn = bi || b.isFloat();
  if (an && bn) {
    double fa = ai ? static_cast<double>(x) : a.asFloat();
    double fb = bi ? static_cast<double>(y) : b.asFloat();
    Outcome o;
    o.kind = Outcome::Float;
    switch (op) {
      case ArithOp::Add: o.f = fa + fb; return o;
      case ArithOp::Sub: o.f = fa - fb; return o;
      case ArithOp::Mul: o.f = fa * fb; return o;
      case ArithOp::Div: o.f = fa / fb; return o;
      default: return notDefined(arithOpName(op), ai ? b : a);
    }
  }
  if (isString(a) && isString(b)) {
    if (op != ArithOp::Add) return notDefined(arithOpName(op), a);
    std::string_view sa = stringView(a), sb = stringView(b);
    runtime::String* s = gc::newStringUninitialized(cache, sa.size() + sb.size());
    // a and b are registers: still valid after the allocation.
    sa = stringView(a);
    sb = stringView(b);
    std::memcpy(s->data, sa.data(), sa.size());
    std::memcpy(s->data + sa.size(), sb.data(), sb.size());
    s->data[sa.size() + sb.size()] = 0;
    Outcome o;
    o.kind = Outcome::Val;
    o.v = Value::object(s);
    return o;
  }
  if (operandType(a) != operandType(b)) return mismatched(arithOpName(op), a, b);
  return notDefined(arithOpName(op), a);
}

Outcome unarySlow(Value x, const Value* slot, ptrdiff_t wideOff, bool bitwise) {
  int64_t n;
  if (intOrDuration(x, slot, wideOff, &n)) {
    Outcome o;
    o.kind = Outcome::Int;
    o.i = bitwise ? ~n : static_cast<int64_t>(0 - static_cast<uint64_t>(n));
    return o;
  }
  if (!bitwise && x.isFloat()) {
    Outcome o;
    o.kind = Outcome::Float;
    o.f = -x.asFloat();
    return o;
  }
  return notDefined(bitwise ? "^" : "-", x);
}

std::optional<bool> compareSlow(CmpOp op, Value a, const Value* aslot, Value b, const Value* bslot, ptrdiff_t wideOff) {
  int64_t x = 0, y = 0;
  bool ai = intOrDuration(a, aslot, wideOff, &x);
  bool bi = intOrDuration(b, bslot, wideOff, &y);
  if (ai && bi) return op == CmpOp::Eq ? x == y : op == CmpOp::Lt ? x < y : x <= y;
  bool an = ai || a.isFloat(), bn = bi || b.isFloat();
  if (an && bn) {
    double fa = ai ? static_cast<double>(x) : a.asFloat();
    double fb = bi ? static_cast<double>(y) : b.asFloat();
    return op == CmpOp::Eq ? fa == fb : op == CmpOp::Lt ? fa < fb : fa <= fb;
  }
  if (op == CmpOp::Eq) return !(ai || bi) && valuesEqual(a, b);  // a wide int equals no non-number
  if (isString(a) && isString(b)) {
    int c = stringView(a).compare(stringView(b));
    return op == CmpOp::Lt ? c < 0 : c <= 0;
  }
  return std::nullopt;
}

std::string compareError(CmpOp op, Value a, Value b) {
  const char* name = op == CmpOp::Lt ? "<" : "<=";
  if (operandType(a) != operandType(b)) return mismatched(name, a, b).error;
  return notDefined(name, a).error;
}

namespace {
void storeInt(alloc::MCache& cache, bool wide, Value* dst, int64_t i, ptrdiff_t wideOff) {
  if (Value::fitsSmallInt(i)) {
    *dst = Value::smallInt(i);
  } else if (wide) {
    *dst = Value::fromBits(kWideBits);
    *reinterpret_cast<int64_t*>(reinterpret_cast<uintptr_t>(dst) + static_cast<uintptr_t>(wideOff)) = i;
  } else {
    Value boxed = gc::makeInt(cache, i);
    *dst = boxed;
  }
}
}  // namespace

Flow Exec::arithStore(ArithOp op, bool wide, Value* dst, Value a, const Value* aslot, Value b, const Value* bslot) {
  return storeOutcome(arithSlow(*cache_, op, a, aslot, b, bslot, wideOffset()), wide, dst);
}

Flow Exec::unaryStore(bool bitwise, bool wide, Value* dst, Value x, const Value* slot) {
  Outcome o = unarySlow(x, slot, wideOffset(), bitwise);
  if (o.kind == Outcome::Int && value::isDuration(x)) {  // -d is a Duration
    o.kind = Outcome::Val;
    o.v = value::makeDuration(*cache_, o.i);
  }
  return storeOutcome(o, wide, dst);
}

Flow Exec::storeOutcome(const Outcome& o, bool wide, Value* dst) {
  // The goroutine's first wide result makes its side-slot buffer.
  if (o.kind == Outcome::Int && wide && !Value::fitsSmallInt(o.i) && wideOffset() == 0) makeWide();
  switch (o.kind) {
    case Outcome::Int: storeInt(*cache_, wide, dst, o.i, wideOffset()); return Flow::Next;
    case Outcome::Float: *dst = Value::fromFloat(o.f); return Flow::Next;
    case Outcome::Val: *dst = o.v; return Flow::Next;
    case Outcome::Error: break;
  }
  return throwString(o.error);
}

Flow Exec::compareOrThrow(CmpOp op, const Value* aslot, const Value* bslot, bool* result) {
  std::optional<bool> r = compareSlow(op, *aslot, aslot, *bslot, bslot, wideOffset());
  if (!r) return throwString(compareError(op, *aslot, *bslot));
  *result = *r;
  return Flow::Next;
}

Flow Exec::operatorError(const char* op, Value v) {
  return throwString(std::string("invalid operation: operator ") + op + " not defined on " +
                     std::string(operandType(v)));
}

Flow Exec::forStepSlow(size_t varSlot, unsigned c, unsigned cmp, size_t limitSlot, bool* more) {
  Value step = Value::smallInt(forStepOf(c));
  Value v = stack()[varSlot];
  Outcome o = arithSlow(*cache_, ArithOp::Add, v, &stack()[varSlot], step, &step, wideOffset());
  switch (o.kind) {
    case Outcome::Int: {
      Value n = gc::makeInt(*cache_, o.i);
      stack()[varSlot] = n;
      break;
    }
    case Outcome::Float: stack()[varSlot] = Value::fromFloat(o.f); break;
    case Outcome::Val: stack()[varSlot] = o.v; break;
    case Outcome::Error: return throwString(o.error);
  }
  // FOR* takes no wide operands (opcodes.h), so no slots are needed.
  Value n = stack()[varSlot];
  Value lim = stack()[limitSlot];
  CmpOp op = cmp % 2 == 0 ? CmpOp::Lt : CmpOp::Le;
  Value x = cmp < 2 ? n : lim, y = cmp < 2 ? lim : n;
  std::optional<bool> r = compareSlow(op, x, nullptr, y, nullptr, 0);
  if (!r) return throwString(compareError(op, x, y));
  *more = *r;
  return Flow::Next;
}

}  // namespace goro::lang::vm::detail
