// lang/value/value_ops.h: the operations every Goro value supports, as
// docs/language.md defines them: type names, equality, ordering, hashing,
// truth, and the conversions of the built-ins str/int/float. Arithmetic lives
// in the interpreter (its fast paths); these are the shared slow paths.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "alloc/mcache.h"
#include "runtime/object_layouts.h"
#include "runtime/value.h"

namespace goro::lang::value {

// What type(x) returns: "nil" "bool" "int" "float" "string" "array" "map"
// "func" "chan" "WaitGroup" "Mutex" "Timer" "Ticker" "time.Duration", and for
// the library's other objects their Go type names: "atomic.Int64"
// "*os.File" "*bufio.Scanner".
std::string_view typeName(runtime::Value v);

// Kind tests. An int is a small int, a BoxedInt or a Duration (duration.h:
// an int that prints as a duration).
bool isInt(runtime::Value v);
bool isNumber(runtime::Value v);
bool isString(runtime::Value v);
int64_t intOf(runtime::Value v);        // v must be an int
double floatOf(runtime::Value v);       // v must be a number (ints convert)
runtime::String* stringOf(runtime::Value v);  // v must be a string
std::string_view stringView(runtime::Value v);  // v must be a string

// An int Value (boxed when outside the small range; may allocate).
runtime::Value makeInt(alloc::MCache& cache, int64_t i);
// A new string (may allocate).
runtime::Value makeString(alloc::MCache& cache, std::string_view s);

// `==` of docs/language.md: numbers by value (1 == 1.0), strings by bytes,
// everything else by identity, different types unequal.
bool valuesEqual(runtime::Value a, runtime::Value b);

// `<` on two numbers or two strings; nullopt when the operands cannot be
// ordered (the interpreter panics).
std::optional<bool> valuesLess(runtime::Value a, runtime::Value b);

// A hash consistent with valuesEqual (1 and 1.0 hash alike); caches string
// hashes in the String header.
uint64_t hashValue(runtime::Value v);

// Map keys must be nil, bool, int, float or string.
bool isValidMapKey(runtime::Value v);
// True when v is a float with an integral value in int64 range, which as a
// map key is the int *out (m[1.0] is m[1]; -0.0 is 0).
bool normalizedIntKey(runtime::Value v, int64_t* out);

// str(x): the %v text. Allocates the result.
runtime::Value toStr(alloc::MCache& cache, runtime::Value v);
// int(x): floats truncate toward zero (NaN and floats outside int64 range
// give math.MinInt64, as Go's conversion does on amd64), ints unchanged,
// strings are parsed as Go's strconv.Atoi (ParseInt(s, 10, 64): optional
// sign, decimal digits). On failure returns nullopt and sets *error to the
// panic message, Go's error text: `strconv.Atoi: parsing "x": invalid
// syntax`, `strconv.Atoi: parsing "99999999999999999999": value out of
// range`, or `cannot convert bool to int` for other types.
std::optional<runtime::Value> toInt(alloc::MCache& cache, runtime::Value v, std::string* error);
// float(x): ints and floats convert; strings parse as strconv.ParseFloat
// (errors `strconv.ParseFloat: parsing "x": invalid syntax` / `value out of
// range`).
std::optional<runtime::Value> toFloat(runtime::Value v, std::string* error);

}  // namespace goro::lang::value
