// MCache: a per-P cache of spans, one per size class, from which the P
// allocates small objects with no lock and no atomic operation.
//
// Ownership: an mcache belongs to one P (before the scheduler exists, to
// whoever created it); only the thread running that P touches it, except
// that the collector flushes every mcache with the world stopped. Every
// mcache is registered in a global list for that purpose.
//
// The fast path (alloc) is: size -> class -> the cached span's
// nextFreeFast(). When the span is used up, refill() hands it back to its
// mcentral and takes another; that refill is where the caller learns that
// the heap grew (the collector's pacing check happens there, as in Go).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <mutex>

#include "alloc/mheap.h"
#include "alloc/poison.h"
#include "alloc/size_classes.h"
#include "alloc/span.h"
#include "runtime/mutex.h"

namespace goro::alloc {

class MCache {
 public:
  MCache();
  ~MCache();
  MCache(const MCache&) = delete;
  MCache& operator=(const MCache&) = delete;

  // A zeroed object of `size` bytes (size >= 1). Sets *grew when the heap
  // handed out new memory (a span refill or a large object), which is when
  // the caller should check whether a collection is due.
  void* alloc(size_t size, bool* grew) {
    if (size <= kMaxSmallSize) [[likely]] {
      uint8_t c = sizeClassOf(size);
      uintptr_t p = spans_[c]->nextFreeFast();
      if (p == 0) [[unlikely]] {
        // A local flag, so that the caller's stays in a register on the
        // fast path (its address would otherwise escape to nextFree).
        bool refilled = false;
        p = nextFree(c, &refilled);
        if (refilled) *grew = true;
      }
      size_t bytes = sizeClass(c).size;
      unpoison(p, bytes);
      zeroSlot(p, bytes);
      return reinterpret_cast<void*>(p);
    }
    *grew = true;
    return allocLarge(size);
  }

  // Zeroes a slot of `bytes` (a size class: a multiple of 8, at least 8).
  // Up to 128 bytes, two overlapping runs of fixed-size stores that the
  // compiler emits inline (8 to 64 bytes each); a call to memset costs more
  // than the stores at these sizes, and most objects are this small.
  static void zeroSlot(uintptr_t p, size_t bytes) {
    auto* d = reinterpret_cast<unsigned char*>(p);
    if (bytes <= 16) {
      std::memset(d, 0, 8);
      std::memset(d + bytes - 8, 0, 8);
    } else if (bytes <= 32) {
      std::memset(d, 0, 16);
      std::memset(d + bytes - 16, 0, 16);
    } else if (bytes <= 64) {
      std::memset(d, 0, 32);
      std::memset(d + bytes - 32, 0, 32);
    } else if (bytes <= 128) {
      std::memset(d, 0, 64);
      std::memset(d + bytes - 64, 0, 64);
    } else {
      std::memset(d, 0, bytes);
    }
  }

  // Returns every cached span to its mcentral (before a sweep, or when a P
  // is destroyed or its cache flushed).
  void releaseAll();

  template <typename F>
  void forEachCachedSpan(F&& f) {
    for (size_t c = 1; c < kNumSizeClasses; c++) {
      if (spans_[c] != emptySpan()) f(spans_[c]);
    }
  }

  // Calls f on every registered mcache, holding the registry lock (rank
  // mcaches). The caches' spans may only be touched with the world stopped.
  template <typename F>
  static void forEach(F&& f) {
    std::lock_guard<runtime::Mutex> guard(registryLock());
    for (MCache* c = registryHead(); c != nullptr; c = c->nextCache_) f(*c);
  }

  // Set by the collector's pacer when a refill took the heap past its goal:
  // the next allocation through this cache collects first. Owned by the
  // thread that owns the cache.
  bool collectionDue = false;

  // The placeholder span of an empty slot: no free slot, so the fast path
  // falls through to refill.
  static Span* emptySpan();

 private:
  uintptr_t nextFree(uint8_t sizeClass, bool* grew);
  void* allocLarge(size_t size);
  static MCache* registryHead();
  static runtime::Mutex& registryLock();

  Span* spans_[kNumSizeClasses];
  MCache* nextCache_ = nullptr;
  MCache* prevCache_ = nullptr;
};

}  // namespace goro::alloc
