// Script timers (sched/timers.h: newTimer, resetTimer, stopTimer), the
// timers behind time.After, NewTimer and NewTicker, with fake goroutines:
// a fired timer sends the time on its channel; Stop and Reset report
// whether it was pending and leave no entry behind; a ticker drops ticks
// its reader has not taken; a collection drops the unreachable pending
// timers and keeps those reachable through the timer or its channel; timers
// survive their P dying; concurrent Stops and Resets of one timer while it
// fires (a thread-sanitizer target).
#include <memory>
#include <thread>
#include <vector>

#include "fake_runner.h"
#include "gc/collector.h"
#include "gc/handles.h"
#include "sched/chan.h"
#include "sched/sched.h"
#include "sched/timers.h"

namespace goro::testing {
namespace {

using runtime::Chan;
using runtime::Timer;

constexpr int64_t kMs = 1'000'000;

// Runs f on a goroutine (resetTimer needs the P of one) and waits for it.
template <typename F>
void onGoroutine(F f) {
  Counter done;
  spawn([&f, &done](G*, M*) {
    f();
    done.add();
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(done.waitFor(1));
}

class ScriptTimerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ensureScheduler();
    sched::setGomaxprocs(4);
  }
  void TearDown() override {
    EXPECT_TRUE(eventually([] { return liveTimers() == 0; }, 5000)) << liveTimers() << " timers left";
    while (!handles_.empty()) handles_.pop_back();  // handles go in reverse order
    cache_.releaseAll();
    sched::setGomaxprocs(4);
  }
  // A new stopped timer, rooted by the test thread's handle stack.
  Timer* make(int64_t period = 0) {
    Timer* t = sched::newTimer(cache_, period);
    handles_.push_back(std::make_unique<gc::Handle<runtime::Object>>(t));
    return t;
  }
  // A new stopped timer of which only the channel is rooted.
  Timer* makeReachableByChannel() {
    Timer* t = sched::newTimer(cache_, 0);
    handles_.push_back(std::make_unique<gc::Handle<runtime::Object>>(t->c));
    return t;
  }

  alloc::MCache cache_;
  std::vector<std::unique_ptr<gc::Handle<runtime::Object>>> handles_;
};

// A non-blocking receive from the test thread.
bool tryReceive(Chan* c, runtime::Value* v) {
  bool ok = false;
  return sched::chanrecv(c, false, v, &ok) == sched::ChanStatus::Done && ok;
}

TEST_F(ScriptTimerTest, AFiredTimerSendsTheTimeOnItsChannel) {
  Timer* t = make();
  EXPECT_EQ(t->c->capacity, 1u);
  EXPECT_EQ(t->c->timer, t);
  int64_t before = sched::clockSinceStart();
  bool pending = true;
  onGoroutine([&] { pending = sched::resetTimer(t, 2 * kMs, 0); });
  EXPECT_FALSE(pending);
  ASSERT_TRUE(eventually([&] { return sched::chanlen(t->c) == 1; }));
  runtime::Value v;
  ASSERT_TRUE(tryReceive(t->c, &v));
  ASSERT_TRUE(v.isSmallInt());
  EXPECT_GE(v.asSmallInt(), before + 2 * kMs);
  EXPECT_LE(v.asSmallInt(), sched::clockSinceStart());
  EXPECT_FALSE(sched::stopTimer(t));  // fired: not pending any more
  EXPECT_EQ(liveTimers(), 0u);
}

TEST_F(ScriptTimerTest, StopBeforeTheDeadlineStopsItAndLeavesNoEntry) {
  Timer* t = make();
  onGoroutine([&] { sched::resetTimer(t, 20 * kMs, 0); });
  EXPECT_EQ(liveTimers(), 1u);
  EXPECT_TRUE(sched::stopTimer(t));
  EXPECT_FALSE(sched::stopTimer(t));
  EXPECT_EQ(liveTimers(), 0u);
  std::this_thread::sleep_for(std::chrono::milliseconds(40));
  EXPECT_EQ(sched::chanlen(t->c), 0u);
}

TEST_F(ScriptTimerTest, ResetOfAPendingTimerMovesItsDeadline) {
  Timer* t = make();
  bool first = true, second = false;
  onGoroutine([&] {
    first = sched::resetTimer(t, 3600'000 * kMs, 0);
    second = sched::resetTimer(t, kMs, 0);
  });
  EXPECT_FALSE(first);
  EXPECT_TRUE(second);
  ASSERT_TRUE(eventually([&] { return sched::chanlen(t->c) == 1; }));
  EXPECT_EQ(liveTimers(), 0u);
}

TEST_F(ScriptTimerTest, ATickerTicksAndAFullChannelDropsTicks) {
  Timer* t = make(kMs);
  onGoroutine([&] { sched::resetTimer(t, kMs, kMs); });
  EXPECT_TRUE(sched::isTicker(t));
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_EQ(sched::chanlen(t->c), 1u);  // thirty periods, one value waiting
  runtime::Value v;
  ASSERT_TRUE(tryReceive(t->c, &v));
  ASSERT_TRUE(eventually([&] { return sched::chanlen(t->c) == 1; }));  // ticks on
  EXPECT_EQ(liveTimers(), 1u);
  EXPECT_TRUE(sched::stopTimer(t));
  EXPECT_EQ(liveTimers(), 0u);
}

TEST_F(ScriptTimerTest, ACollectionDropsUnreachableTimersAndKeepsReachableOnes) {
  Timer* rooted = make();
  Timer* byChannel = makeReachableByChannel();
  onGoroutine([&] {
    sched::resetTimer(rooted, 3600'000 * kMs, 0);
    sched::resetTimer(byChannel, 3600'000 * kMs, 0);
    for (int i = 0; i < 100; i++) {
      // Garbage as soon as it is made: nothing holds it but the heap.
      sched::resetTimer(sched::newTimer(*sched::currentCache(), 0), 3600'000 * kMs, 0);
    }
  });
  EXPECT_LE(liveTimers(), 102u);  // the garbage may have met a collection already
  gc::collect();
  EXPECT_EQ(liveTimers(), 2u);
  EXPECT_TRUE(sched::stopTimer(rooted));
  EXPECT_TRUE(sched::stopTimer(byChannel));
}

TEST_F(ScriptTimerTest, TimersSurviveTheirPDying) {
  std::vector<Timer*> soon, late;
  for (int i = 0; i < 16; i++) soon.push_back(make());
  for (int i = 0; i < 16; i++) late.push_back(make());
  // From several goroutines, so that they land on several Ps.
  Counter done;
  for (int g = 0; g < 8; g++) {
    spawn([&, g](G*, M*) {
      for (int i = g * 2; i < g * 2 + 2; i++) {
        sched::resetTimer(soon[i], 30 * kMs, 0);
        sched::resetTimer(late[i], 3600'000 * kMs, 0);
      }
      done.add();
      return RunOutcome::Returned;
    });
  }
  ASSERT_TRUE(done.waitFor(8));
  sched::setGomaxprocs(1);
  EXPECT_TRUE(eventually([&] {
    for (Timer* t : soon) {
      if (sched::chanlen(t->c) != 1) return false;
    }
    return true;
  }));
  for (Timer* t : late) EXPECT_TRUE(sched::stopTimer(t));  // found on the P they moved to
  EXPECT_EQ(liveTimers(), 0u);
}

TEST_F(ScriptTimerTest, ConcurrentStopsAndResetsOfOneFiringTimer) {
  Timer* t = make();
  Counter done;
  constexpr int kGoroutines = 4;
  for (int g = 0; g < kGoroutines; g++) {
    spawn([t, g, &done](G*, M*) {
      runtime::Value v;
      for (int i = 0; i < 2000; i++) {
        sched::resetTimer(t, (i + g) % 3 == 0 ? 0 : 1000, 0);
        if (i % 2 == 0) sched::stopTimer(t);
        tryReceive(t->c, &v);
      }
      done.add();
      return RunOutcome::Returned;
    });
  }
  ASSERT_TRUE(done.waitFor(kGoroutines));
  sched::stopTimer(t);
  EXPECT_EQ(liveTimers(), 0u);
  EXPECT_LE(sched::chanlen(t->c), 1u);
}

}  // namespace
}  // namespace goro::testing
