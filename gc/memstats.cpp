#include "gc/memstats.h"

#include "alloc/mheap.h"
#include "gc/collector.h"
#include "gc/world.h"

namespace goro::gc {

MemStats readMemStatsStopped() {
  alloc::HeapStats h = alloc::Heap::instance().stats();
  MemStats m;
  m.heapAlloc = h.heapAlloc;
  m.heapObjects = h.heapObjects;
  m.totalAlloc = h.totalAlloc;
  m.mallocs = h.mallocs;
  m.frees = h.frees;
  m.heapSys = h.heapSys;
  m.heapInUse = h.heapInUse;
  m.heapReleased = h.heapReleased;
  m.persistentAllocs = h.persistentAllocs;
  m.persistentBytes = h.persistentBytes;
  m.nextGC = heapGoal();
  m.numGC = numGC();
  m.pauseTotalNs = pauseTotalNs();
  return m;
}

MemStats readMemStats() {
  StoppedWorld world(StwReason::ReadMemStats);
  return readMemStatsStopped();
}

}  // namespace goro::gc
