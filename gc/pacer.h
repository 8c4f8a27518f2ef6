// The pacer: when the next collection is due, from GOGC (gc/collector.h
// step 6) and the heap limit (gc/memory_limit.h rule 1). Go's rule without
// the concurrent-marking refinements: the goal is the live heap of the last
// cycle times (1 + GOGC/100), with a floor; under a limit, at most the
// limit, but never closer to the live heap than the limit's headroom.
#pragma once

#include <algorithm>
#include <cstdint>

#include "gc/memory_limit.h"

namespace goro::gc {

constexpr uint64_t kMinHeapGoal = 4u << 20;  // 4 MiB, Go's heapminimum

// The next goal, or UINT64_MAX when GOGC is off (gcPercent < 0) and there
// is no limit (limit 0).
inline uint64_t computeHeapGoal(uint64_t liveBytes, int gcPercent, uint64_t limit = 0) {
  uint64_t goal = UINT64_MAX;
  if (gcPercent >= 0) {
    goal = std::max(liveBytes + liveBytes * static_cast<uint64_t>(gcPercent) / 100, kMinHeapGoal);
  }
  if (limit != 0) {
    uint64_t headroom = std::max(limit / kLimitHeadroomDivisor, kMinLimitHeadroom);
    goal = std::min(goal, std::max(limit, liveBytes + headroom));
  }
  return goal;
}

}  // namespace goro::gc
