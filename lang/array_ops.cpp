// lang/array_ops.cpp: arrays and slicing (lang/array_ops.h).
//
// An array's items vector is its capacity; length <= items->count() always.
// Growth allocates a new vector (doubling), copies, and publishes the new
// vector before the new length, so a racing reader that sees the longer
// length also finds a vector that long (arrayView clamps either way).
#include "lang/array_ops.h"

#include <algorithm>
#include <cstring>

#include "gc/allocate.h"
#include "gc/handles.h"
#include "gc/objects.h"
#include "runtime/fatal.h"

namespace goro::lang {

using runtime::Array;
using runtime::String;
using runtime::Value;
using runtime::Vector;

namespace {

// A Vector holds at most this many slots (its count is a uint32).
constexpr size_t kMaxItems = UINT32_MAX;

// Go's bounds check order for x[lo:hi]: hi against the bound first, then lo
// against hi. `limitWord` is "capacity" for arrays, "length" for strings.
bool checkSlice(int64_t lo, int64_t* hi, size_t length, const char* limitWord, std::string* error) {
  auto len = static_cast<int64_t>(length);
  if (*hi == kSliceToEnd) *hi = len;
  std::string msg = "runtime error: slice bounds out of range ";
  if (*hi < 0) {
    msg += "[:" + std::to_string(*hi) + "]";
  } else if (*hi > len) {
    msg += "[:" + std::to_string(*hi) + "] with " + limitWord + " " + std::to_string(len);
  } else if (lo < 0) {
    msg += "[" + std::to_string(lo) + ":]";
  } else if (lo > *hi) {
    msg += "[" + std::to_string(lo) + ":" + std::to_string(*hi) + "]";
  } else {
    return true;
  }
  *error = std::move(msg);
  return false;
}

}  // namespace

Array* newArrayFrom(alloc::MCache& cache, const Value* values, size_t length) {
  if (length > kMaxItems) runtime::fatal("out of memory: array too large");
  Array* a = gc::newArray(cache, static_cast<uint32_t>(length));
  std::copy(values, values + length, a->items->slots);
  a->length = length;
  return a;
}

bool arrayGet(const Array* a, int64_t i, Value* out) {
  ArrayView view = arrayView(a);
  if (i < 0 || static_cast<uint64_t>(i) >= view.length) return false;
  *out = view.items[i];
  return true;
}

bool arraySet(Array* a, int64_t i, Value v) {
  ArrayView view = arrayView(a);
  if (i < 0 || static_cast<uint64_t>(i) >= view.length) return false;
  const_cast<Value*>(view.items)[i] = v;
  return true;
}

Array* arrayAppend(alloc::MCache& cache, Array* a, const Value* values, size_t count) {
  if (count == 0) return a;
  ArrayView view = arrayView(a);
  size_t length = view.length;
  size_t capacity = a->items != nullptr ? a->items->count() : 0;
  if (count > kMaxItems - length) runtime::fatal("out of memory: array too large");
  size_t needed = length + count;
  if (needed > capacity) {
    gc::Handle<Array> array(a);
    size_t grown = std::max<size_t>({needed, capacity * 2, 4});
    grown = std::min(grown, kMaxItems);
    Vector* items = gc::newVector(cache, static_cast<uint32_t>(grown));
    a = array.get();
    view = arrayView(a);  // re-read: the old vector may have been replaced meanwhile
    length = std::min(length, view.length);
    std::copy(view.items, view.items + length, items->slots);
    a->items = items;
    needed = length + count;
  }
  std::copy(values, values + count, a->items->slots + length);
  a->length = needed;
  return a;
}

Array* arraySlice(alloc::MCache& cache, Array* a, int64_t lo, int64_t hi, std::string* error) {
  if (!checkSlice(lo, &hi, arrayView(a).length, "capacity", error)) return nullptr;
  gc::Handle<Array> source(a);
  auto n = static_cast<size_t>(hi - lo);
  Array* result = gc::newArray(cache, static_cast<uint32_t>(n));
  // The source may have changed under a racing writer during the allocation:
  // copy what is there now, within bounds.
  ArrayView view = arrayView(source.get());
  size_t from = std::min(static_cast<size_t>(lo), view.length);
  size_t copied = std::min(n, view.length - from);
  std::copy(view.items + from, view.items + from + copied, result->items->slots);
  result->length = n;  // any slots not copied stay nil
  return result;
}

String* stringSlice(alloc::MCache& cache, String* s, int64_t lo, int64_t hi, std::string* error) {
  if (!checkSlice(lo, &hi, s->length, "length", error)) return nullptr;
  gc::Handle<String> source(s);
  auto n = static_cast<size_t>(hi - lo);
  String* result = gc::newStringUninitialized(cache, n);
  if (n > 0) std::memcpy(result->data, source->data + lo, n);
  return result;
}

std::string indexError(int64_t i, size_t length) {
  std::string msg = "runtime error: index out of range [" + std::to_string(i) + "]";
  if (i >= 0) msg += " with length " + std::to_string(length);
  return msg;
}

}  // namespace goro::lang
