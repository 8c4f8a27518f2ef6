// Arena: a 4 MiB block of memory from mimalloc, aligned to its size, carved
// into 8 KiB pages. Page 0 holds this header; the others hold spans.
//
// Because arenas are aligned to kArenaSize, the arena of any heap address is
// the address with its low bits cleared, and the span of an object is one
// table load away: spanOf() is O(1) and takes no lock.
//
// An object larger than an arena gets a "huge" arena of its own, sized to
// fit, still aligned to kArenaSize; its single span starts at page 1, so
// spanOf() works for the object's start address (objects are only ever
// referred to by their start).
//
// Invariants: spans[i] is the span that covers page i, or null when page i
// is free (pages past kPagesPerArena in a huge arena have no entry);
// freeBits has a 1 for each free page; all fields are guarded by the heap
// lock except spans[], which is read without a lock by spanOf() (a span in
// the table is never freed while the world runs: spans are freed only by the
// sweeper, with the world stopped).
#pragma once

#include <cstddef>
#include <cstdint>

#include "alloc/size_classes.h"

namespace goro::alloc {

struct Span;

constexpr size_t kArenaShift = 22;
constexpr size_t kArenaSize = size_t{1} << kArenaShift;  // 4 MiB
constexpr size_t kPagesPerArena = kArenaSize / kPageSize;  // 512
constexpr size_t kUsablePagesPerArena = kPagesPerArena - 1;

struct Arena {
  Span* spans[kPagesPerArena];
  uint64_t freeBits[kPagesPerArena / 64];
  size_t bytes;       // bytes obtained from mimalloc for this arena
  uint32_t npages;    // pages after the header page
  uint32_t nfree;     // free pages (always 0 for a huge arena in use)
  bool huge;
  Arena* next;        // the heap's list of arenas
  Arena* prev;

  static Arena* of(const void* p) {
    return reinterpret_cast<Arena*>(reinterpret_cast<uintptr_t>(p) & ~(kArenaSize - 1));
  }
  uintptr_t pageAddress(size_t page) const {
    return reinterpret_cast<uintptr_t>(this) + page * kPageSize;
  }
  size_t pageOf(const void* p) const {
    return (reinterpret_cast<uintptr_t>(p) - reinterpret_cast<uintptr_t>(this)) >> kPageShift;
  }
};
static_assert(sizeof(Arena) <= kPageSize, "the arena header fits its first page");

// The span holding heap address p. p must point into a live span's first
// kArenaSize bytes (every object start does).
inline Span* spanOf(const void* p) {
  Arena* a = Arena::of(p);
  return a->spans[a->pageOf(p)];
}

}  // namespace goro::alloc
