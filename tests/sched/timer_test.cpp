// Timers and time.Sleep with fake goroutines (sched/timers.h): a sleeper
// wakes no earlier than its deadline and not much later; a thousand
// sleepers need no thread each; on one P they wake in deadline order;
// their timers survive a GOMAXPROCS shrink that kills their P, a regrowth,
// collections and GOMAXPROCS changes while they sleep; the deadlock report
// waits for the last timer; scheddetail counts the timers.
//
// A fake sleeper is a G whose first run calls sched::sleep and returns
// Blocked, and whose second run (after the wake-up) records the time.
#include <algorithm>
#include <limits>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "fake_runner.h"
#include "gc/collector.h"
#include "gc/world.h"
#include "runtime/settings.h"
#include "sched/sched.h"
#include "sched/timers.h"

namespace goro::testing {
namespace {

using sched::nanotime;

constexpr int64_t kMs = 1'000'000;

// One sleep of ns, then done. Fields are written by the G and read by the
// test after `done` counted it (Counter's mutex orders them).
struct Sleeper {
  int64_t ns = 0;
  bool slept = false;
  bool parked = false;     // sleep() returned true
  int64_t deadline = 0;    // a lower bound of the timer's deadline
  int32_t pid = -1;        // the P it went to sleep on
  int64_t woke = 0;
};

// wentToSleep (may be null) counts sleepers that have parked.
G* spawnSleeper(Sleeper* s, Counter* done, Counter* wentToSleep = nullptr) {
  return spawn([s, done, wentToSleep](G*, M*) {
    if (!s->slept) {
      s->slept = true;
      s->pid = sched::currentP()->id;
      s->deadline = nanotime() + s->ns;  // sleep() reads the clock after this
      s->parked = sched::sleep(s->ns);
      if (s->parked) {
        if (wentToSleep != nullptr) wentToSleep->add();
        return RunOutcome::Blocked;
      }
    }
    s->woke = nanotime();
    done->add();
    return RunOutcome::Returned;
  });
}

class TimerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ensureScheduler();
    sched::setGomaxprocs(4);
  }
  void TearDown() override {
    // Every sleeper of the test has woken: no timer may be left behind.
    EXPECT_TRUE(eventually([] { return liveTimers() == 0; }, 5000)) << liveTimers() << " timers left";
    sched::setGomaxprocs(4);
  }
};

