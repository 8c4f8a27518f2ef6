// Mutex: the futex mutex (runtime/mutex.h).
#include "runtime/mutex.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>
#include <gtest/gtest.h>

namespace goro::runtime {
namespace {

TEST(MutexTest, MutualExclusionUnderContention) {
  Mutex mu(LockRank::leaf);
  constexpr int kThreads = 4;
  constexpr int kIncrements = 200'000;
  long counter = 0;    // plain: only the lock protects it
  int inside = 0;      // how many threads are in the critical section
  std::atomic<bool> overlap{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; i++) {
        std::lock_guard<Mutex> guard(mu);
        if (++inside != 1) overlap = true;
        counter++;
        inside--;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(counter, static_cast<long>(kThreads) * kIncrements);
  EXPECT_FALSE(overlap.load());
}

TEST(MutexTest, SleepersAreWoken) {
  // Hold the lock long enough that the other threads give up spinning and
  // sleep on the futex; every one of them must get it in the end.
  Mutex mu(LockRank::leaf);
  std::atomic<int> done{0};
  mu.lock();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&] {
      std::unique_lock<Mutex> lock(mu);
      done++;
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(done.load(), 0);
  mu.unlock();
  for (auto& th : threads) th.join();
  EXPECT_EQ(done.load(), 4);
}

TEST(MutexTest, TryLock) {
  Mutex mu(LockRank::leaf);
  EXPECT_TRUE(mu.try_lock());
  std::thread other([&] { EXPECT_FALSE(mu.tryLock()); });
  other.join();
  mu.unlock();
  std::thread again([&] {
    EXPECT_TRUE(mu.tryLock());
    mu.unlock();
  });
  again.join();
  EXPECT_EQ(mu.rank(), LockRank::leaf);
}

TEST(MutexDeathTest, UnlockOfUnlockedIsFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Mutex mu(LockRank::leaf);
  EXPECT_EXIT(mu.unlock(), ::testing::ExitedWithCode(2), "fatal error: unlock of unlocked lock");
}

}  // namespace
}  // namespace goro::runtime
