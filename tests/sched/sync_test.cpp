// sync.WaitGroup and sync.Mutex with fake goroutines (sched/sync.h), after
// Go's sync/waitgroup_test.go and sync/mutex_test.go: Wait returns only
// after every Done, on 1 to 4 Ps; Wait with a zero counter does not park;
// every waiter wakes; a negative counter is refused and leaves the counter
// alone; the mutex excludes under contention on 4 Ps, hands itself to its
// waiters in arrival order and may be unlocked by another goroutine; a
// waiter keeps its WaitGroup alive across a collection. Death tests: the
// fatal unlock of an unlocked mutex, and deadlock reports naming the waits.
//
// A fake goroutine is a small state machine, called again each time it is
// scheduled: an operation that returns Parked makes it return Blocked, and
// when it runs again the wait is over (or the lock is held).
#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

#include "alloc/mheap.h"
#include "fake_runner.h"
#include "gc/collector.h"
#include "gc/handles.h"
#include "sched/sched.h"
#include "sched/sync.h"

namespace goro::testing {
namespace {

using runtime::SyncMutex;
using runtime::WaitGroup;
using sched::GStatus;
using sched::SyncStatus;
using sched::WaitReason;

int64_t counterOf(WaitGroup* wg) { return std::atomic_ref<int64_t>(wg->counter).load(); }
uint32_t stateOf(SyncMutex* mu) { return std::atomic_ref<uint32_t>(mu->state).load(); }

bool parkedFor(G* g, WaitReason reason) {
  return g->status.load() == GStatus::Waiting && g->waitReason.load() == reason;
}

class SyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ensureScheduler();
    sched::setGomaxprocs(4);
  }
  void TearDown() override {
    while (!roots_.empty()) roots_.pop_back();
    cache_.releaseAll();
    sched::setGomaxprocs(4);
  }
  // Rooted objects (the test thread's handle stack is a root).
  WaitGroup* waitGroup() {
    WaitGroup* wg = sched::newWaitGroup(cache_);
    roots_.push_back(std::make_unique<gc::Root>(runtime::Value::object(wg)));
    return wg;
  }
  SyncMutex* mutex() {
    SyncMutex* mu = sched::newSyncMutex(cache_);
    roots_.push_back(std::make_unique<gc::Root>(runtime::Value::object(mu)));
    return mu;
  }
  // Runs f once in a new goroutine and waits for it.
  void inGoroutine(std::function<void()> f) {
    Counter done;
    spawn([&](G*, M*) {
      f();
      done.add();
      return RunOutcome::Returned;
    });
    ASSERT_TRUE(done.waitFor(1));
  }

  alloc::MCache cache_;
  std::vector<std::unique_ptr<gc::Root>> roots_;
};

// ---- WaitGroup ----

TEST_F(SyncTest, WaitReturnsOnlyAfterEveryDone) {
  constexpr int kWorkers = 24;
  for (int procs = 1; procs <= 4; procs++) {
    SCOPED_TRACE(procs);
    sched::setGomaxprocs(procs);
    WaitGroup* wg = waitGroup();
    std::atomic<int> finished{0};
    std::atomic<int> seenAtWait{-1};
    Counter done;
    bool resumed = false;
    spawn([&, wg](G*, M*) {
      if (!resumed) {
        EXPECT_EQ(sched::waitGroupAdd(wg, kWorkers), SyncStatus::Done);
        for (int i = 0; i < kWorkers; i++) {
          // Each worker yields a few times before its Done, so that the
          // Dones interleave with each other and with the Wait.
          auto yields = std::make_shared<int>(i % 5);
          spawn([&, wg, yields](G*, M*) {
            if ((*yields)-- > 0) return RunOutcome::Yielded;
            finished.fetch_add(1);
            EXPECT_EQ(sched::waitGroupAdd(wg, -1), SyncStatus::Done);
            done.add();
            return RunOutcome::Returned;
          });
        }
        if (sched::waitGroupWait(wg) == SyncStatus::Parked) {
          resumed = true;
          return RunOutcome::Blocked;
        }
      }
      seenAtWait.store(finished.load());
      done.add();
      return RunOutcome::Returned;
    });
    ASSERT_TRUE(done.waitFor(kWorkers + 1));
    EXPECT_EQ(seenAtWait.load(), kWorkers);
    EXPECT_EQ(counterOf(wg), 0);
  }
}

