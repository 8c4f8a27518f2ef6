// GOGC pacing: the goal follows live * (1 + GOGC/100) with a 4 MB floor,
// allocation triggers cycles by itself, and GOGC=off disables them. Under a
// heap limit (gc/memory_limit.h) the goal is at most the limit, keeps its
// headroom above the live heap, and paces cycles even with GOGC=off.
#include <gtest/gtest.h>

#include "gc/memory_limit.h"
#include "gc/pacer.h"
#include "tests/support/heap_fixture.h"

namespace goro::gc {
namespace {

using runtime::Value;

class PacingTest : public testing::HeapTest {
 protected:
  void TearDown() override {
    setMemoryLimit(0);
    setGcPercent(100);
    HeapTest::TearDown();
  }
};

TEST(Pacer, GoalFormula) {
  EXPECT_EQ(computeHeapGoal(0, 100), kMinHeapGoal);
  EXPECT_EQ(computeHeapGoal(10u << 20, 100), 20u << 20);
  EXPECT_EQ(computeHeapGoal(10u << 20, 50), 15u << 20);
  EXPECT_EQ(computeHeapGoal(10u << 20, 0), 10u << 20);
  EXPECT_EQ(computeHeapGoal(1u << 20, 100), kMinHeapGoal);
  EXPECT_EQ(computeHeapGoal(10u << 20, -1), UINT64_MAX);
}

TEST(Pacer, GoalUnderALimit) {
  constexpr uint64_t kMiB = 1u << 20;
  // Far from the limit, GOGC decides.
  EXPECT_EQ(computeHeapGoal(10 * kMiB, 100, 1024 * kMiB), 20 * kMiB);
  // Nearer, the limit does, GOGC=off included.
  EXPECT_EQ(computeHeapGoal(10 * kMiB, 100, 16 * kMiB), 16 * kMiB);
  EXPECT_EQ(computeHeapGoal(10 * kMiB, -1, 16 * kMiB), 16 * kMiB);
  // The 4 MiB floor gives way to a smaller limit.
  EXPECT_EQ(computeHeapGoal(0, 100, 1 * kMiB), 1 * kMiB);
  // The goal stays a headroom (1/32 of the limit, at least 64 KiB) above the
  // live heap, even past the limit, so that a heap near it does not collect
  // at every span refill; whether that live heap is allowed is decided
  // after the collection.
  EXPECT_EQ(computeHeapGoal(63 * kMiB, 100, 64 * kMiB), 65 * kMiB);
  EXPECT_EQ(computeHeapGoal(70 * kMiB, -1, 64 * kMiB), 72 * kMiB);
  EXPECT_EQ(computeHeapGoal(kMiB, 100, kMiB), kMiB + kMinLimitHeadroom);
  // No limit: as before.
  EXPECT_EQ(computeHeapGoal(10 * kMiB, -1, 0), UINT64_MAX);
}

TEST_F(PacingTest, ALimitPacesCyclesWithGogcOff) {
  setGcPercent(-1);
  EXPECT_EQ(setMemoryLimit(8u << 20), 0u);
  EXPECT_EQ(memoryLimit(), 8u << 20);
  EXPECT_EQ(heapGoal(), computeHeapGoal(lastCycle().marked.bytes, -1, 8u << 20));
  uint64_t before = numGC();
  uint64_t maxHeap = 0;
  for (int i = 0; i < 200000; i++) {  // ~44 MB of garbage
    newBytes(cache, 200);
    maxHeap = std::max(maxHeap, alloc::Heap::instance().heapLive());
  }
  EXPECT_GE(numGC() - before, 3u);
  EXPECT_LE(maxHeap, (8u << 20) + (1u << 20));
  EXPECT_EQ(setMemoryLimit(0), 8u << 20);
  EXPECT_EQ(heapGoal(), 0u);  // back to GOGC=off alone
}

TEST_F(PacingTest, ALargeObjectPastTheLimitCollectsFirst) {
  setGcPercent(-1);
  setMemoryLimit(8u << 20);
  for (int i = 0; i < 5; i++) newBytes(cache, 1u << 20);  // 5 MB of garbage
  uint64_t before = numGC();
  roots.push_back(obj(newBytes(cache, 4u << 20)));  // fits only once the garbage is gone
  EXPECT_EQ(numGC(), before + 1);
  EXPECT_EQ(lastCycle().trigger, GcTrigger::Limit);
}

TEST_F(PacingTest, AllocationTriggersCyclesNearTheGoal) {
  // Keep ~8 MB live, then churn garbage: cycles start by themselves, and
  // the heap never grows far past the goal.
  for (int i = 0; i < 8 * 1024; i++) roots.push_back(obj(newBytes(cache, 1000)));
  collect();
  uint64_t live = lastCycle().marked.bytes;
  EXPECT_EQ(heapGoal(), computeHeapGoal(live, 100));
  uint64_t before = numGC();
  uint64_t maxHeap = 0;
  for (int i = 0; i < 200000; i++) {
    newBytes(cache, 200);
    maxHeap = std::max(maxHeap, alloc::Heap::instance().heapLive());
  }
  uint64_t cycles = numGC() - before;
  EXPECT_GE(cycles, 2u);
  EXPECT_LE(maxHeap, heapGoal() + (1u << 20));
  EXPECT_EQ(lastCycle().trigger, GcTrigger::Heap);
}

TEST_F(PacingTest, GogcOffDisablesPacedCycles) {
  setGcPercent(-1);
  EXPECT_EQ(heapGoal(), 0u);
  uint64_t before = numGC();
  for (int i = 0; i < 100000; i++) newBytes(cache, 200);  // ~22 MB
  EXPECT_EQ(numGC(), before);
  collect();  // a forced cycle still runs
  EXPECT_EQ(numGC(), before + 1);
}

TEST_F(PacingTest, LowerGogcMeansMoreCycles) {
  auto cyclesFor = [&](int percent) {
    setGcPercent(percent);
    collect();
    uint64_t before = numGC();
    for (int i = 0; i < 150000; i++) newBytes(cache, 200);
    return numGC() - before;
  };
  for (int i = 0; i < 6 * 1024; i++) roots.push_back(obj(newBytes(cache, 1000)));
  uint64_t at50 = cyclesFor(50);
  uint64_t at400 = cyclesFor(400);
  EXPECT_GT(at50, at400);
}

}  // namespace
}  // namespace goro::gc
