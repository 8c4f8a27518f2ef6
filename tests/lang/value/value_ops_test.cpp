// The value operations of lang/value/value_ops.h (type names, the equality and
// hash matrix, ordering, str/int/float conversions) and the arrays and slicing
// of lang/value/array_ops.h.
#include <cmath>
#include <limits>

#include "gc/allocate.h"
#include "lang/value/array_ops.h"
#include "lang/value/map_ops.h"
#include "lang/value/value_ops.h"
#include "tests/lang/library_fixture.h"

namespace goro::lang::value {
namespace {

using runtime::Kind;
using runtime::Value;
using testing::LibTest;

class ValuesTest : public LibTest {
 protected:
  Value object(Kind kind, size_t bytes) { return keep(Value::object(gc::allocate(cache, kind, bytes))); }
};

TEST_F(ValuesTest, TypeNames) {
  EXPECT_EQ(typeName(Value::nil()), "nil");
  EXPECT_EQ(typeName(Value::boolean(true)), "bool");
  EXPECT_EQ(typeName(Value::smallInt(1)), "int");
  EXPECT_EQ(typeName(num(int64_t{1} << 60)), "int");
  EXPECT_EQ(typeName(flt(1.5)), "float");
  EXPECT_EQ(typeName(flt(NAN)), "float");
  EXPECT_EQ(typeName(str("x")), "string");
  EXPECT_EQ(typeName(keep(Value::object(gc::newArray(cache, 0)))), "array");
  EXPECT_EQ(typeName(keep(Value::object(newMap(cache, 0)))), "map");
  EXPECT_EQ(typeName(object(Kind::Closure, sizeof(runtime::Closure))), "func");
  EXPECT_EQ(typeName(object(Kind::NativeFunc, sizeof(runtime::NativeFunc))), "func");
  EXPECT_EQ(typeName(object(Kind::Chan, sizeof(runtime::Chan))), "chan");
  EXPECT_EQ(typeName(object(Kind::WaitGroup, sizeof(runtime::WaitGroup))), "WaitGroup");
  EXPECT_EQ(typeName(object(Kind::Mutex, sizeof(runtime::SyncMutex))), "Mutex");
}

TEST_F(ValuesTest, IntAndStringAccessors) {
  Value big = num(std::numeric_limits<int64_t>::min());
  EXPECT_TRUE(isInt(big));
  EXPECT_TRUE(big.isObject());
  EXPECT_EQ(intOf(big), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(intOf(num(5)), 5);
  EXPECT_TRUE(num(5).isSmallInt());
  EXPECT_DOUBLE_EQ(floatOf(Value::smallInt(-3)), -3.0);
  EXPECT_TRUE(isNumber(flt(2.5)));
  EXPECT_FALSE(isNumber(str("1")));
  EXPECT_EQ(stringView(str("héllo")), "héllo");
}

// Every pair of a set of values against an independent statement of
// docs/language.md's ==: numbers by exact value, strings by bytes, the rest by
// identity, NaN equal to nothing. Equal values must hash alike.
TEST_F(ValuesTest, EqualityAndHashMatrix) {
  constexpr int64_t k2p60 = int64_t{1} << 60;
  constexpr int64_t k2p53 = int64_t{1} << 53;
  Value array = keep(Value::object(gc::newArray(cache, 0)));
  Value map = keep(Value::object(newMap(cache, 0)));
  struct Item {
    Value v;
    int cls;  // equal class; -1: equal to nothing (NaN); objects: own class
  };
  std::vector<Item> items = {
      {Value::nil(), 1},
      {Value::boolean(false), 2},
      {Value::boolean(true), 3},
      {Value::smallInt(0), 4},
      {flt(0.0), 4},
      {flt(-0.0), 4},
      {Value::smallInt(1), 5},
      {flt(1.0), 5},
      {flt(1.5), 6},
      {num(k2p60), 7},
      {num(k2p60), 7},  // a second BoxedInt with the same value
      {flt(static_cast<double>(k2p60)), 7},
      {num(k2p53 + 1), 8},
      {flt(static_cast<double>(k2p53)), 9},  // 2^53 as float is not 2^53 + 1
      {num(k2p53), 9},
      {flt(9223372036854775808.0), 10},  // 2^63: no int equals it
      {num(std::numeric_limits<int64_t>::max()), 11},
      {num(std::numeric_limits<int64_t>::min()), 12},
      {flt(-9223372036854775808.0), 12},
      {flt(NAN), -1},
      {flt(-NAN), -1},
      {str("a"), 13},
      {str("a"), 13},
      {str(""), 14},
      {str("b"), 15},
      {str(std::string("a\0b", 3)), 16},
      {flt(INFINITY), 17},
      {flt(-INFINITY), 18},
      {array, 19},
      {map, 20},
  };
  for (size_t i = 0; i < items.size(); i++) {
    for (size_t j = 0; j < items.size(); j++) {
      const Item& a = items[i];
      const Item& b = items[j];
      bool want = a.cls >= 0 && a.cls == b.cls;
      EXPECT_EQ(valuesEqual(a.v, b.v), want) << text(a.v) << " == " << text(b.v) << " (" << i << "," << j << ")";
      if (want) {
        EXPECT_EQ(hashValue(a.v), hashValue(b.v)) << text(a.v) << " ~ " << text(b.v);
      }
    }
  }
  // Distinct small values hash apart.
  EXPECT_NE(hashValue(Value::smallInt(1)), hashValue(Value::smallInt(2)));
  EXPECT_NE(hashValue(str("ab")), hashValue(str("ba")));
}

TEST_F(ValuesTest, StringHashIsCachedInTheHeader) {
  Value s = str("cache me");
  EXPECT_EQ(stringOf(s)->aux, 0u);
  uint64_t h = hashValue(s);
  EXPECT_NE(stringOf(s)->aux, 0u);
  EXPECT_EQ(hashValue(s), h);
}

TEST_F(ValuesTest, Ordering) {
  auto less = [](Value a, Value b) { return valuesLess(a, b); };
  EXPECT_EQ(less(Value::smallInt(1), Value::smallInt(2)), true);
  EXPECT_EQ(less(Value::smallInt(2), Value::smallInt(2)), false);
  EXPECT_EQ(less(Value::smallInt(1), flt(1.5)), true);
  EXPECT_EQ(less(flt(1.5), Value::smallInt(2)), true);
  EXPECT_EQ(less(flt(2.0), Value::smallInt(2)), false);
  EXPECT_EQ(less(num(-5), flt(-4.5)), true);
  // Exact: 2^53 + 1 as an int is above 2^53 as a float.
  EXPECT_EQ(less(flt(9007199254740992.0), num(9007199254740993)), true);
  EXPECT_EQ(less(num(9007199254740993), flt(9007199254740992.0)), false);
  EXPECT_EQ(less(num(std::numeric_limits<int64_t>::max()), flt(9223372036854775808.0)), true);
  EXPECT_EQ(less(flt(NAN), Value::smallInt(1)), false);
  EXPECT_EQ(less(Value::smallInt(1), flt(NAN)), false);
  EXPECT_EQ(less(flt(-INFINITY), num(std::numeric_limits<int64_t>::min())), true);
  EXPECT_EQ(less(str("a"), str("b")), true);
  EXPECT_EQ(less(str(""), str("a")), true);
  EXPECT_EQ(less(str("ab"), str("a")), false);
  EXPECT_EQ(less(str("a"), str("\xff")), true);  // bytes compare unsigned
  EXPECT_EQ(less(str("a"), Value::smallInt(1)), std::nullopt);
  EXPECT_EQ(less(Value::nil(), Value::nil()), std::nullopt);
  EXPECT_EQ(less(Value::boolean(false), Value::boolean(true)), std::nullopt);
}

TEST_F(ValuesTest, MapKeyValidityAndNormalisation) {
  EXPECT_TRUE(isValidMapKey(Value::nil()));
  EXPECT_TRUE(isValidMapKey(Value::boolean(true)));
  EXPECT_TRUE(isValidMapKey(num(int64_t{1} << 62)));
  EXPECT_TRUE(isValidMapKey(flt(NAN)));
  EXPECT_TRUE(isValidMapKey(str("k")));
  EXPECT_FALSE(isValidMapKey(keep(Value::object(gc::newArray(cache, 0)))));
  int64_t i = 0;
  EXPECT_TRUE(normalizedIntKey(flt(3.0), &i));
  EXPECT_EQ(i, 3);
  EXPECT_TRUE(normalizedIntKey(flt(-0.0), &i));
  EXPECT_EQ(i, 0);
  EXPECT_FALSE(normalizedIntKey(flt(3.5), &i));
  EXPECT_FALSE(normalizedIntKey(flt(9223372036854775808.0), &i));
  EXPECT_FALSE(normalizedIntKey(Value::smallInt(3), &i));
}

TEST_F(ValuesTest, ToStrIsThePercentVText) {
  Value s = str("same");
  EXPECT_EQ(toStr(cache, s), s);  // a string is its own text
  EXPECT_EQ(stringView(keep(toStr(cache, flt(2.0)))), "2");
  EXPECT_EQ(stringView(keep(toStr(cache, Value::nil()))), "<nil>");
  EXPECT_EQ(stringView(keep(toStr(cache, num(-12)))), "-12");
}

TEST_F(ValuesTest, ToInt) {
  std::string error;
  auto toIntText = [&](Value v) -> std::string {
    error.clear();
    std::optional<Value> r = toInt(cache, v, &error);
    if (!r) return "error: " + error;
    keep(*r);
    return std::to_string(intOf(*r));
  };
  EXPECT_EQ(toIntText(str("12")), "12");
  EXPECT_EQ(toIntText(str("-5")), "-5");
  EXPECT_EQ(toIntText(str("+5")), "5");
  EXPECT_EQ(toIntText(str("007")), "7");
  EXPECT_EQ(toIntText(str("9223372036854775807")), "9223372036854775807");
  EXPECT_EQ(toIntText(str("-9223372036854775808")), "-9223372036854775808");
  EXPECT_EQ(toIntText(str("x")), "error: strconv.Atoi: parsing \"x\": invalid syntax");
  EXPECT_EQ(toIntText(str("")), "error: strconv.Atoi: parsing \"\": invalid syntax");
  EXPECT_EQ(toIntText(str(" 1")), "error: strconv.Atoi: parsing \" 1\": invalid syntax");
  EXPECT_EQ(toIntText(str("1.5")), "error: strconv.Atoi: parsing \"1.5\": invalid syntax");
  EXPECT_EQ(toIntText(str("1_000")), "error: strconv.Atoi: parsing \"1_000\": invalid syntax");
  EXPECT_EQ(toIntText(str("-")), "error: strconv.Atoi: parsing \"-\": invalid syntax");
  EXPECT_EQ(toIntText(str("9223372036854775808")),
            "error: strconv.Atoi: parsing \"9223372036854775808\": value out of range");
  // Go reports overflow as soon as the digits pass uint64, before a later bad byte.
  EXPECT_EQ(toIntText(str("99999999999999999999x")),
            "error: strconv.Atoi: parsing \"99999999999999999999x\": value out of range");
  EXPECT_EQ(toIntText(str("9223372036854775808x")),
            "error: strconv.Atoi: parsing \"9223372036854775808x\": invalid syntax");
  EXPECT_EQ(toIntText(str("a\nb")), "error: strconv.Atoi: parsing \"a\\nb\": invalid syntax");
  EXPECT_EQ(toIntText(flt(1.9)), "1");
  EXPECT_EQ(toIntText(flt(-1.9)), "-1");
  EXPECT_EQ(toIntText(flt(1e15)), "1000000000000000");
  EXPECT_EQ(toIntText(flt(NAN)), "-9223372036854775808");
  EXPECT_EQ(toIntText(flt(1e300)), "-9223372036854775808");
  EXPECT_EQ(toIntText(Value::smallInt(4)), "4");
  EXPECT_EQ(toIntText(Value::boolean(true)), "error: cannot convert bool to int");
  EXPECT_EQ(toIntText(Value::nil()), "error: cannot convert nil to int");
}

TEST_F(ValuesTest, ToFloat) {
  std::string error;
  auto toFloatText = [&](Value v) -> std::string {
    error.clear();
    std::optional<Value> r = toFloat(v, &error);
    if (!r) return "error: " + error;
    return text(*r);
  };
  EXPECT_EQ(toFloatText(str("1.5")), "1.5");
  EXPECT_EQ(toFloatText(str("1e3")), "1000");
  EXPECT_EQ(toFloatText(str("-2.5E-3")), "-0.0025");
  EXPECT_EQ(toFloatText(str(".5")), "0.5");
  EXPECT_EQ(toFloatText(str("5.")), "5");
  EXPECT_EQ(toFloatText(str("inf")), "+Inf");
  EXPECT_EQ(toFloatText(str("-Infinity")), "-Inf");
  EXPECT_EQ(toFloatText(str("NaN")), "NaN");
  EXPECT_EQ(toFloatText(str("0x1p-2")), "0.25");
  EXPECT_EQ(toFloatText(str("1e-400")), "0");
  EXPECT_EQ(toFloatText(str("1e400")), "error: strconv.ParseFloat: parsing \"1e400\": value out of range");
  EXPECT_EQ(toFloatText(str("abc")), "error: strconv.ParseFloat: parsing \"abc\": invalid syntax");
  EXPECT_EQ(toFloatText(str("")), "error: strconv.ParseFloat: parsing \"\": invalid syntax");
  EXPECT_EQ(toFloatText(str(" 1")), "error: strconv.ParseFloat: parsing \" 1\": invalid syntax");
  EXPECT_EQ(toFloatText(str("+nan")), "error: strconv.ParseFloat: parsing \"+nan\": invalid syntax");
  EXPECT_EQ(toFloatText(str("1e")), "error: strconv.ParseFloat: parsing \"1e\": invalid syntax");
  EXPECT_EQ(toFloatText(str(".")), "error: strconv.ParseFloat: parsing \".\": invalid syntax");
  EXPECT_EQ(toFloatText(str("0x1")), "error: strconv.ParseFloat: parsing \"0x1\": invalid syntax");
  EXPECT_EQ(toFloatText(Value::smallInt(3)), "3");
  EXPECT_EQ(toFloatText(num(int64_t{1} << 60)), "1.152921504606847e+18");
  EXPECT_EQ(toFloatText(Value::boolean(false)), "error: cannot convert bool to float");
  std::optional<Value> f = toFloat(Value::smallInt(3), &error);
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->isFloat());
}

class ArrayOpsTest : public LibTest {
 protected:
  runtime::Array* array(std::initializer_list<Value> values) {
    size_t base = roots.size();
    for (Value v : values) roots.push_back(v);
    runtime::Array* a = newArrayFrom(cache, roots.data() + base, values.size());
    keep(Value::object(a));
    return a;
  }
};

TEST_F(ArrayOpsTest, GetSetAndBounds) {
  runtime::Array* a = array({Value::smallInt(1), Value::smallInt(2), Value::smallInt(3)});
  Value v;
  ASSERT_TRUE(arrayGet(a, 2, &v));
  EXPECT_EQ(v, Value::smallInt(3));
  EXPECT_FALSE(arrayGet(a, 3, &v));
  EXPECT_FALSE(arrayGet(a, -1, &v));
  EXPECT_TRUE(arraySet(a, 0, Value::boolean(true)));
  EXPECT_FALSE(arraySet(a, 3, Value::nil()));
  EXPECT_EQ(text(Value::object(a)), "[true 2 3]");
  EXPECT_EQ(indexError(5, 3), "runtime error: index out of range [5] with length 3");
  EXPECT_EQ(indexError(-1, 3), "runtime error: index out of range [-1]");
}

TEST_F(ArrayOpsTest, AppendGrowsInPlaceByDoubling) {
  runtime::Array* a = array({});
  for (int i = 0; i < 1000; i++) {
    Value v = Value::smallInt(i);
    EXPECT_EQ(arrayAppend(cache, a, &v, 1), a);
  }
  EXPECT_EQ(a->length, 1000u);
  EXPECT_LE(a->items->count(), 2048u);
  for (int i = 0; i < 1000; i++) ASSERT_EQ(a->items->slots[i], Value::smallInt(i));
  Value many[3] = {Value::smallInt(-1), Value::smallInt(-2), Value::smallInt(-3)};
  arrayAppend(cache, a, many, 3);
  EXPECT_EQ(a->length, 1003u);
  EXPECT_EQ(a->items->slots[1002], Value::smallInt(-3));
  arrayAppend(cache, a, many, 0);
  EXPECT_EQ(a->length, 1003u);
}

TEST_F(ArrayOpsTest, SlicingMakesCopies) {
  runtime::Array* a = array({str("a"), str("b"), str("c")});
  std::string error;
  runtime::Array* s = arraySlice(cache, a, 1, kSliceToEnd, &error);
  ASSERT_NE(s, nullptr);
  keep(Value::object(s));
  EXPECT_EQ(text(Value::object(s)), "[b c]");
  arraySet(s, 0, Value::smallInt(9));
  EXPECT_EQ(text(Value::object(a)), "[a b c]");  // a copy, not a view
  runtime::Array* empty = arraySlice(cache, a, 3, 3, &error);
  ASSERT_NE(empty, nullptr);
  EXPECT_EQ(empty->length, 0u);
  runtime::Array* all = arraySlice(cache, a, 0, 3, &error);
  ASSERT_NE(all, nullptr);
  EXPECT_EQ(text(Value::object(all)), "[a b c]");
}

TEST_F(ArrayOpsTest, SliceErrorsAreGos) {
  runtime::Array* a = array({Value::smallInt(1), Value::smallInt(2), Value::smallInt(3)});
  auto sliceError = [&](int64_t lo, int64_t hi) {
    std::string error;
    EXPECT_EQ(arraySlice(cache, a, lo, hi, &error), nullptr);
    return error;
  };
  EXPECT_EQ(sliceError(0, 5), "runtime error: slice bounds out of range [:5] with length 3");
  EXPECT_EQ(sliceError(2, 1), "runtime error: slice bounds out of range [2:1]");
  EXPECT_EQ(sliceError(5, kSliceToEnd), "runtime error: slice bounds out of range [5:3]");
  EXPECT_EQ(sliceError(-1, 2), "runtime error: slice bounds out of range [-1:]");
  EXPECT_EQ(sliceError(0, -1), "runtime error: slice bounds out of range [:-1]");
  EXPECT_EQ(sliceError(4, 5), "runtime error: slice bounds out of range [:5] with length 3");  // hi first

  Value s = str("hello");
  std::string error;
  runtime::String* sub = stringSlice(cache, stringOf(s), 1, 3, &error);
  ASSERT_NE(sub, nullptr);
  EXPECT_EQ(std::string_view(sub->data, sub->length), "el");
  EXPECT_EQ(sub->data[2], '\0');
  EXPECT_EQ(stringSlice(cache, stringOf(s), 0, 6, &error), nullptr);
  EXPECT_EQ(error, "runtime error: slice bounds out of range [:6] with length 5");
  EXPECT_EQ(stringSlice(cache, stringOf(s), 3, 2, &error), nullptr);
  EXPECT_EQ(error, "runtime error: slice bounds out of range [3:2]");
  runtime::String* tail = stringSlice(cache, stringOf(s), 2, kSliceToEnd, &error);
  ASSERT_NE(tail, nullptr);
  EXPECT_EQ(std::string_view(tail->data, tail->length), "llo");
}

TEST_F(ArrayOpsTest, ViewClampsATornLength) {
  runtime::Array* a = array({Value::smallInt(1)});
  a->length = 5;  // as a racing reader might see before the new vector
  EXPECT_EQ(arrayView(a).length, a->items->count());
  Value v;
  EXPECT_FALSE(arrayGet(a, 3, &v));
  a->length = 1;
}

}  // namespace
}  // namespace goro::lang::value
