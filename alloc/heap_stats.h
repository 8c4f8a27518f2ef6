// Heap statistics: the allocator's share of runtime.ReadMemStats.
#pragma once

#include <cstdint>

namespace goro::alloc {

struct HeapStats {
  uint64_t heapAlloc = 0;     // bytes of allocated objects (slot sizes)
  uint64_t heapObjects = 0;   // allocated objects
  uint64_t totalAlloc = 0;    // bytes ever allocated
  uint64_t mallocs = 0;       // objects ever allocated
  uint64_t frees = 0;         // objects ever freed
  uint64_t heapSys = 0;       // bytes of arenas obtained from mimalloc
  uint64_t heapInUse = 0;     // bytes in spans that hold objects
  uint64_t heapReleased = 0;  // bytes of arenas given back to mimalloc
  uint64_t spansInUse = 0;
  uint64_t persistentAllocs = 0;  // never-freed allocations (persistentAlloc)
  uint64_t persistentBytes = 0;
};

}  // namespace goro::alloc
