// The scheduler's fairness guarantee (F1-F7 at the top of sched/proc.h),
// one test per sentence, with fake goroutines at GOMAXPROCS=1, where one P
// must serve everyone.
//
// A "respawning chain" is the shape of Go's TestStopTheWorldDeadlock and of
// `func f() { go f() }`: each link starts its successor (onto runnext, so
// the successor inherits the time slice) and ends without reaching a safe
// point. A link's only safe point is its first instruction, where the
// interpreter polls the preempt flag on a goroutine's entry; the fake link
// does the same, then works for a few microseconds.
#include <vector>

#include "fake_runner.h"
#include "sched/p.h"
#include "sched/sched.h"
#include "sched/testhooks.h"
#include "sched/timers.h"

namespace goro::testing {
namespace {

using sched::nanotime;

constexpr int64_t kMs = 1'000'000;
// How long a test waits for something the guarantee says happens within
// one or two slices (10-20 ms): generous, for loaded and sanitizer builds.
constexpr int64_t kBoundNs = 2000 * kMs;

class FairnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ensureScheduler();
    sched::setGomaxprocs(1);
  }
  void TearDown() override { sched::setGomaxprocs(4); }
};

// A chain that runs until stop is set; `ended` counts the link that saw it.
struct Chain {
  std::atomic<bool> stop{false};
  std::atomic<int64_t> links{0};
  std::atomic<int64_t> entryStops{0};  // links that stopped at their entry
  Counter ended;
  // Stops the chain and waits for its last link (a test that failed to
  // stop it otherwise would starve the tests after it).
  ~Chain() {
    stop.store(true);
    EXPECT_TRUE(ended.waitFor(1)) << "the chain never saw stop";
  }
};

void spawnLink(Chain* c) {
  spawn([c](G* g, M*) {
    if (g->preempt.load() != 0) {  // the entry safe point
      c->entryStops.fetch_add(1);
      return RunOutcome::Preempted;
    }
    // The body's own work, as an interpreted link has (a few microseconds):
    // a request that lands here, past the entry, is the one that used to
    // be lost when the link ended.
    for (int64_t until = nanotime() + 5'000; nanotime() < until;) {
    }
    if (c->stop.load()) {
      c->ended.add();
    } else {
      c->links.fetch_add(1);
      spawnLink(c);
    }
    return RunOutcome::Returned;
  });
}

