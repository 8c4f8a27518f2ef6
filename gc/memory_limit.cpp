#include "gc/memory_limit.h"

#include <atomic>
#include <cstdio>

#include "alloc/mheap.h"
#include "gc/collector.h"
#include "runtime/byte_size.h"
#include "runtime/fatal.h"
#include "runtime/settings.h"

namespace goro::gc {

namespace {

std::atomic<uint64_t>& limitCell() {
  static std::atomic<uint64_t> limit{runtime::settings().memoryLimit};
  return limit;
}

// "runtime: out of memory: <what>, ..." and the fatal report, the heap's
// figures included: the live heap after the last full collection, the
// limit, the number of collections.
[[noreturn]] void outOfMemory(const char* what, const char* relation, uint64_t liveBytes, uint64_t limit) {
  char detail[320];
  std::snprintf(detail, sizeof detail,
                "%s: the live heap is %s after a full collection, %s the limit of %s "
                "(GOMEMLIMIT or --max-heap); %llu collections",
                what, runtime::formatByteSize(liveBytes).c_str(), relation, runtime::formatByteSize(limit).c_str(),
                static_cast<unsigned long long>(numGC()));
  runtime::fatalOutOfMemory(detail);
}

}  // namespace

uint64_t memoryLimit() { return limitCell().load(std::memory_order_relaxed); }

uint64_t setMemoryLimit(uint64_t bytes) {
  uint64_t old = limitCell().exchange(bytes);
  refreshHeapGoal();
  return old;
}

void checkLiveHeapAfterCollection(uint64_t liveBytes) {
  uint64_t limit = memoryLimit();
  if (limit != 0 && liveBytes > limit) outOfMemory("the program keeps too much alive", "over", liveBytes, limit);
}

void detail::beforeLargeAllocation(size_t bytes) {
  uint64_t limit = memoryLimit();
  if (limit == 0) return;
  alloc::Heap& heap = alloc::Heap::instance();
  if (heap.heapLive() + bytes <= limit) return;
  collect(GcTrigger::Limit);
  uint64_t live = heap.heapLive();
  if (live + bytes <= limit) return;
  char what[64];
  std::snprintf(what, sizeof what, "cannot allocate %zu-byte block", bytes);
  outOfMemory(what, "and with it would pass", live, limit);
}

}  // namespace goro::gc
