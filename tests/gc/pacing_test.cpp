// GOGC pacing: the goal follows live * (1 + GOGC/100) with a 4 MB floor,
// allocation triggers cycles by itself, and GOGC=off disables them.
#include <gtest/gtest.h>

#include "gc/pacer.h"
#include "tests/support/heap_fixture.h"

namespace goro::gc {
namespace {

using runtime::Value;

class PacingTest : public testing::HeapTest {
 protected:
  void TearDown() override {
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
