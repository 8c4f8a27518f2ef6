// procresize: allp grows in place within its capacity and into a new array
// of exactly the new length beyond it (copying every P up to the old
// capacity); shrinking keeps the array and kills Ps, whose queued Gs move
// to the global queue and still run; Ps keep their identity throughout.
#include <vector>

#include "fake_runner.h"
#include "gc/world.h"
#include "sched/runq.h"
#include "sched/sched.h"
#include "sched/testhooks.h"

namespace goro::testing {
namespace {

using sched::P;
using sched::PStatus;

P* slot(runtime::PArray* a, uint32_t i) { return static_cast<P*>(a->ps[i]); }

class ProcresizeTest : public ::testing::Test {
 protected:
  void SetUp() override { ensureScheduler(); }
};

TEST_F(ProcresizeTest, GrowShrinkRegrowKeepsIdentity) {
  sched::setGomaxprocs(4);
  runtime::PArray* a = sched::testhooks::currentAllp();
  ASSERT_EQ(a->length(), 4u);
  uint32_t cap = a->capacity;
  ASSERT_GE(cap, 4u);
  std::vector<P*> ps;
  for (uint32_t i = 0; i < cap; i++) {
    ps.push_back(slot(a, i));
    ASSERT_EQ(ps[i], sched::pEver(i)) << "allp[i] is P i";
    ASSERT_EQ(ps[i]->id, static_cast<int32_t>(i));
  }

  // Shrink: same array, extra Ps dead but still in their slots.
  EXPECT_EQ(sched::setGomaxprocs(2), 4);
  EXPECT_EQ(sched::gomaxprocs(), 2);
  EXPECT_EQ(sched::testhooks::currentAllp(), a);
  EXPECT_EQ(a->length(), 2u);
  EXPECT_EQ(a->capacity, cap);
  for (uint32_t i = 2; i < 4; i++) {
    EXPECT_EQ(ps[i]->status.load(), PStatus::Dead);
    EXPECT_EQ(slot(a, i), ps[i]);
  }

  // Regrow within the capacity: in place, the same Ps alive again.
  EXPECT_EQ(sched::setGomaxprocs(cap), 2);
  EXPECT_EQ(sched::testhooks::currentAllp(), a);
  EXPECT_EQ(a->length(), cap);
  for (uint32_t i = 0; i < cap; i++) {
    EXPECT_EQ(slot(a, i), ps[i]);
    EXPECT_NE(ps[i]->status.load(), PStatus::Dead);
  }

  // Beyond the capacity: a new array of exactly the new length, every old
  // slot copied.
  uint64_t arrays = sched::stats().allpArrays;
  sched::setGomaxprocs(cap + 1);
  runtime::PArray* b = sched::testhooks::currentAllp();
  EXPECT_NE(b, a);
  EXPECT_EQ(b->length(), cap + 1);
  EXPECT_EQ(b->capacity, cap + 1);
  EXPECT_EQ(sched::stats().allpArrays, arrays + 1);
  for (uint32_t i = 0; i < cap; i++) EXPECT_EQ(slot(b, i), ps[i]);
  EXPECT_EQ(slot(b, cap), sched::pEver(cap));

  // Shrink below the old length and grow beyond the capacity again: the dead
  // Ps between the lengths are copied too.
  sched::setGomaxprocs(2);
  sched::setGomaxprocs(cap + 2);
  runtime::PArray* c = sched::testhooks::currentAllp();
  EXPECT_NE(c, b);
  for (uint32_t i = 0; i < cap + 1; i++) EXPECT_EQ(slot(c, i), sched::pEver(i));
  for (uint32_t i = 0; i < cap + 2; i++) EXPECT_NE(slot(c, i)->status.load(), PStatus::Dead);
  sched::setGomaxprocs(4);
}

TEST_F(ProcresizeTest, NoopAndInvalidValues) {
  sched::setGomaxprocs(3);
  uint64_t stops = sched::stats().stopTheWorlds;
  EXPECT_EQ(sched::setGomaxprocs(0), 3);
  EXPECT_EQ(sched::setGomaxprocs(-5), 3);
  EXPECT_EQ(sched::setGomaxprocs(3), 3);
  EXPECT_EQ(sched::stats().stopTheWorlds, stops) << "no change, no stop";
  EXPECT_EQ(gc::worldProcs(), 3);
  sched::setGomaxprocs(4);
}

TEST_F(ProcresizeTest, DeadPsQueuesMoveToTheGlobalQueueAndRun) {
  sched::setGomaxprocs(4);
  Counter ran;
  auto counting = [&ran] { return new FakeG{[&ran](G*, M*) { ran.add(); return RunOutcome::Returned; }}; };
  {
    // With the world stopped this thread owns every P: fill P3's queue by
    // hand, then shrink to 2 as GOMAXPROCS would.
    gc::StoppedWorld world(gc::StwReason::TestOnly);
    P* p3 = sched::pEver(3);
    ASSERT_EQ(p3->status.load(), PStatus::Gcstop);
    for (int i = 0; i < 5; i++) sched::runqput(p3, sched::testhooks::newRunnableG(counting()), false);
    sched::runqput(p3, sched::testhooks::newRunnableG(counting()), true);
    sched::testhooks::setNextProcs(2);
  }
  EXPECT_EQ(sched::gomaxprocs(), 2);
  EXPECT_EQ(sched::pEver(3)->status.load(), PStatus::Dead);
  EXPECT_TRUE(sched::runqempty(sched::pEver(3)));
  EXPECT_TRUE(ran.waitFor(6)) << "ran " << ran.get();
  sched::setGomaxprocs(4);
}

TEST_F(ProcresizeTest, LiveQueuesAreStartedWithAnM) {
  // Gs left on a surviving P's queue by the stop are run after the start.
  sched::setGomaxprocs(2);
  Counter ran;
  {
    gc::StoppedWorld world(gc::StwReason::TestOnly);
    for (int i = 0; i < 3; i++) {
      sched::runqput(sched::pEver(1), sched::testhooks::newRunnableG(new FakeG{[&ran](G*, M*) {
                       ran.add();
                       return RunOutcome::Returned;
                     }}),
                     false);
    }
  }
  EXPECT_TRUE(ran.waitFor(3));
  sched::setGomaxprocs(4);
}

}  // namespace
}  // namespace goro::testing
