// The pacer: when the next collection is due, from GOGC (gc/collector.h
// step 6). Go's rule without the concurrent-marking refinements: the goal is
// the live heap of the last cycle times (1 + GOGC/100), with a floor.
#pragma once

#include <cstdint>

namespace goro::gc {

constexpr uint64_t kMinHeapGoal = 4u << 20;  // 4 MiB, Go's heapminimum

// The next goal, or UINT64_MAX when GOGC is off (gcPercent < 0).
inline uint64_t computeHeapGoal(uint64_t liveBytes, int gcPercent) {
  if (gcPercent < 0) return UINT64_MAX;
  uint64_t goal = liveBytes + liveBytes * static_cast<uint64_t>(gcPercent) / 100;
  return goal < kMinHeapGoal ? kMinHeapGoal : goal;
}

}  // namespace goro::gc
