// MCentral: the spans of one size class that no mcache owns.
//
// An mcache that runs out of free slots in its span hands the span back here
// (uncacheSpan) and takes one that has free slots (cacheSpan); when none has,
// mcentral gets a fresh span from the heap. Both lists are guarded by the
// mcentral's lock (rank mcentral). The sweeper rebuilds both lists with the
// world stopped, after every mcache has been flushed.
#pragma once

#include <cstdint>

#include "alloc/span.h"
#include "runtime/mutex.h"

namespace goro::alloc {

class MCentral {
 public:
  MCentral() : lock_(runtime::LockRank::mcentral) {}
  void init(uint8_t sizeClass) { sizeClass_ = sizeClass; }

  // A span with at least one free slot, now owned by the calling mcache.
  Span* cacheSpan();
  // Takes back a span from an mcache.
  void uncacheSpan(Span* s);

  // Sweeper only (world stopped): empties both lists, then re-adds each
  // surviving span through addSwept.
  void resetForSweep();
  void addSwept(Span* s);

  uint8_t sizeClass() const { return sizeClass_; }

 private:
  void pushLocked(Span* s);
  void removeLocked(Span* s);

  runtime::Mutex lock_;
  uint8_t sizeClass_ = 0;
  Span* partial_ = nullptr;  // spans with a free slot
  Span* full_ = nullptr;     // spans with none
};

}  // namespace goro::alloc
