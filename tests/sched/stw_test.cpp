// Stop-the-world and the paths around it: it stops Ps, not Ms (an M in a
// system call keeps running through it and cannot get a P back until the
// start); concurrent GOMAXPROCS changes and collections from goroutines
// and plain threads never deadlock; sysmon retakes a P stuck in a system
// call; park and ready. (Sysmon's preemption of a G that runs too long is
// in fairness_test.cpp.)
#include <random>
#include <thread>
#include <vector>

#include "fake_runner.h"
#include "gc/collector.h"
#include "gc/constructors.h"
#include "gc/world.h"
#include "sched/sched.h"
#include "sched/testhooks.h"

namespace goro::testing {
namespace {

using sched::P;
using sched::PStatus;

class StwTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ensureScheduler();
    sched::setGomaxprocs(4);
  }
};

TEST_F(StwTest, MsWithoutAPKeepRunning) {
  std::atomic<long> spins{0};
  std::atomic<bool> leaveSyscall{false};
  std::atomic<bool> backWithP{false};
  Counter done;
  spawn([&](G*, M*) {
    sched::entersyscall();
    while (!leaveSyscall.load()) {
      spins.fetch_add(1);
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    sched::exitsyscall();
    backWithP.store(sched::currentP() != nullptr);
    done.add();
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(eventually([&] { return spins.load() > 0; }));
  {
    gc::StoppedWorld world(gc::StwReason::TestOnly);
    for (int i = 0; i < sched::gomaxprocs(); i++) {
      EXPECT_EQ(sched::pEver(i)->status.load(), PStatus::Gcstop) << "P" << i;
    }
    // The M in the system call holds no P: the stop did not wait for it, and
    // it keeps running while the world is stopped.
    long before = spins.load();
    EXPECT_TRUE(eventually([&] { return spins.load() > before + 5; }));
    // Leaving the call needs a P: none is free until the start.
    leaveSyscall.store(true);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(done.get(), 0) << "exitsyscall got a P during the stop";
  }
  EXPECT_TRUE(done.waitFor(1));
  EXPECT_TRUE(backWithP.load());
}

TEST_F(StwTest, StopFromAGoroutineKeepsItsP) {
  Counter done;
  std::atomic<bool> samePAfter{false};
  std::atomic<bool> ownPStopped{false};
  spawn([&](G* g, M* m) {
    P* before = sched::currentP();
    {
      gc::StoppedWorld world(gc::StwReason::TestOnly);
      ownPStopped.store(before->status.load() == PStatus::Gcstop || sched::currentP() == nullptr);
    }
    samePAfter.store(sched::currentP() == before && g->status.load() == sched::GStatus::Running);
    done.add();
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(done.waitFor(1));
  EXPECT_TRUE(ownPStopped.load());
  EXPECT_TRUE(samePAfter.load());
}

TEST_F(StwTest, StopWaitsForARunningGoroutineToReachASafePoint) {
  std::atomic<bool> running{false};
  std::atomic<int> preemptions{0};
  std::atomic<bool> stop{false};
  Counter done;
  spawn([&](G* g, M*) {
    running.store(true);
    while (!stop.load()) {
      if (g->preempt.load()) {  // a safe point
        preemptions.fetch_add(1);
        return RunOutcome::Preempted;
      }
    }
    done.add();
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(eventually([&] { return running.load(); }));
  {
    gc::StoppedWorld world(gc::StwReason::TestOnly);
    EXPECT_GE(preemptions.load(), 1);
  }
  stop.store(true);
  EXPECT_TRUE(done.waitFor(1));
}

// Resizes and collects in a loop; from a goroutine it also allocates.
void churn(int seed, int rounds, bool inGoroutine) {
  std::mt19937 rng(static_cast<uint32_t>(seed));
  for (int i = 0; i < rounds; i++) {
    sched::setGomaxprocs(1 + static_cast<int>(rng() % 6));
    if (inGoroutine) {
      // The cache is re-read after every call that may stop the world.
      gc::newBytes(*sched::currentCache(), 48 + rng() % 64);
    }
    if (rng() % 2 == 0) gc::collect();
  }
}

TEST_F(StwTest, ConcurrentGomaxprocsAndCollectDoNotDeadlock) {
  constexpr int kGoroutines = 4;
  constexpr int kThreads = 2;
  constexpr int kRounds = 25;
  Counter done;
  uint64_t stops = sched::stats().stopTheWorlds;
  for (int i = 0; i < kGoroutines; i++) {
    spawn([&done, i](G*, M*) {
      churn(i, kRounds, true);
      done.add();
      return RunOutcome::Returned;
    });
  }
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; i++) {
    threads.emplace_back([&done, i] {
      churn(100 + i, kRounds, false);
      done.add();
    });
  }
  bool finished = done.waitFor(kGoroutines + kThreads, 60000);
  for (auto& t : threads) t.join();
  ASSERT_TRUE(finished) << "deadlock: only " << done.get() << " finished";
  EXPECT_GT(sched::stats().stopTheWorlds - stops, static_cast<uint64_t>(kRounds));
}

TEST_F(StwTest, SysmonRetakesAPInASystemCall) {
  sched::setGomaxprocs(1);
  uint64_t before = sched::stats().syscallRetakes;
  std::atomic<bool> inSyscall{false};
  std::atomic<bool> release{false};
  Counter done;
  spawn([&](G*, M*) {
    sched::entersyscall();
    inSyscall.store(true);
    while (!release.load()) std::this_thread::sleep_for(std::chrono::microseconds(200));
    sched::exitsyscall();
    done.add();
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(eventually([&] { return inSyscall.load(); }));
  // The only P is in a system call: this G runs only if sysmon retakes it.
  spawn([&](G*, M*) {
    done.add();
    return RunOutcome::Returned;
  });
  EXPECT_TRUE(done.waitFor(1, 5000));
  EXPECT_GT(sched::stats().syscallRetakes, before);
  release.store(true);
  EXPECT_TRUE(done.waitFor(2));
  sched::setGomaxprocs(4);
}

TEST_F(StwTest, ReturnFromASystemCallIsNotStarvedByABusyP) {
  // One P, kept busy by a G that never parks (only preempted). The G back
  // from its system call waits for a P that never goes idle; the busy M
  // must hand its P over at its next trip through the scheduler.
  sched::setGomaxprocs(1);
  std::atomic<bool> back{false};
  std::atomic<bool> busyStarted{false};
  Counter done;
  spawn([&](G*, M*) {
    sched::entersyscall();
    while (!busyStarted.load()) std::this_thread::sleep_for(std::chrono::microseconds(200));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    sched::exitsyscall();
    back.store(true);
    done.add();
    return RunOutcome::Returned;
  });
  auto* start = new int64_t(0);
  spawn([&, start](G* g, M*) {
    busyStarted.store(true);
    if (*start == 0) *start = sched::nanotime();
    while (!back.load()) {
      if (sched::nanotime() - *start > 5'000'000'000) break;
      if (g->preempt.load()) return RunOutcome::Preempted;
    }
    delete start;
    done.add();
    return RunOutcome::Returned;
  });
  EXPECT_TRUE(done.waitFor(2, 3000));
  EXPECT_TRUE(back.load());
  EXPECT_TRUE(done.waitFor(2));
  sched::setGomaxprocs(4);
}

TEST_F(StwTest, ParkAndReady) {
  std::atomic<G*> parked{nullptr};
  std::atomic<bool> sawWaiting{false};
  Counter done;
  struct State {
    int step = 0;
  };
  auto* st = new State();
  spawn([&, st](G* g, M*) {
    if (st->step++ == 0) {
      // The unlock function runs once g is Waiting (Go's park_m).
      sched::gopark(
          [](G* gp, void* flag) {
            static_cast<std::atomic<bool>*>(flag)->store(gp->status.load() == sched::GStatus::Waiting);
            return true;
          },
          &sawWaiting, sched::WaitReason::ChanReceive);
      parked.store(g);
      return RunOutcome::Blocked;
    }
    delete st;
    done.add();
    return RunOutcome::Returned;
  });
  // The status turns Waiting before the unlock function runs, so wait for
  // both: checking the flag as soon as the status is Waiting raced with it.
  ASSERT_TRUE(eventually([&] {
    G* g = parked.load();
    return g != nullptr && g->status.load() == sched::GStatus::Waiting && sawWaiting.load();
  }));
  EXPECT_EQ(parked.load()->waitReason.load(), sched::WaitReason::ChanReceive);
  EXPECT_EQ(done.get(), 0);
  sched::goready(parked.load());  // from a thread without a P: the global queue
  EXPECT_TRUE(done.waitFor(1));
}

TEST_F(StwTest, ParkCalledOffByItsUnlockFunction) {
  Counter done;
  auto* calls = new int(0);
  spawn([&done, calls](G*, M*) {
    if ((*calls)++ == 0) {
      sched::gopark([](G*, void*) { return false; }, nullptr, sched::WaitReason::Select);
      return RunOutcome::Blocked;
    }
    delete calls;
    done.add();
    return RunOutcome::Returned;
  });
  EXPECT_TRUE(done.waitFor(1));
}

TEST_F(StwTest, GoroutinesReadyEachOtherAndYield) {
  // Each G spawns the next from its P (runnext) and yields once.
  constexpr int kChain = 200;
  Counter done;
  struct Link {
    int n;
    bool yielded = false;
  };
  std::function<void(int)> start = [&](int n) {
    auto* l = new Link{n};
    spawn([&, l](G*, M*) {
      if (!l->yielded) {
        l->yielded = true;
        return RunOutcome::Yielded;
      }
      if (l->n + 1 < kChain) start(l->n + 1);
      delete l;
      done.add();
      return RunOutcome::Returned;
    });
  };
  start(0);
  EXPECT_TRUE(done.waitFor(kChain));
}

}  // namespace
}  // namespace goro::testing