// F1: a G that keeps running is asked to stop once its slice has lasted 10
// ms, and it stops at its safe point. A request may come early and stray
// (sysmon read the G of a previous slice that was reused for this one, as
// in Go); then the G just runs again, as the interpreter would.
TEST_F(FairnessTest, SysmonEndsASliceAfter10ms) {
  uint64_t before = sched::stats().preemptRequests;
  Counter done;
  std::atomic<int64_t> ranNs{0};
  auto* early = new int(0);
  spawn([&, early](G* g, M*) {
    int64_t start = nanotime();
    while (g->preempt.load() == 0) {
      if (nanotime() - start > 5'000'000'000) break;  // no preemption: give up
    }
    int64_t ran = nanotime() - start;
    if (ran < 10 * kMs && ++*early < 100) return RunOutcome::Preempted;
    ranNs.store(ran);
    delete early;
    done.add();
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(done.waitFor(1));
  EXPECT_GE(ranNs.load(), 10 * kMs) << "preempted before 10 ms";
  EXPECT_LT(ranNs.load(), kBoundNs) << "never preempted";
  EXPECT_GT(sched::stats().preemptRequests, before);
}

// F2: Gs that hand the P on through runnext run one after another on the
// same P in one slice: the slice counter (schedtick) moves only when a link
// stopped for a preemption request, never from one link to the next.
TEST_F(FairnessTest, ARunnextChainSharesOneSlice) {
  struct Link {
    uint32_t tick;
    int32_t pid;
    bool stopped;
  };
  constexpr int kLinks = 200;
  auto* seen = new std::vector<Link>();
  Counter done;
  std::function<void(int)> link = [&](int n) {
    spawn([&, n](G* g, M*) {
      bool stopped = g->preempt.load() != 0;
      sched::P* pp = sched::currentP();
      seen->push_back({pp->schedtick.load(), pp->id, stopped});
      if (stopped) return RunOutcome::Preempted;
      if (n + 1 < kLinks) {
        link(n + 1);
      } else {
        done.add();
      }
      return RunOutcome::Returned;
    });
  };
  link(0);
  ASSERT_TRUE(done.waitFor(1));
  ASSERT_GE(seen->size(), static_cast<size_t>(kLinks));
  for (size_t i = 1; i < seen->size(); i++) {
    EXPECT_EQ((*seen)[i].pid, (*seen)[0].pid);
    if (!(*seen)[i - 1].stopped) {
      EXPECT_EQ((*seen)[i].tick, (*seen)[i - 1].tick) << "link " << i;
    }
  }
  delete seen;
}

// F3: the request outlives the G it was made for. G1 asks its own P's slice
// to end (as sysmon would), starts G2 and ends without a safe point; G2,
// next in the same slice, starts with the request and stops for it; then
// the request is gone (the P starts a new slice for whatever runs next).
// The same when G1 parks instead of ending.
TEST_F(FairnessTest, APreemptRequestOutlivesItsG) {
  for (bool park : {false, true}) {
    struct Seen {
      uint32_t g2First = 9, g2Second = 9;
      bool pAfter = true;
      G* g1 = nullptr;
    };
    auto* seen = new Seen();
    Counter done;
    spawn([&, park, seen](G* g, M*) {
      if (seen->g1 != nullptr) {  // readied by G2
        done.add();
        return RunOutcome::Returned;
      }
      seen->g1 = g;
      spawn([&, park, seen](G* g2, M*) {
        if (seen->g2First == 9) {
          seen->g2First = g2->preempt.load();
          return seen->g2First != 0 ? RunOutcome::Preempted : RunOutcome::Returned;
        }
        seen->g2Second = g2->preempt.load();
        seen->pAfter = sched::currentP()->preempt.load();
        if (park) sched::goready(seen->g1);
        done.add();
        return RunOutcome::Returned;
      });
      sched::testhooks::requestPreempt(sched::currentP());
      if (!park) {
        done.add();
        return RunOutcome::Returned;
      }
      sched::gopark(nullptr, nullptr, sched::WaitReason::ChanReceive);
      return RunOutcome::Blocked;
    });
    ASSERT_TRUE(done.waitFor(2)) << "park=" << park;
    EXPECT_EQ(seen->g2First, 1u) << "the request was lost with G1, park=" << park;
    EXPECT_EQ(seen->g2Second, 0u) << "park=" << park;
    EXPECT_FALSE(seen->pAfter) << "the request was not dropped, park=" << park;
    delete seen;
  }
}

// F3: a new slice drops the request: G1 asks for it and yields; when G1
// runs again (from the global queue: a new slice) neither it nor the P
// carries the request.
TEST_F(FairnessTest, APreemptRequestIsDroppedByANewSlice) {
  Counter done;
  std::atomic<int> runs{0};
  std::atomic<uint32_t> gFlag{9};
  std::atomic<bool> pFlag{true};
  spawn([&](G* g, M*) {
    if (runs.fetch_add(1) == 0) {
      sched::testhooks::requestPreempt(sched::currentP());
      return RunOutcome::Yielded;
    }
    gFlag.store(g->preempt.load());
    pFlag.store(sched::currentP()->preempt.load());
    done.add();
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(done.waitFor(1));
  EXPECT_EQ(gFlag.load(), 0u);
  EXPECT_FALSE(pFlag.load());
}

// F4: a G waiting in the ring behind a respawning chain runs within about a
// slice. Without F3 (the request lost with each link) it never ran.
TEST_F(FairnessTest, ARingGoroutineRunsBesideARespawningChain) {
  Chain chain;
  Counter ran;
  std::atomic<int64_t> queuedAt{0}, ranAt{0};
  spawn([&](G*, M*) {
    // The ring G first: starting the chain's head kicks it from runnext to
    // the ring, behind nothing.
    spawn([&](G*, M*) {
      ranAt.store(nanotime());
      ran.add();
      return RunOutcome::Returned;
    });
    queuedAt.store(nanotime());
    spawnLink(&chain);
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(ran.waitFor(1)) << "starved by the chain (" << chain.links.load() << " links ran)";
  EXPECT_LT(ranAt.load() - queuedAt.load(), kBoundNs);
  EXPECT_GT(chain.links.load(), 0);
  std::printf("ring G ran %.1f ms after it was queued, behind %lld links\n",
              (ranAt.load() - queuedAt.load()) / 1e6, static_cast<long long>(chain.links.load()));
}

// F5: a sleeper whose timer falls due while a chain holds the only P runs
// within about a slice of its deadline.
TEST_F(FairnessTest, ATimerFiresBesideARespawningChain) {
  Chain chain;
  Counter asleep, woke;
  std::atomic<int64_t> deadline{0}, wokeAt{0};
  auto* slept = new bool(false);
  spawn([&, slept](G*, M*) {
    if (!*slept) {
      *slept = true;
      deadline.store(nanotime() + 5 * kMs);
      if (sched::sleep(5 * kMs)) {
        spawnLink(&chain);  // the chain starts once the sleeper is parked
        asleep.add();
        return RunOutcome::Blocked;
      }
    }
    wokeAt.store(nanotime());
    delete slept;
    woke.add();
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(asleep.waitFor(1));
  ASSERT_TRUE(woke.waitFor(1)) << "the timer never fired (" << chain.links.load() << " links ran)";
  EXPECT_GE(wokeAt.load(), deadline.load());
  EXPECT_LT(wokeAt.load() - deadline.load(), kBoundNs);
  std::printf("sleeper woke %.1f ms after its deadline, beside %lld links\n",
              (wokeAt.load() - deadline.load()) / 1e6, static_cast<long long>(chain.links.load()));
}

// F6: a G that yields (to the global queue) keeps getting turns while a
// chain holds the only P.
TEST_F(FairnessTest, AYieldingGoroutineProgressesBesideARespawningChain) {
  Chain chain;
  Counter done;
  std::atomic<int> turns{0};
  spawn([&](G*, M*) {
    if (turns.fetch_add(1) == 0) spawnLink(&chain);
    if (turns.load() < 5) return RunOutcome::Yielded;
    done.add();
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(done.waitFor(1)) << "starved after " << turns.load() << " turns";
  EXPECT_GT(chain.links.load(), 0);
}

}  // namespace
}  // namespace goro::testing
