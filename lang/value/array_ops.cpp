// lang/value/array_ops.cpp: arrays and slicing (lang/value/array_ops.h).
//
// An array's items vector is its capacity; length <= items->count() always.
//
// Appends racing on one array (goroutines on different threads, no lock)
// may lose elements, as racing appends to a Go slice do, but never write or
// read outside a vector:
// - An appender works on the one vector it loaded (or made), checks its
//   room against that vector's count, and writes only there; it never
//   re-loads `items` between the check and the writes, since another
//   appender may have replaced it meanwhile.
// - Growth copies the vector it loaded into one at least twice as large,
//   then installs the copy with a compare-and-swap from the vector it
//   copied. If another appender got there first, it starts again from the
//   newer vector. So `items` only ever grows, and a count read once bounds
//   every later load of `items` too (the interpreter's spread relies on it).
// - The elements are stored before `length` (a release store), and the new
//   vector is filled before it is installed, so a reader that sees the
//   longer length or the new vector also sees the elements.
#include "lang/value/array_ops.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "gc/allocate.h"
#include "gc/constructors.h"
#include "gc/handles.h"
#include "lang/value/race_safe_access.h"
#include "runtime/fatal.h"

namespace goro::lang::value {

using runtime::Array;
using runtime::String;
using runtime::Value;
using runtime::Vector;

namespace {

// A Vector holds at most this many slots (its count is a uint32).
constexpr size_t kMaxItems = UINT32_MAX;

// Go's bounds check order for x[lo:hi]: hi against the bound first, then lo
// against hi. For arrays as for strings the bound is the length: a Goro
// array, unlike a Go slice, cannot be sliced past its length into its spare
// capacity (cap(a) may be larger), so Go's "with capacity" would mislead.
bool checkSlice(int64_t lo, int64_t* hi, size_t length, std::string* error) {
  auto len = static_cast<int64_t>(length);
  if (*hi == kSliceToEnd) *hi = len;
  std::string msg = "runtime error: slice bounds out of range ";
  if (*hi < 0) {
    msg += "[:" + std::to_string(*hi) + "]";
  } else if (*hi > len) {
    msg += "[:" + std::to_string(*hi) + "] with length " + std::to_string(len);
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
  Value* slot = arraySlot(a, static_cast<uint64_t>(i));
  if (slot == nullptr) return false;
  *out = loadValue(*slot);
  return true;
}

bool arraySet(Array* a, int64_t i, Value v) {
  Value* slot = arraySlot(a, static_cast<uint64_t>(i));
  if (slot == nullptr) return false;
  storeValue(*slot, v);
  return true;
}

namespace {

// The storage and length of a, loaded once each (items first), for an
// appender; fatal if `count` more elements could not be counted.
struct AppendState {
  Vector* items;
  size_t capacity;
  size_t length;
};
AppendState loadForAppend(const Array* a, size_t count) {
  AppendState st;
  st.items = loadPublished(a->items);
  st.capacity = st.items != nullptr ? st.items->count() : 0;
  st.length = std::min(loadPublished(a->length), st.capacity);
  if (count > kMaxItems - st.length) runtime::fatal("out of memory: array too large");
  return st;
}

}  // namespace

Array* arrayAppend(alloc::MCache& cache, Array* a, const Value* values, size_t count) {
  if (count == 0) return a;
  AppendState st = loadForAppend(a, count);
  if (st.length + count > st.capacity) {
    gc::Handle<Array> array(a);
    for (;;) {
      size_t grown = std::max<size_t>({st.length + count, st.capacity * 2, 4});
      grown = std::min(grown, kMaxItems);
      Vector* bigger = gc::newVector(cache, static_cast<uint32_t>(grown));  // may collect
      a = array.get();
      st = loadForAppend(a, count);  // another goroutine may have appended meanwhile
      if (st.length + count <= st.capacity) break;  // and made room
      if (st.length + count > grown) continue;      // or outgrown our new vector
      if (st.items != nullptr) copyValuesShared(bigger->slots, st.items->slots, st.length);
      std::atomic_ref<Vector*> itemsWord(a->items);
      Vector* expected = st.items;
      if (itemsWord.compare_exchange_strong(expected, bigger, std::memory_order_acq_rel, std::memory_order_acquire)) {
        st.items = bigger;
        st.capacity = grown;
        break;
      }
      // Another grower installed its vector first: start again from that one.
      st = loadForAppend(a, count);
      if (st.length + count <= st.capacity) break;
    }
  }
  storeValuesShared(st.items->slots + st.length, values, count);
  publish(a->length, st.length + count);
  return a;
}

Array* arraySlice(alloc::MCache& cache, Array* a, int64_t lo, int64_t hi, std::string* error) {
  if (!checkSlice(lo, &hi, arrayView(a).length, error)) return nullptr;
  gc::Handle<Array> source(a);
  auto n = static_cast<size_t>(hi - lo);
  Array* result = gc::newArray(cache, static_cast<uint32_t>(n));
  // The source may have changed under a racing writer during the allocation:
  // copy what is there now, within bounds.
  ArrayView view = arrayView(source.get());
  size_t from = std::min(static_cast<size_t>(lo), view.length);
  size_t copied = std::min(n, view.length - from);
  copyValuesShared(result->items->slots, view.items + from, copied);
  result->length = n;  // any slots not copied stay nil
  return result;
}

String* stringSlice(alloc::MCache& cache, String* s, int64_t lo, int64_t hi, std::string* error) {
  if (!checkSlice(lo, &hi, s->length, error)) return nullptr;
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

}  // namespace goro::lang::value