TEST_F(SyncTest, WaitWithAZeroCounterDoesNotPark) {
  WaitGroup* wg = waitGroup();
  inGoroutine([wg] {
    EXPECT_EQ(sched::waitGroupWait(wg), SyncStatus::Done);
    EXPECT_EQ(sched::waitGroupAdd(wg, 0), SyncStatus::Done);
    EXPECT_EQ(sched::waitGroupAdd(wg, 2), SyncStatus::Done);
    EXPECT_EQ(sched::waitGroupAdd(wg, -2), SyncStatus::Done);
    EXPECT_EQ(sched::waitGroupWait(wg), SyncStatus::Done);
  });
  EXPECT_EQ(counterOf(wg), 0);
}

TEST_F(SyncTest, EveryWaiterWakesAndTheGroupIsReusable) {
  constexpr int kWaiters = 8;
  for (int procs = 1; procs <= 4; procs++) {
    SCOPED_TRACE(procs);
    sched::setGomaxprocs(procs);
    WaitGroup* wg = waitGroup();
    for (int round = 0; round < 2; round++) {
      SCOPED_TRACE(round);
      inGoroutine([wg] { EXPECT_EQ(sched::waitGroupAdd(wg, 1), SyncStatus::Done); });
      Counter woken;
      std::vector<G*> waiters;
      for (int i = 0; i < kWaiters; i++) {
        auto parked = std::make_shared<bool>(false);
        waiters.push_back(spawn([&, wg, parked](G*, M*) {
          if (!*parked) {
            // The counter stays 1 until the release below: this must park.
            EXPECT_EQ(sched::waitGroupWait(wg), SyncStatus::Parked);
            *parked = true;
            return RunOutcome::Blocked;
          }
          woken.add();
          return RunOutcome::Returned;
        }));
      }
      for (G* g : waiters) ASSERT_TRUE(eventually([g] { return parkedFor(g, WaitReason::SyncWaitGroupWait); }));
      EXPECT_EQ(woken.get(), 0);
      inGoroutine([wg] { EXPECT_EQ(sched::waitGroupAdd(wg, -1), SyncStatus::Done); });
      ASSERT_TRUE(woken.waitFor(kWaiters));
      EXPECT_EQ(counterOf(wg), 0);
    }
  }
}

TEST_F(SyncTest, NegativeCounterIsRefusedAndLeavesTheCounter) {
  WaitGroup* wg = waitGroup();
  inGoroutine([wg] {
    EXPECT_EQ(sched::waitGroupAdd(wg, -1), SyncStatus::NegativeCounter);
    EXPECT_EQ(counterOf(wg), 0);
    EXPECT_EQ(sched::waitGroupAdd(wg, 3), SyncStatus::Done);
    EXPECT_EQ(sched::waitGroupAdd(wg, -4), SyncStatus::NegativeCounter);
    EXPECT_EQ(counterOf(wg), 3);
    // Overflow counts as negative (Go's 32-bit counter wraps there).
    EXPECT_EQ(sched::waitGroupAdd(wg, std::numeric_limits<int64_t>::max()), SyncStatus::NegativeCounter);
    EXPECT_EQ(counterOf(wg), 3);
    EXPECT_EQ(sched::waitGroupAdd(wg, -3), SyncStatus::Done);
    EXPECT_EQ(sched::waitGroupWait(wg), SyncStatus::Done);
  });
}

