// lang/lib/sort.cpp: the sort module's natives: sorting and searching
// arrays of ints, strings and floats in place. sort.Slice, SliceStable,
// SliceIsSorted and Search call a script's function, so they are written
// in Goro, in the module's prelude (prelude_sort.cpp).
//
//   Ints(a), Strings(a), Float64s(a)     sort a in place, ascending
//   IntsAreSorted(a) ...                 whether a is in that order
//   SearchInts(a, x), SearchStrings      the least i with a[i] >= x, or
//                                        len(a): a must be sorted
//
// Every element must be of the function's type (Float64s takes ints too,
// comparing them as floats); another panics as Go's compiler would reject
// it: "cannot use string as int value in array element of argument to
// sort.Ints". Strings compare by bytes, as Go's <. Float64s puts NaNs
// first, as Go's does. The sort is stable, so equal elements keep their
// order; among ints or strings that is unobservable, and for Float64s it
// decides only where -0 goes relative to 0 (Go's pdqsort may differ).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "lang/lib/natives.h"
#include "lang/value/array_ops.h"
#include "lang/value/value_ops.h"

namespace goro::lang::lib {

using runtime::Value;

namespace {

// The element types these functions take: a name for messages, the test
// every element must pass, and the order.
struct ElementOrder {
  const char* typeName;
  bool (*accepts)(Value);
  bool (*less)(Value, Value);
};

bool intLess(Value a, Value b) { return value::intOf(a) < value::intOf(b); }
bool stringLess(Value a, Value b) { return value::stringView(a) < value::stringView(b); }
// Go's sort.Float64Slice.Less: NaN before everything else.
bool floatLess(Value a, Value b) {
  double x = value::floatOf(a);
  double y = value::floatOf(b);
  return x < y || (std::isnan(x) && !std::isnan(y));
}

constexpr ElementOrder kInts{"int", value::isInt, intLess};
constexpr ElementOrder kStrings{"string", value::isString, stringLess};
constexpr ElementOrder kFloats{"float64", value::isNumber, floatLess};

// The array argument's elements, checked against order; false after a
// panic.
bool elementsOf(NativeContext& cx, const char* fn, const Value* args, uint32_t nargs, uint32_t want,
                const ElementOrder& order, std::vector<Value>* out, value::ArrayView* view) {
  Args check(cx, fn, args, nargs);
  runtime::Array* array;
  if (!check.count(want) || !check.array(0, &array)) return false;
  *view = value::arrayView(array);
  out->resize(view->length);
  for (size_t i = 0; i < view->length; i++) {
    Value v = view->at(i);
    if (!order.accepts(v)) {
      cx.panicString(std::string("cannot use ") + std::string(value::typeName(v)) + " as " + order.typeName +
                     " value in array element of argument to " + fn);
      return false;
    }
    (*out)[i] = v;
  }
  return true;
}

uint32_t sortArray(NativeContext& cx, const char* fn, const Value* args, uint32_t nargs, const ElementOrder& order) {
  std::vector<Value> elements;
  value::ArrayView view;
  if (!elementsOf(cx, fn, args, nargs, 1, order, &elements, &view)) return 0;
  std::stable_sort(elements.begin(), elements.end(), order.less);
  for (size_t i = 0; i < elements.size(); i++) view.set(i, elements[i]);
  return 0;
}

uint32_t isSorted(NativeContext& cx, const char* fn, const Value* args, uint32_t nargs, Value* results,
                  const ElementOrder& order) {
  std::vector<Value> elements;
  value::ArrayView view;
  if (!elementsOf(cx, fn, args, nargs, 1, order, &elements, &view)) return 0;
  results[0] = Value::boolean(std::is_sorted(elements.begin(), elements.end(), order.less));
  return 1;
}

uint32_t search(NativeContext& cx, const char* fn, const Value* args, uint32_t nargs, Value* results,
                const ElementOrder& order) {
  std::vector<Value> elements;
  value::ArrayView view;
  if (!elementsOf(cx, fn, args, nargs, 2, order, &elements, &view)) return 0;
  if (!order.accepts(args[1])) {
    Args(cx, fn, args, nargs).typeError(1, order.typeName);
    return 0;
  }
  auto at = std::lower_bound(elements.begin(), elements.end(), args[1], order.less);
  results[0] = Value::smallInt(at - elements.begin());
  return 1;
}

}  // namespace

uint32_t sortInts(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  return sortArray(cx, "sort.Ints", args, nargs, kInts);
}

uint32_t sortStrings(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  return sortArray(cx, "sort.Strings", args, nargs, kStrings);
}

uint32_t sortFloat64s(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  return sortArray(cx, "sort.Float64s", args, nargs, kFloats);
}

uint32_t sortIntsAreSorted(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return isSorted(cx, "sort.IntsAreSorted", args, nargs, results, kInts);
}

uint32_t sortStringsAreSorted(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return isSorted(cx, "sort.StringsAreSorted", args, nargs, results, kStrings);
}

uint32_t sortFloat64sAreSorted(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return isSorted(cx, "sort.Float64sAreSorted", args, nargs, results, kFloats);
}

uint32_t sortSearchInts(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return search(cx, "sort.SearchInts", args, nargs, results, kInts);
}

uint32_t sortSearchStrings(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return search(cx, "sort.SearchStrings", args, nargs, results, kStrings);
}

}  // namespace goro::lang::lib