TEST_F(TimerTest, SleepOfZeroOrLessDoesNotPark) {
  Counter done;
  std::atomic<bool> ok{false};
  spawn([&](G* g, M*) {
    bool parked = sched::sleep(0) || sched::sleep(-1) || sched::sleep(std::numeric_limits<int64_t>::min());
    ok.store(!parked && g->status.load() == sched::GStatus::Running);
    done.add();
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(done.waitFor(1));
  EXPECT_TRUE(ok.load());
}

TEST_F(TimerTest, ASleeperWakesAfterItsDeadlineAndSoonAfter) {
  for (int procs = 1; procs <= 4; procs++) {
    sched::setGomaxprocs(procs);
    Sleeper s;
    s.ns = 20 * kMs;
    Counter done;
    spawnSleeper(&s, &done);
    ASSERT_TRUE(done.waitFor(1)) << "GOMAXPROCS=" << procs;
    EXPECT_TRUE(s.parked);
    EXPECT_GE(s.woke, s.deadline) << "woke early, GOMAXPROCS=" << procs;
    EXPECT_LT(s.woke - s.deadline, 2000 * kMs) << "GOMAXPROCS=" << procs;
  }
}

TEST_F(TimerTest, ASleeperIsWaitingWithReasonSleepOnItsPsHeap) {
  Sleeper s;
  s.ns = 400 * kMs;
  Counter done, asleep;
  G* g = spawnSleeper(&s, &done, &asleep);
  ASSERT_TRUE(asleep.waitFor(1));
  // The timer is added once the G is Waiting (gopark's unlock function).
  ASSERT_TRUE(eventually([&] { return liveTimers() >= 1; }));
  EXPECT_EQ(g->status.load(), sched::GStatus::Waiting);
  EXPECT_EQ(g->waitReason.load(), sched::WaitReason::Sleep);
  EXPECT_STREQ(sched::waitReasonString(g->waitReason.load()), "sleep");
  ASSERT_TRUE(done.waitFor(1));
  EXPECT_GE(s.woke, s.deadline);
}

// Lateness of back-to-back sleeps of one G on an otherwise idle scheduler:
// the timer watcher should wake it within a millisecond or two. Only a
// generous bound is checked; the figures are printed.
TEST_F(TimerTest, AnIdleSchedulerWakesSleepersOnTime) {
  constexpr int kSleeps = 20;
  sched::setGomaxprocs(2);
  Counter done;
  std::vector<int64_t> late;
  auto* round = new int(0);
  auto* deadline = new int64_t(0);
  spawn([&, round, deadline](G*, M*) {
    if (*round > 0) late.push_back(nanotime() - *deadline);
    if (++*round > kSleeps) {
      delete round;
      delete deadline;
      done.add();
      return RunOutcome::Returned;
    }
    *deadline = nanotime() + 3 * kMs;
    return sched::sleep(3 * kMs) ? RunOutcome::Blocked : RunOutcome::Returned;
  });
  ASSERT_TRUE(done.waitFor(1));
  ASSERT_EQ(late.size(), static_cast<size_t>(kSleeps));
  std::sort(late.begin(), late.end());
  EXPECT_GE(late.front(), 0) << "woke before its deadline";
  EXPECT_LT(late[kSleeps / 2], 50 * kMs) << "median lateness";
  std::printf("sleep lateness: min %.3f ms, median %.3f ms, max %.3f ms (sysmon backstops so far: %llu)\n",
              late.front() / 1e6, late[kSleeps / 2] / 1e6, late.back() / 1e6,
              static_cast<unsigned long long>(sched::timerBackstopWakeups()));
}

TEST_F(TimerTest, AThousandSleepersNeedNoThreadEach) {
  constexpr int kSleepers = 1000;
  for (int procs = 1; procs <= 4; procs++) {
    sched::setGomaxprocs(procs);
    uint64_t threadsBefore = sched::stats().threads;
    std::vector<Sleeper> sleepers(kSleepers);
    Counter done;
    for (int i = 0; i < kSleepers; i++) {
      sleepers[i].ns = (1 + (i * 37) % 50) * kMs;
      spawnSleeper(&sleepers[i], &done);
    }
    ASSERT_TRUE(done.waitFor(kSleepers, 60000)) << done.get() << " of " << kSleepers << " woke, GOMAXPROCS=" << procs;
    int early = 0;
    for (const Sleeper& s : sleepers) {
      EXPECT_TRUE(s.parked);
      if (s.woke < s.deadline) early++;
    }
    EXPECT_EQ(early, 0) << "GOMAXPROCS=" << procs;
    uint64_t threadsAfter = sched::stats().threads;
    // Ms are for Ps (and the one timer watcher), not for sleepers: at most
    // one per P plus one per P between dropping it and parking, plus the
    // watcher and one spare.
    EXPECT_LE(threadsAfter, threadsBefore + 2 * static_cast<uint64_t>(procs) + 2)
        << "GOMAXPROCS=" << procs << ": " << threadsBefore << " -> " << threadsAfter << " threads";
  }
}

TEST_F(TimerTest, OnOnePSleepersWakeInDeadlineOrder) {
  constexpr int kSleepers = 24;
  sched::setGomaxprocs(1);
  std::mutex mu;
  std::vector<int> order;
  std::atomic<int> late{0};
  Counter done;
  // Absolute deadlines 1 ms apart, far enough ahead that every G is asleep
  // before the first is due; the Gs are spawned (and go to sleep) in a
  // shuffled order.
  int64_t base = nanotime() + 150 * kMs;
  std::vector<int> ranks(kSleepers);
  for (int i = 0; i < kSleepers; i++) ranks[i] = i;
  std::shuffle(ranks.begin(), ranks.end(), std::mt19937(7));
  for (int rank : ranks) {
    auto* slept = new bool(false);
    spawn([&, rank, slept, base](G*, M*) {
      if (!*slept) {
        *slept = true;
        if (sched::sleep(base + rank * kMs - nanotime())) return RunOutcome::Blocked;
        late.fetch_add(1);
      }
      delete slept;
      {
        std::lock_guard<std::mutex> guard(mu);
        order.push_back(rank);
      }
      done.add();
      return RunOutcome::Returned;
    });
  }
  ASSERT_TRUE(done.waitFor(kSleepers));
  ASSERT_EQ(late.load(), 0) << "a G started after its deadline: the test is too slow for its margin";
  std::lock_guard<std::mutex> guard(mu);
  for (int i = 0; i < kSleepers; i++) EXPECT_EQ(order[i], i) << "wake-up #" << i;
}

// Four Gs that are all running at once (so on four different Ps) then
// sleep; the test shrinks GOMAXPROCS to 1 while they sleep, so the timers of
// the Ps that die must move, and grows it back.
TEST_F(TimerTest, SleepersSurviveTheirPDyingAndARegrowth) {
  constexpr int kPinned = 4;
  constexpr int kOthers = 200;
  bool movedSome = false;
  for (int attempt = 0; attempt < 10 && !movedSome; attempt++) {
    sched::setGomaxprocs(4);
    Counter done, asleep;
    std::atomic<int> arrived{0};
    std::vector<G*> gs;
    std::vector<Sleeper> pinned(kPinned);
    for (Sleeper& s : pinned) {
      s.ns = 500 * kMs;
      auto* inBarrier = new bool(false);
      gs.push_back(spawn([&, sp = &s, inBarrier](G* g, M*) {
        if (!sp->slept) {
          if (!*inBarrier) {
            *inBarrier = true;
            arrived.fetch_add(1);
          }
          while (arrived.load() < kPinned) {
            if (g->preempt.load() != 0) return RunOutcome::Preempted;  // a safe point
            std::this_thread::yield();
          }
          delete inBarrier;
          sp->slept = true;
          sp->pid = sched::currentP()->id;
          sp->deadline = nanotime() + sp->ns;
          sp->parked = sched::sleep(sp->ns);
          asleep.add();
          if (sp->parked) return RunOutcome::Blocked;
        }
        sp->woke = nanotime();
        done.add();
        return RunOutcome::Returned;
      }));
    }
    std::vector<Sleeper> others(kOthers);
    for (int i = 0; i < kOthers; i++) {
      others[i].ns = (100 + i) * kMs;
      gs.push_back(spawnSleeper(&others[i], &done, &asleep));
    }
    ASSERT_TRUE(asleep.waitFor(kPinned + kOthers));

    sched::setGomaxprocs(1);
    gc::collect();
    {
      // With the world stopped nothing fires: every G still asleep has
      // exactly one timer, on P0, the only live P; the dead Ps have none.
      gc::StoppedWorld world(gc::StwReason::TestOnly);
      uint32_t sleeping = 0;
      for (G* g : gs) {
        if (g->status.load() == sched::GStatus::Waiting && g->waitReason.load() == sched::WaitReason::Sleep) sleeping++;
      }
      EXPECT_GT(sleeping, 0u);
      EXPECT_EQ(sched::pEver(0)->timerCount.load(), sleeping);
      for (int i = 1; i < 4; i++) {
        EXPECT_EQ(sched::pEver(i)->status.load(), sched::PStatus::Dead);
        EXPECT_EQ(sched::pEver(i)->timerCount.load(), 0u) << "P" << i << " died with timers";
        EXPECT_EQ(sched::pEver(i)->timerWhen.load(), 0);
      }
    }
    sched::setGomaxprocs(4);

    ASSERT_TRUE(done.waitFor(kPinned + kOthers)) << done.get() << " woke";
    for (const Sleeper& s : pinned) {
      EXPECT_TRUE(s.parked);
      EXPECT_GE(s.woke, s.deadline);
      if (s.pid >= 1) movedSome = true;
    }
    for (const Sleeper& s : others) {
      EXPECT_GE(s.woke, s.deadline);
      if (s.pid >= 1) movedSome = true;
    }
  }
  EXPECT_TRUE(movedSome) << "no sleeper ever slept on a P that died";
}

// Sleepers of every length while the test thread and some goroutines stop
// the world (collections, GOMAXPROCS changes) over and over.
TEST_F(TimerTest, SleepersSurviveStopTheWorlds) {
  constexpr int kSleepers = 300;
  constexpr int kStoppers = 6;
  constexpr int kRounds = 4;
  std::vector<Sleeper> sleepers(kSleepers);
  Counter done;
  for (int i = 0; i < kSleepers; i++) {
    sleepers[i].ns = (2 + (i * 7) % 120) * kMs;
    spawnSleeper(&sleepers[i], &done);
  }
  // Goroutines that sleep, stop the world from inside run(), sleep again.
  std::atomic<int> early{0};
  for (int i = 0; i < kStoppers; i++) {
    auto* round = new int(0);
    auto* deadline = new int64_t(0);
    spawn([&, i, round, deadline](G*, M*) {
      if (*round > 0 && nanotime() < *deadline) early.fetch_add(1);
      if (*round == kRounds) {
        delete round;
        delete deadline;
        done.add();
        return RunOutcome::Returned;
      }
      if ((*round + i) % 2 == 0) {
        gc::collect();
      } else {
        sched::setGomaxprocs(1 + (*round + i) % 4);
      }
      ++*round;
      *deadline = nanotime() + (5 + i) * kMs;
      return sched::sleep((5 + i) * kMs) ? RunOutcome::Blocked : RunOutcome::Returned;
    });
  }
  std::mt19937 rng(11);
  int64_t until = nanotime() + 150 * kMs;
  while (nanotime() < until) {
    if (rng() % 2 == 0) {
      gc::collect();
    } else {
      sched::setGomaxprocs(1 + static_cast<int>(rng() % 4));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
  }
  sched::setGomaxprocs(4);
  ASSERT_TRUE(done.waitFor(kSleepers + kStoppers, 60000)) << done.get() << " done";
  EXPECT_EQ(early.load(), 0);
  for (const Sleeper& s : sleepers) EXPECT_GE(s.woke, s.deadline);
}

// ---- death tests: a scheduler of their own, in a child process ----

class TimerDeathTest : public ::testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

[[noreturn]] void runMain(std::function<RunOutcome(G*, M*)> body) {
  sched::runMain(nullptr, new FakeG{std::move(body)});
}

// A G that sleeps ns, prints `said` and then blocks for good.
G* spawnSleepThenBlock(int64_t ns, const char* said) {
  auto* slept = new bool(false);
  return spawn([ns, said, slept](G*, M*) {
    if (!*slept) {
      *slept = true;
      if (sched::sleep(ns)) return RunOutcome::Blocked;
    }
    std::fprintf(stderr, "%s\n", said);
    sched::gopark(nullptr, nullptr, sched::WaitReason::ChanReceive);
    return RunOutcome::Blocked;
  });
}

TEST_F(TimerDeathTest, TheDeadlockIsReportedOnlyAfterTheLastTimerFires) {
  // Every G is blocked or asleep from the start: while a timer is pending
  // it is not a deadlock; once both have fired and their Gs block, it is.
  EXPECT_EXIT(
      {
        startScheduler(2);
        auto* step = new int(0);
        runMain([step](G*, M*) {
          if (*step == 0) {
            *step = 1;
            spawnSleepThenBlock(30 * kMs, "g2 woke");
            if (sched::sleep(80 * kMs)) return RunOutcome::Blocked;
          }
          std::fprintf(stderr, "main woke\n");
          sched::gopark(nullptr, nullptr, sched::WaitReason::ChanReceive);
          return RunOutcome::Blocked;
        });
      },
      ::testing::ExitedWithCode(2),
      "^g2 woke\nmain woke\nfatal error: all goroutines are asleep - deadlock!\n"
      "\n"
      "goroutine 1 \\[chan receive\\]:\n"
      "callable.goroutine\\(\\)\n"
      "\n"
      "goroutine 2 \\[chan receive\\]:\n"
      "callable.goroutine\\(\\)\n");
}

TEST_F(TimerDeathTest, ASleepingMainIsNotADeadlock) {
  // The only other G is blocked for good, and main sleeps: the program
  // ends normally when main wakes and returns.
  EXPECT_EXIT(
      {
        startScheduler(1);
        auto* slept = new bool(false);
        runMain([slept](G*, M*) {
          if (!*slept) {
            *slept = true;
            spawn([](G*, M*) {
              sched::gopark(nullptr, nullptr, sched::WaitReason::ChanReceive);
              return RunOutcome::Blocked;
            });
            if (sched::sleep(60 * kMs)) return RunOutcome::Blocked;
          }
          std::fprintf(stderr, "main woke\n");
          return RunOutcome::Returned;
        });
      },
      ::testing::ExitedWithCode(0), "^main woke\n$");
}

TEST_F(TimerDeathTest, ScheddetailCountsTimers) {
  EXPECT_EXIT(
      {
        runtime::settings().schedtrace = 5;
        runtime::settings().scheddetail = true;
        startScheduler(2);
        Counter asleep;
        auto* slept = new bool(false);
        spawn([&asleep, slept](G*, M*) {
          if (!*slept) {
            *slept = true;
            bool parked = sched::sleep(10'000 * kMs);
            asleep.add();
            if (parked) return RunOutcome::Blocked;
          }
          return RunOutcome::Returned;
        });
        CHILD_CHECK(asleep.waitFor(1));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        _exit(0);
      },
      ::testing::ExitedWithCode(0),
      "  P[01]: status=[0-4] schedtick=[0-9]+ syscalltick=[0-9]+ m=-?[0-9]+ runqsize=[0-9]+ gfreecnt=[0-9]+ "
      "timerslen=1\n"
      "(.|\n)*"
      "  G[0-9]+: status=4\\(sleep\\) m=-1 lockedm=-1\n");
}

}  // namespace
}  // namespace goro::testing
