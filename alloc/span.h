// Span: a run of pages holding objects of one size class (or one large
// object), with its allocation and mark bitmaps.
//
// Allocation state, as in Go's mspan: the slots below `freeIndex` are all
// allocated; a slot at or above it is free exactly when its bit in
// `allocBits` is 0. `allocCache` caches one word of that: bit i stands for
// slot cacheBase + i and is 1 when the slot is free and not yet handed out
// (the complement of the allocBits word at cacheBase, less the slots below
// freeIndex and past nelems). The fast path is one count-trailing-zeros and
// one clear-lowest-bit. Unlike Go's, the cache is not shifted as slots are
// taken: clearing the lowest bit is one cycle and leaves freeIndex off the
// cache's dependency chain, which is what bounds the allocation loop.
// Sweeping makes allocBits a copy of the mark bits of the cycle that just
// ended and rewinds freeIndex to 0.
//
// Ownership: a span in use is owned by exactly one of: an mcache (inCache;
// only that cache's P allocates from it, with no lock), its mcentral's
// partial or full list (under the mcentral's lock), or, for a large object,
// the heap's large list. Mark bits are written only by the collector while
// the world is stopped.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

#include "alloc/size_classes.h"

namespace goro::alloc {

struct Arena;

enum class SpanState : uint8_t {
  InUse,  // holds objects (small or large)
  Free,   // returned to the page heap; the struct is about to be released
};

struct Span {
  uintptr_t base;        // address of slot 0
  uint32_t npages;
  uint32_t elemSize;     // bytes per slot (the whole span for a large object)
  uint32_t nelems;       // slots
  uint32_t divMul;       // see SizeClass::divMul; 0 for large spans
  uint32_t freeIndex;    // slots below this are allocated
  uint32_t allocCount;   // slots allocated (below freeIndex or set in allocBits)
  uint32_t allocCountAtCache;  // allocCount when an mcache took the span
  uint32_t cacheBase;    // slot of allocCache's bit 0 (a multiple of 64)
  uint64_t allocCache;   // free slots of one allocBits word (see above)
  uint8_t sizeClass;     // 0 for a large object
  SpanState state;
  bool inCache;          // owned by an mcache
  bool onPartialList;    // in its mcentral's partial list, else full list
  Arena* arena;
  Span* next;            // mcentral list links, or the large-object list
  Span* prev;
  uint64_t* allocBits;   // nelems bits, 1 = allocated as of the last sweep
  uint64_t* markBits;    // nelems bits, 1 = marked in the current cycle
  uint64_t bits[];       // storage of both bitmaps

  static constexpr size_t bitmapWords(size_t nelems) { return (nelems + 63) / 64; }

  uintptr_t limit() const { return base + static_cast<uintptr_t>(nelems) * elemSize; }
  bool isLarge() const { return sizeClass == 0; }
  bool full() const { return allocCount == nelems; }

  // The slot index of an address inside the span. A large span's divMul
  // of 0 gives slot 0 for every address in it, without a test.
  uint32_t indexOf(uintptr_t addr) const {
    return static_cast<uint32_t>(((addr - base) * static_cast<uint64_t>(divMul)) >> 32);
  }
  uintptr_t slotAddress(uint32_t index) const { return base + static_cast<uintptr_t>(index) * elemSize; }

  bool isMarked(uint32_t index) const { return (markBits[index / 64] >> (index % 64)) & 1; }
  // Sets the mark bit; returns whether it was already set.
  bool testAndSetMark(uint32_t index) {
    uint64_t& w = markBits[index / 64];
    uint64_t bit = uint64_t{1} << (index % 64);
    bool was = (w & bit) != 0;
    w |= bit;
    return was;
  }
  // testAndSetMark for parallel marking: of several threads setting one
  // bit, exactly one is told it was clear. The relaxed load first spares
  // the locked instruction when the object is already marked.
  bool testAndSetMarkAtomic(uint32_t index) {
    uint64_t* w = &markBits[index / 64];
    uint64_t bit = uint64_t{1} << (index % 64);
    if (__atomic_load_n(w, __ATOMIC_RELAXED) & bit) return true;
#if defined(__x86_64__) && !defined(__SANITIZE_THREAD__)
    // One `lock bts`, which leaves the old bit in the carry flag. GCC makes
    // that of the fetch_or below only where it sees the pattern whole;
    // inlined into the mark loop it emitted a `lock cmpxchg` retry loop.
    // (The thread sanitizer cannot see inline assembly, so its build keeps
    // the builtin.)
    bool was;
    asm volatile("lock btsq %2, %0" : "+m"(*w), "=@ccc"(was) : "r"(uint64_t{index % 64}));
    return was;
#else
    return (__atomic_fetch_or(w, bit, __ATOMIC_RELAXED) & bit) != 0;
#endif
  }
  bool isAllocated(uint32_t index) const {
    return index < freeIndex || ((allocBits[index / 64] >> (index % 64)) & 1);
  }

  // The fast path: a free slot from allocCache, or 0 when the cached word
  // is used up (the caller then takes nextFreeSlow).
  uintptr_t nextFreeFast() {
    uint64_t cache = allocCache;
    if (cache == 0) return 0;
    uint32_t result = cacheBase + static_cast<uint32_t>(std::countr_zero(cache));
    allocCache = cache & (cache - 1);
    freeIndex = result + 1;
    allocCount++;
    return slotAddress(result);
  }
  // The next free slot, moving allocCache to the next allocBits word with a
  // free slot; 0 when the span is full.
  uintptr_t nextFreeSlow();

  // Loads allocCache from the allocBits word holding slot `index` (<
  // nelems): its free slots from `index` on.
  void refillAllocCache(uint32_t index) {
    uint32_t base = index & ~uint32_t{63};
    uint64_t free = ~allocBits[index / 64] & (~uint64_t{0} << (index % 64));
    uint32_t slots = nelems - base;
    if (slots < 64) free &= (uint64_t{1} << slots) - 1;
    cacheBase = base;
    allocCache = free;
  }
};

}  // namespace goro::alloc
