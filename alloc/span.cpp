#include "alloc/span.h"

namespace goro::alloc {

uintptr_t Span::nextFreeSlow() {
  while (allocCache == 0) {
    // Nothing left in the cached word: move to the start of the next one.
    // Every slot before it is allocated, so freeIndex may jump there.
    uint32_t next = cacheBase + 64;
    if (next >= nelems) {
      freeIndex = nelems;
      return 0;
    }
    freeIndex = next;
    refillAllocCache(next);
  }
  return nextFreeFast();
}

}  // namespace goro::alloc
