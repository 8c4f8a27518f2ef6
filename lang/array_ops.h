// lang/array_ops.h: Goro's growable arrays (layout in runtime/objects.h)
// and the slicing of arrays and strings.
//
// Racing goroutines: an array's items vector and length are separate words,
// so readers go through arrayView(), which loads each once and bounds the
// length by the vector actually read; a torn read yields an index error or
// an old element, never a read out of bounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "alloc/mcache.h"
#include "runtime/objects.h"
#include "runtime/value.h"

namespace goro::lang {

// The elements of an array as one consistent snapshot of its two words.
// Valid until the next allocation (the caller keeps the array rooted).
struct ArrayView {
  const runtime::Value* items;
  size_t length;
};
inline ArrayView arrayView(const runtime::Array* a) {
  const runtime::Vector* items = a->items;
  size_t length = a->length;
  if (items == nullptr) return {nullptr, 0};
  if (length > items->count()) length = items->count();
  return {items->slots, length};
}

// The `hi` of a slice expression with no upper bound (a[lo:]).
inline constexpr int64_t kSliceToEnd = INT64_MIN;

// An array of `length` elements copied from values (which must be rooted,
// e.g. stack slots).
runtime::Array* newArrayFrom(alloc::MCache& cache, const runtime::Value* values, size_t length);

// a[i] with bounds check: false when out of range.
bool arrayGet(const runtime::Array* a, int64_t i, runtime::Value* out);
bool arraySet(runtime::Array* a, int64_t i, runtime::Value v);

// append(a, values...) in place (growing the items vector by doubling);
// returns a. a and values must be rooted.
runtime::Array* arrayAppend(alloc::MCache& cache, runtime::Array* a, const runtime::Value* values, size_t count);

// a[lo:hi] and s[lo:hi] make new arrays / strings (a and s rooted). hi ==
// kSliceToEnd means len; any other negative bound is an error. On a bad
// range returns nullptr and sets *error to Go's message, checking hi first
// as Go does:
//   "runtime error: slice bounds out of range [:5] with capacity 3" (arrays)
//   "runtime error: slice bounds out of range [:5] with length 3"   (strings)
//   "runtime error: slice bounds out of range [3:2]"  (lo > hi)
//   "runtime error: slice bounds out of range [:-1]", "... [-1:]"  (negative)
runtime::Array* arraySlice(alloc::MCache& cache, runtime::Array* a, int64_t lo, int64_t hi, std::string* error);
runtime::String* stringSlice(alloc::MCache& cache, runtime::String* s, int64_t lo, int64_t hi, std::string* error);

// "runtime error: index out of range [i] with length n"; for a negative i,
// Go's "runtime error: index out of range [-1]".
std::string indexError(int64_t i, size_t length);

}  // namespace goro::lang
