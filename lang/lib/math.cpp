// lang/lib/math.cpp: the math module. Functions take numbers (an int
// converts to float) and return floats; Inf takes an int sign, as Go's.
// The constants: Pi, and MaxInt64 and MinInt64 (ints, boxed).
// Max and Min follow Go's special cases, which differ from fmax/fmin:
// an infinity in the right direction wins even over NaN, otherwise NaN
// wins, and +0 is greater than -0. Pow is the C library's pow, whose
// special cases are Go's; for non-exact results the last bit may differ
// from Go's own algorithm.
#include <cmath>
#include <limits>

#include "gc/constructors.h"
#include "lang/lib/natives.h"

namespace goro::lang::lib {

using runtime::Value;

namespace {

uint32_t returnFloat(Value* result, double d) {
  *result = Value::fromFloat(d);
  return 1;
}

// A function of one number.
uint32_t unary(NativeContext& cx, const char* fn, const Value* args, uint32_t nargs, Value* results,
               double (*f)(double)) {
  Args check(cx, fn, args, nargs);
  double x;
  if (!check.count(1) || !check.number(0, &x)) return 0;
  return returnFloat(results, f(x));
}

bool twoNumbers(Args& check, double* x, double* y) {
  return check.count(2) && check.number(0, x) && check.number(1, y);
}

double goMax(double x, double y) {
  if (std::isinf(x) && x > 0) return x;
  if (std::isinf(y) && y > 0) return y;
  if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0 && x == y) return std::signbit(x) ? y : x;
  return x > y ? x : y;
}

double goMin(double x, double y) {
  if (std::isinf(x) && x < 0) return x;
  if (std::isinf(y) && y < 0) return y;
  if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0 && x == y) return std::signbit(x) ? x : y;
  return x < y ? x : y;
}

}  // namespace

// The C library's sin and cos; for non-exact results the last bit may
// differ from Go's own algorithm, as for Pow.
uint32_t mathSin(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return unary(cx, "math.Sin", args, nargs, results, [](double x) { return std::sin(x); });
}

uint32_t mathCos(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return unary(cx, "math.Cos", args, nargs, results, [](double x) { return std::cos(x); });
}

uint32_t mathSqrt(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return unary(cx, "math.Sqrt", args, nargs, results, [](double x) { return std::sqrt(x); });
}

uint32_t mathFloor(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return unary(cx, "math.Floor", args, nargs, results, [](double x) { return std::floor(x); });
}

uint32_t mathCeil(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return unary(cx, "math.Ceil", args, nargs, results, [](double x) { return std::ceil(x); });
}

uint32_t mathAbs(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return unary(cx, "math.Abs", args, nargs, results, [](double x) { return std::fabs(x); });
}

uint32_t mathPow(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "math.Pow", args, nargs);
  double x, y;
  if (!twoNumbers(check, &x, &y)) return 0;
  return returnFloat(results, std::pow(x, y));
}

uint32_t mathMax(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "math.Max", args, nargs);
  double x, y;
  if (!twoNumbers(check, &x, &y)) return 0;
  return returnFloat(results, goMax(x, y));
}

uint32_t mathMin(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "math.Min", args, nargs);
  double x, y;
  if (!twoNumbers(check, &x, &y)) return 0;
  return returnFloat(results, goMin(x, y));
}

uint32_t mathInf(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "math.Inf", args, nargs);
  int64_t sign;
  if (!check.count(1) || !check.integer(0, &sign)) return 0;
  double inf = std::numeric_limits<double>::infinity();
  return returnFloat(results, sign >= 0 ? inf : -inf);
}

uint32_t mathNaN(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "math.NaN", args, nargs).count(0)) return 0;
  return returnFloat(results, std::numeric_limits<double>::quiet_NaN());
}

Value mathPi(alloc::MCache&) { return Value::fromFloat(3.141592653589793); }
Value mathMaxInt64(alloc::MCache& cache) { return gc::makeInt(cache, std::numeric_limits<int64_t>::max()); }
Value mathMinInt64(alloc::MCache& cache) { return gc::makeInt(cache, std::numeric_limits<int64_t>::min()); }

}  // namespace goro::lang::lib
