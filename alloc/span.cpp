#include "alloc/span.h"

namespace goro::alloc {

uintptr_t Span::nextFreeSlow() {
  uint32_t index = freeIndex;
  if (index >= nelems) return 0;
  unsigned bit = static_cast<unsigned>(std::countr_zero(allocCache));
  while (bit == 64) {
    // Nothing free in the cached word: move to the start of the next word.
    index = (index + 64) & ~uint32_t{63};
    if (index >= nelems) {
      freeIndex = nelems;
      return 0;
    }
    refillAllocCache(index);
    bit = static_cast<unsigned>(std::countr_zero(allocCache));
  }
  uint32_t result = index + bit;
  if (result >= nelems) {
    freeIndex = nelems;
    return 0;
  }
  allocCache = (allocCache >> bit) >> 1;  // bit + 1 may be 64
  uint32_t next = result + 1;
  if (next % 64 == 0 && next != nelems) refillAllocCache(next);
  freeIndex = next;
  allocCount++;
  return slotAddress(result);
}

}  // namespace goro::alloc
