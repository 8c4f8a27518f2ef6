// lang/value/array_ops.h: Goro's growable arrays (layout in
// runtime/object_layouts.h) and the slicing of arrays and strings.
//
// Racing goroutines (lang/value/race_safe_access.h): an array's items vector
// and length are separate words, so readers go through arrayView(), which loads
// each once, items first, and bounds the length by the vector actually read; a
// racing append yields an index error or an old element, never a read out of
// bounds. Writers never shrink `items` (arrayAppend replaces it by
// compare-and-swap with a larger copy), so a vector's count read once stays a
// safe bound for any later load of `items` as well.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "alloc/mcache.h"
#include "lang/value/race_safe_access.h"
#include "runtime/object_layouts.h"
#include "runtime/value.h"

namespace goro::lang::value {

// The elements of an array as one snapshot of its two words: `items` is
// the storage loaded (acquire: a grown vector is seen filled in) and
// `length` is clamped to it. Elements may still be written by other
// goroutines: read and write them with at()/set(), whole words. Valid
// until the next allocation (the caller keeps the array rooted).
struct ArrayView {
  runtime::Value* items;
  size_t length;
  runtime::Value at(size_t i) const { return loadValue(items[i]); }
  void set(size_t i, runtime::Value v) const { storeValue(items[i], v); }
};
inline ArrayView arrayView(const runtime::Array* a) {
  runtime::Vector* items = loadPublished(a->items);
  size_t length = loadPublished(a->length);
  if (items == nullptr) return {nullptr, 0};
  if (length > items->count()) length = items->count();
  return {items->slots, length};
}
// The slot of a[i] in the items vector loaded, or null when i is out of
// range (a negative index converted to uint64_t is): arrayView's snapshot
// and bounds check without the view, the one bounds check of every a[i]
// (arrayGet, arraySet, the interpreter's fast paths). `items` is never null
// once the array is built. Read and write the slot with loadValue and
// storeValue.
inline runtime::Value* arraySlot(const runtime::Array* a, uint64_t i) {
  runtime::Vector* items = loadPublished(a->items);
  if (i < loadPublished(a->length) && i < items->count()) return &items->slots[i];
  return nullptr;
}
// len(a): the length word, loaded once.
inline size_t arrayLength(const runtime::Array* a) { return loadPublished(a->length); }
// cap(a): the count of the items vector, loaded once.
inline size_t arrayCapacity(const runtime::Array* a) {
  const runtime::Vector* items = loadPublished(a->items);
  return items != nullptr ? items->count() : 0;
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
//   "runtime error: slice bounds out of range [:5] with length 3" (arrays
//   and strings: an array, unlike a Go slice, ends at its length)
//   "runtime error: slice bounds out of range [3:2]"  (lo > hi)
//   "runtime error: slice bounds out of range [:-1]", "... [-1:]"  (negative)
runtime::Array* arraySlice(alloc::MCache& cache, runtime::Array* a, int64_t lo, int64_t hi, std::string* error);
runtime::String* stringSlice(alloc::MCache& cache, runtime::String* s, int64_t lo, int64_t hi, std::string* error);

// "runtime error: index out of range [i] with length n"; for a negative i,
// Go's "runtime error: index out of range [-1]".
std::string indexError(int64_t i, size_t length);

}  // namespace goro::lang::value
