// Lock ranking (runtime/lockrank.h). The checker is switched on at run time
// for these tests, so they exercise it in every build; GORO_LOCKRANK builds
// have it on regardless.
#include "runtime/lockrank.h"

#include <mutex>
#include <string>
#include <thread>
#include <gtest/gtest.h>

#include "runtime/mutex.h"

namespace goro::runtime {
namespace {

class LockRankTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    setLockRankChecking(true);
  }
  void TearDown() override {
    EXPECT_EQ(heldLockCount(), 0);
    setLockRankChecking(false);
  }
};

TEST_F(LockRankTest, NamesFollowTheEnum) {
  EXPECT_STREQ(lockRankName(LockRank::world), "world");
  EXPECT_STREQ(lockRankName(LockRank::gcRoots), "gcRoots");
  EXPECT_STREQ(lockRankName(LockRank::sched), "sched");
  EXPECT_STREQ(lockRankName(LockRank::chan), "chan");
  EXPECT_STREQ(lockRankName(LockRank::mheap), "mheap");
  EXPECT_STREQ(lockRankName(LockRank::leaf), "leaf");
  EXPECT_TRUE(lockRankMayNest(LockRank::chan));
  EXPECT_TRUE(lockRankMayNest(LockRank::timers));
  EXPECT_FALSE(lockRankMayNest(LockRank::sched));
  EXPECT_TRUE(lockRankCheckingEnabled());
}

TEST_F(LockRankTest, OuterToInnerIsAllowed) {
  Mutex sched(LockRank::sched), allp(LockRank::allp), mheap(LockRank::mheap), leaf(LockRank::leaf);
  std::lock_guard a(sched);
  std::lock_guard b(allp);
  std::lock_guard c(mheap);
  std::lock_guard d(leaf);
  EXPECT_EQ(heldLockCount(), 4);
}

TEST_F(LockRankTest, OutOfOrderReleaseIsAllowed) {
  Mutex sched(LockRank::sched), allg(LockRank::allg), mheap(LockRank::mheap);
  sched.lock();
  allg.lock();
  mheap.lock();
  sched.unlock();
  EXPECT_EQ(heldLockCount(), 2);
  allg.unlock();
  mheap.unlock();
  // With nothing held, any rank may be taken again.
  sched.lock();
  sched.unlock();
}

TEST_F(LockRankTest, ChannelsMayNest) {
  Mutex a(LockRank::chan), b(LockRank::chan), sched(LockRank::sched);
  a.lock();
  b.lock();
  sched.lock();  // readying a goroutine with the channels still locked
  sched.unlock();
  b.unlock();
  a.unlock();
}

TEST_F(LockRankTest, TryLockIsRecordedButNotChecked) {
  Mutex mheap(LockRank::mheap), sched(LockRank::sched), leaf(LockRank::leaf);
  mheap.lock();
  ASSERT_TRUE(sched.try_lock());  // cannot deadlock: it does not wait
  EXPECT_EQ(heldLockCount(), 2);
  leaf.lock();  // checked against the highest held rank, mheap
  leaf.unlock();
  sched.unlock();
  mheap.unlock();
}

TEST_F(LockRankTest, LocksTakenBeforeCheckingAreIgnored) {
#ifdef GORO_LOCKRANK
  GTEST_SKIP() << "checking cannot be turned off in GORO_LOCKRANK builds";
#else
  Mutex mheap(LockRank::mheap);
  setLockRankChecking(false);
  mheap.lock();
  setLockRankChecking(true);
  EXPECT_EQ(heldLockCount(), 0);
  mheap.unlock();  // not recorded, so nothing to release
#endif
}

TEST_F(LockRankTest, InnerToOuterIsFatal) {
  Mutex sched(LockRank::sched), mheap(LockRank::mheap);
  EXPECT_EXIT(
      {
        mheap.lock();
        sched.lock();
      },
      ::testing::ExitedWithCode(2),
      "fatal error: lock ordering problem: acquiring sched while holding mheap \\(held, outermost first: mheap\\)");
}

TEST_F(LockRankTest, ViolationNamesTheHighestHeldRank) {
  Mutex chan(LockRank::chan), mcentral(LockRank::mcentral), allp(LockRank::allp);
  EXPECT_EXIT(
      {
        chan.lock();
        mcentral.lock();
        allp.lock();
      },
      ::testing::ExitedWithCode(2),
      "lock ordering problem: acquiring allp while holding mcentral \\(held, outermost first: chan mcentral\\)");
}

TEST_F(LockRankTest, SameRankWithoutNestingIsFatal) {
  Mutex a(LockRank::sched), b(LockRank::sched);
  EXPECT_EXIT(
      {
        a.lock();
        b.lock();
      },
      ::testing::ExitedWithCode(2), "lock ordering problem: acquiring sched while holding sched");
}

TEST_F(LockRankTest, RelockingTheSameChannelIsFatal) {
  Mutex a(LockRank::chan);
  EXPECT_EXIT(
      {
        a.lock();
        a.lock();
      },
      ::testing::ExitedWithCode(2), "lock ordering problem: acquiring chan while holding chan \\(the same lock");
}

TEST_F(LockRankTest, UnlockOnAnotherThreadIsFatal) {
  Mutex a(LockRank::leaf);
  EXPECT_EXIT(
      {
        a.lock();
        std::thread([&] { a.unlock(); }).join();
      },
      ::testing::ExitedWithCode(2), "lock ranking: releasing a leaf lock that this thread does not hold");
}

}  // namespace
}  // namespace goro::runtime
