// lang/value/race_safe_access.h: loading and storing the words of heap objects
// that goroutines running on different threads may touch at the same time.
//
// docs/language.md lets scripts race: a variable one goroutine writes while
// another reads yields one of the values written, never a torn mix, and
// nothing a script does may crash the interpreter. Arrays and maps are
// shared by reference, so their words (an array's items and length, a map's
// tables and counts, every Value slot) are exactly such variables. The value
// library follows three rules for them:
//
// 1. Whole words. Every word a racing goroutine may write is read and
//    written through std::atomic_ref, relaxed unless rule 2 applies. On
//    x86-64 and AArch64 a relaxed access is one plain aligned load or store,
//    so this costs nothing at run time; what it buys is that the compiler
//    may no longer split, merge or re-load the word. A bounds check is only
//    as good as the single load it was made on: a length the compiler
//    re-read after the check could be another goroutine's.
// 2. Publication. A word that carries a pointer to an object, or says how
//    much of one is filled in, is stored with release order after the
//    object is built and loaded with acquire order: a grown items vector, a
//    map's rebuilt tables, an array's length, and every Value slot (a Value
//    may be a pointer to a string or array another goroutine just made). A
//    reader that sees the pointer then also sees the object's header and
//    contents, its length or count above all, and not the bytes its memory
//    held before it was allocated. Plain moves on x86-64; LDAR/STLR on
//    AArch64. No lock and no read-modify-write on any read path.
// 3. Bounds from the storage actually read. Load a storage pointer once and
//    check every index against the capacity of that storage: never against
//    a count loaded separately alone, which may belong to other storage.
//
// The collector is not a concern here: it runs only with the world stopped,
// and the world stops only at safe points, never in the middle of a native,
// so storage a native has loaded cannot be freed under it while it runs.
#pragma once

#include <atomic>
#include <cstddef>
#include <type_traits>

#include "runtime/value.h"

namespace goro::lang::value {

static_assert(std::atomic_ref<runtime::Value>::is_always_lock_free, "a Value is read and written whole");
static_assert(std::atomic_ref<void*>::is_always_lock_free, "a pointer is read and written whole");

// A relaxed load of a shared word: the whole word, loaded exactly once.
template <typename T>
inline T loadWord(const T& word) {
  static_assert(std::is_trivially_copyable_v<T>);
  return std::atomic_ref<T>(const_cast<T&>(word)).load(std::memory_order_relaxed);
}

// A relaxed store of a shared word.
template <typename T>
inline void storeWord(T& word, T value) {
  std::atomic_ref<T>(word).store(value, std::memory_order_relaxed);
}

// An acquire load of a published word (rule 2).
template <typename T>
inline T loadPublished(const T& word) {
  static_assert(std::is_trivially_copyable_v<T>);
  return std::atomic_ref<T>(const_cast<T&>(word)).load(std::memory_order_acquire);
}

// A release store: everything written before it is visible to a reader
// that loads `value` with loadPublished.
template <typename T>
inline void publish(T& word, T value) {
  std::atomic_ref<T>(word).store(value, std::memory_order_release);
}

// A Value slot of a shared object (an array element, a map key or value).
inline runtime::Value loadValue(const runtime::Value& slot) { return loadPublished(slot); }
inline void storeValue(runtime::Value& slot, runtime::Value v) { publish(slot, v); }

// Copies n Values from storage other goroutines may be writing, one whole
// word at a time (memcpy gives no such promise), into storage no other
// goroutine can see yet.
inline void copyValuesShared(runtime::Value* dst, const runtime::Value* src, size_t n) {
  for (size_t i = 0; i < n; i++) dst[i] = loadValue(src[i]);
}

// Stores n Values into storage other goroutines may be reading.
inline void storeValuesShared(runtime::Value* dst, const runtime::Value* src, size_t n) {
  for (size_t i = 0; i < n; i++) storeValue(dst[i], src[i]);
}

}  // namespace goro::lang::value
