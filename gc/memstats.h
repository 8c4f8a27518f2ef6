// runtime.ReadMemStats: the allocator's counters and the collector's.
#pragma once

#include <cstdint>

namespace goro::gc {

struct MemStats {
  uint64_t heapAlloc = 0;     // bytes of allocated heap objects
  uint64_t heapObjects = 0;   // allocated heap objects
  uint64_t totalAlloc = 0;    // bytes allocated, ever
  uint64_t mallocs = 0;       // objects allocated, ever
  uint64_t frees = 0;         // objects freed, ever
  uint64_t heapSys = 0;       // bytes of heap memory obtained from mimalloc
  uint64_t heapInUse = 0;     // bytes in spans in use
  uint64_t heapReleased = 0;  // bytes returned to mimalloc, ever
  uint64_t persistentAllocs = 0;  // never-freed blocks (allpsnapshot=persistent)
  uint64_t persistentBytes = 0;
  uint64_t nextGC = 0;        // heap goal of the next cycle (0: GOGC=off)
  uint64_t numGC = 0;
  uint64_t pauseTotalNs = 0;
};

// Stops the world to read consistent counters (as Go does).
MemStats readMemStats();
// The same with the world already stopped (or no other thread running).
MemStats readMemStatsStopped();

}  // namespace goro::gc
