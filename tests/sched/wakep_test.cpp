// wakep's lock-free path and the scheduler's event counters (sched/events.h,
// issue 13): with every P busy, wakep asks for a spinning M (proc.h rule 5)
// without taking sched.lock; with a P idle and no M spinning, it still
// takes the lock and starts an M. Checked through the counters, which are
// exact, never through time.
#include <atomic>

#include "fake_runner.h"
#include "sched/events.h"
#include "sched/sched.h"

namespace goro::testing {
namespace {

using sched::Event;
using sched::EventTotals;
using sched::eventTotals;

uint64_t delta(const EventTotals& after, const EventTotals& before, Event e) { return after[e] - before[e]; }

class WakepTest : public ::testing::Test {
 protected:
  void SetUp() override { ensureScheduler(); }
  void TearDown() override { sched::setGomaxprocs(4); }
};

TEST_F(WakepTest, EveryPBusyTakesNoLockAndAsksForASpinningM) {
  // One P, run by the G below: no P is idle and no M can spin, so every
  // wakep the G makes finds no idle P. None may take sched.lock, and each
  // must leave rule 5's request (needspinning) in force.
  sched::setGomaxprocs(1);
  constexpr int kCalls = 1000;
  std::atomic<uint64_t> calls{0}, noIdle{0}, locked{0}, wakeups{0};
  std::atomic<bool> needspinning{false};
  Counter done;
  spawn([&](G*, M*) {
    EventTotals before = eventTotals();
    for (int i = 0; i < kCalls; i++) sched::wakep();
    EventTotals after = eventTotals();
    needspinning.store(sched::sched.needspinning.load() == 1);
    calls.store(delta(after, before, Event::WakepCalls));
    noIdle.store(delta(after, before, Event::WakepNoIdleP));
    locked.store(delta(after, before, Event::WakepLocked));
    wakeups.store(delta(after, before, Event::MWakeups) + delta(after, before, Event::MNew));
    done.add();
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(done.waitFor(1));
  EXPECT_EQ(calls.load(), static_cast<uint64_t>(kCalls));
  EXPECT_EQ(noIdle.load(), static_cast<uint64_t>(kCalls));
  EXPECT_EQ(locked.load(), 0u) << "a wakep with every P busy took sched.lock";
  EXPECT_EQ(wakeups.load(), 0u) << "a wakep with every P busy woke an M";
  EXPECT_TRUE(needspinning.load()) << "rule 5's request was not left for an M dropping its P";
}

TEST_F(WakepTest, AnIdlePWithNobodySpinningStartsAnM) {
  // Two Ps: the G runs on one; once the other is idle and no M spins, a
  // wakep must take the locked path and hand that P to an M (woken or new).
  // Another M may start spinning between our look and the call, so the G
  // tries until a call finds the state it looked for.
  sched::setGomaxprocs(2);
  std::atomic<bool> tookLock{false}, startedM{false};
  std::atomic<int32_t> lastIdle{-1}, lastSpinning{-1};
  Counter done;
  spawn([&](G*, M*) {
    int64_t deadline = sched::nanotime() + 10'000'000'000;  // generous: loaded and sanitizer builds
    while (!tookLock.load() && sched::nanotime() < deadline) {
      lastIdle.store(sched::sched.npidle.load());
      lastSpinning.store(sched::sched.nmspinning.load());
      if (lastIdle.load() != 1 || lastSpinning.load() != 0) continue;
      EventTotals before = eventTotals();
      sched::wakep();
      EventTotals after = eventTotals();
      if (delta(after, before, Event::WakepLocked) == 0) continue;
      tookLock.store(true);
      // Started unless the idle P was taken by someone else in between.
      startedM.store(delta(after, before, Event::MWakeups) + delta(after, before, Event::MNew) == 1 ||
                     delta(after, before, Event::WakepNoIdleP) == 1);
    }
    done.add();
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(done.waitFor(1));
  EXPECT_TRUE(tookLock.load()) << "wakep never took the locked path with a P idle and no M spinning; last seen "
                               << lastIdle.load() << " idle Ps, " << lastSpinning.load() << " spinning Ms";
  EXPECT_TRUE(startedM.load());
}

TEST_F(WakepTest, CountersCountEachGoroutineMade) {
  // newgs counts G structures made, and a made or reused G is counted by
  // its go statement's wakep: N spawns add at least N wakep calls.
  constexpr int kGs = 200;
  EventTotals before = eventTotals();
  Counter ran;
  for (int i = 0; i < kGs; i++) {
    spawn([&ran](G*, M*) {
      ran.add();
      return RunOutcome::Returned;
    });
  }
  ASSERT_TRUE(ran.waitFor(kGs));
  EventTotals after = eventTotals();
  EXPECT_GE(delta(after, before, Event::WakepCalls), static_cast<uint64_t>(kGs));
  EXPECT_LE(delta(after, before, Event::NewGs), static_cast<uint64_t>(kGs));
}

}  // namespace
}  // namespace goro::testing