TEST_F(SyncTest, AWaiterKeepsItsWaitGroupAlive) {
  // The only reference to wg is in the parked waiter's Sudog; control has
  // none at all, and shows that the collection does free unrooted objects.
  auto& heap = alloc::Heap::instance();
  WaitGroup* wg = sched::newWaitGroup(cache_);
  WaitGroup* control = sched::newWaitGroup(cache_);
  Counter done;
  bool parked = false;
  G* waiter = spawn([&, wg](G*, M*) {
    if (!parked) {
      EXPECT_EQ(sched::waitGroupAdd(wg, 1), SyncStatus::Done);
      EXPECT_EQ(sched::waitGroupWait(wg), SyncStatus::Parked);
      parked = true;
      return RunOutcome::Blocked;
    }
    done.add();
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(eventually([waiter] { return parkedFor(waiter, WaitReason::SyncWaitGroupWait); }));
  gc::collect();
  gc::collect();
  EXPECT_TRUE(heap.isAllocatedObject(wg));
  EXPECT_FALSE(heap.isAllocatedObject(control));
  EXPECT_EQ(counterOf(wg), 1);
  // Root it again for the release (the waiter drops it on waking).
  gc::Root root(runtime::Value::object(wg));
  inGoroutine([wg] { EXPECT_EQ(sched::waitGroupAdd(wg, -1), SyncStatus::Done); });
  ASSERT_TRUE(done.waitFor(1));
}

// ---- Mutex ----

TEST_F(SyncTest, MutexExcludesUnderContention) {
  constexpr int kGoroutines = 16;
  constexpr int kIterations = 400;
  SyncMutex* mu = mutex();
  int64_t counter = 0;  // plain: only ever touched with mu held
  std::atomic<int> inside{0};
  std::atomic<int> violations{0};
  std::atomic<int> parks{0};
  Counter done;
  // All start together, released by a WaitGroup, so that they contend
  // (one at a time, each would finish before the next is spawned).
  WaitGroup* gate = waitGroup();
  inGoroutine([gate] { EXPECT_EQ(sched::waitGroupAdd(gate, 1), SyncStatus::Done); });
  std::vector<G*> gs;
  for (int k = 0; k < kGoroutines; k++) {
    struct State {
      int i = 0;
      enum { Gate, Acquire, Owned, MidSection } phase = Gate;
      int64_t read = 0;
    };
    auto st = std::make_shared<State>();
    gs.push_back(spawn([&, mu, gate, st](G*, M*) {
      for (;;) {
        switch (st->phase) {
          case State::Gate:
            st->phase = State::Acquire;
            if (sched::waitGroupWait(gate) == SyncStatus::Parked) return RunOutcome::Blocked;
            break;
          case State::Acquire:
            if (st->i == kIterations) {
              done.add();
              return RunOutcome::Returned;
            }
            st->phase = State::Owned;
            if (sched::mutexLock(mu) == SyncStatus::Parked) {
              parks.fetch_add(1);
              return RunOutcome::Blocked;
            }
            break;
          case State::Owned:
            if (inside.fetch_add(1) != 0) violations.fetch_add(1);
            st->read = counter;
            st->phase = State::MidSection;
            // Now and then give the P away in the middle of the critical
            // section: the others must queue, not get in.
            if (st->i % 7 == 0) return RunOutcome::Yielded;
            break;
          case State::MidSection:
            counter = st->read + 1;
            inside.fetch_sub(1);
            sched::mutexUnlock(mu);
            st->i++;
            st->phase = State::Acquire;
            if (st->i % 5 == 0) return RunOutcome::Yielded;
            break;
        }
      }
    }));
  }
  for (G* g : gs) ASSERT_TRUE(eventually([g] { return parkedFor(g, WaitReason::SyncWaitGroupWait); }));
  inGoroutine([gate] { EXPECT_EQ(sched::waitGroupAdd(gate, -1), SyncStatus::Done); });
  ASSERT_TRUE(done.waitFor(kGoroutines));
  EXPECT_EQ(violations.load(), 0);
  EXPECT_EQ(counter, int64_t{kGoroutines} * kIterations);
  EXPECT_GT(parks.load(), 0) << "the test never made a goroutine wait";
  EXPECT_EQ(stateOf(mu), 0u);
}

TEST_F(SyncTest, MutexHandsOffInArrivalOrder) {
  constexpr int kWaiters = 5;
  constexpr int kUnlocker = 99;
  for (int procs : {1, 4}) {
    SCOPED_TRACE(procs);
    sched::setGomaxprocs(procs);
    SyncMutex* mu = mutex();
    std::vector<int> order;  // appended to with mu held
    Counter done;

    // The first goroutine locks and ends, still holding the mutex.
    inGoroutine([mu] { EXPECT_EQ(sched::mutexLock(mu), SyncStatus::Done); });

    // Waiters queue one at a time, in a known order.
    auto waiterBody = [&, mu](int id) {
      auto parked = std::make_shared<bool>(false);
      return [&, mu, id, parked](G*, M*) {
        if (!*parked) {
          EXPECT_EQ(sched::mutexLock(mu), SyncStatus::Parked);
          *parked = true;
          return RunOutcome::Blocked;
        }
        order.push_back(id);  // woken as the owner
        sched::mutexUnlock(mu);
        done.add();
        return RunOutcome::Returned;
      };
    };
    for (int id = 1; id <= kWaiters; id++) {
      G* g = spawn(waiterBody(id));
      ASSERT_TRUE(eventually([g] { return parkedFor(g, WaitReason::SyncMutexLock); }));
    }

    // Another goroutine unlocks (the mutex belongs to no goroutine), and
    // at once asks for it again: it was handed to waiter 1, so this one
    // must queue, behind waiter 5 on one P.
    std::atomic<bool> lockedAfterUnlock{false};
    std::atomic<bool> unlockerParked{false};
    bool resumed = false;
    spawn([&, mu](G*, M*) {
      if (!resumed) {
        sched::mutexUnlock(mu);
        lockedAfterUnlock.store(stateOf(mu) != 0);
        if (sched::mutexLock(mu) == SyncStatus::Parked) {
          unlockerParked.store(true);
          resumed = true;
          return RunOutcome::Blocked;
        }
      }
      order.push_back(kUnlocker);
      sched::mutexUnlock(mu);
      done.add();
      return RunOutcome::Returned;
    });

    ASSERT_TRUE(done.waitFor(kWaiters + 1));
    std::vector<int> waitersOnly;
    for (int id : order) {
      if (id != kUnlocker) waitersOnly.push_back(id);
    }
    EXPECT_EQ(waitersOnly, (std::vector<int>{1, 2, 3, 4, 5}));
    EXPECT_EQ(order.size(), size_t{kWaiters + 1});
    if (procs == 1) {
      // With one P nothing else runs between the unlock and the lock.
      EXPECT_TRUE(lockedAfterUnlock.load());
      EXPECT_TRUE(unlockerParked.load());
      EXPECT_EQ(order.back(), kUnlocker);
    }
    EXPECT_EQ(stateOf(mu), 0u);
  }
}

TEST_F(SyncTest, AnotherGoroutineMayUnlock) {
  SyncMutex* mu = mutex();
  inGoroutine([mu] { EXPECT_EQ(sched::mutexLock(mu), SyncStatus::Done); });
  EXPECT_NE(stateOf(mu), 0u);
  inGoroutine([mu] {
    sched::mutexUnlock(mu);
    EXPECT_EQ(stateOf(mu), 0u);
    EXPECT_EQ(sched::mutexLock(mu), SyncStatus::Done);  // free again: the fast path
    sched::mutexUnlock(mu);
  });
  EXPECT_EQ(stateOf(mu), 0u);
}

// ---- Death tests ----

class SyncDeathTest : public ::testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

// Runs body as the main goroutine on this thread (never returns).
[[noreturn]] void runMain(std::function<RunOutcome(G*, M*)> body) {
  sched::runMain(nullptr, new FakeG{std::move(body)});
}

TEST_F(SyncDeathTest, UnlockOfAnUnlockedMutexIsFatal) {
  EXPECT_EXIT(
      {
        startScheduler(2);
        auto* mu = new SyncMutex{};
        runMain([mu](G*, M*) {
          sched::mutexUnlock(mu);
          return RunOutcome::Returned;
        });
      },
      ::testing::ExitedWithCode(2), "^fatal error: sync: unlock of unlocked mutex\n");
  EXPECT_EXIT(
      {
        startScheduler(2);
        auto* mu = new SyncMutex{};
        runMain([mu](G*, M*) {
          CHILD_CHECK(sched::mutexLock(mu) == SyncStatus::Done);
          sched::mutexUnlock(mu);
          sched::mutexUnlock(mu);
          return RunOutcome::Returned;
        });
      },
      ::testing::ExitedWithCode(2), "^fatal error: sync: unlock of unlocked mutex\n");
}

TEST_F(SyncDeathTest, WaitingForeverIsADeadlock) {
  EXPECT_EXIT(
      {
        startScheduler(2);
        auto* cache = new alloc::MCache();
        WaitGroup* wg = sched::newWaitGroup(*cache);
        runMain([wg](G*, M*) {
          CHILD_CHECK(sched::waitGroupAdd(wg, 1) == SyncStatus::Done);
          CHILD_CHECK(sched::waitGroupWait(wg) == SyncStatus::Parked);
          return RunOutcome::Blocked;
        });
      },
      ::testing::ExitedWithCode(2),
      "^fatal error: all goroutines are asleep - deadlock!\n"
      "\n"
      "goroutine 1 \\[sync.WaitGroup.Wait\\]:\n"
      "callable.goroutine\\(\\)\n");
  EXPECT_EXIT(
      {
        startScheduler(2);
        auto* cache = new alloc::MCache();
        SyncMutex* mu = sched::newSyncMutex(*cache);
        runMain([mu](G*, M*) {
          CHILD_CHECK(sched::mutexLock(mu) == SyncStatus::Done);
          CHILD_CHECK(sched::mutexLock(mu) == SyncStatus::Parked);
          return RunOutcome::Blocked;
        });
      },
      ::testing::ExitedWithCode(2),
      "^fatal error: all goroutines are asleep - deadlock!\n"
      "\n"
      "goroutine 1 \\[sync.Mutex.Lock\\]:\n"
      "callable.goroutine\\(\\)\n");
}

}  // namespace
}  // namespace goro::testing
