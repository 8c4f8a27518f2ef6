// Run queue tests, after Go's RunSchedLocalQueueTest,
// RunSchedLocalQueueStealTest and RunSchedLocalQueueEmptyTest
// (export_test.go), plus concurrent stealers and the steal order.
//
// They use standalone Ps (not in allp) and Gs that never run, so the live
// scheduler (if another test started it) never sees them, except where a
// test says otherwise.
#include <memory>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "fake_runner.h"
#include "sched/randomorder.h"
#include "sched/runq.h"
#include "sched/sched.h"
#include "sched/testhooks.h"

namespace goro::testing {
namespace {

using sched::P;
using sched::runqempty;
using sched::runqget;
using sched::runqput;
using sched::runqsteal;

G* get(P* pp) {
  bool inherit = false;
  return runqget(pp, &inherit);
}

TEST(RunQueue, LocalQueueOrder) {
  // Go's RunSchedLocalQueueTest: for every fill level, FIFO order, then
  // empty.
  auto pp = std::make_unique<P>(900);
  std::vector<G> gs(sched::kRunqSize);
  for (uint32_t i = 0; i < sched::kRunqSize; i++) {
    ASSERT_EQ(get(pp.get()), nullptr) << "not empty initially";
    for (uint32_t j = 0; j < i; j++) runqput(pp.get(), &gs[j], false);
    for (uint32_t j = 0; j < i; j++) ASSERT_EQ(get(pp.get()), &gs[j]) << "iter " << i << "/" << j;
    ASSERT_EQ(get(pp.get()), nullptr) << "not empty afterwards";
    ASSERT_TRUE(runqempty(pp.get()));
  }
}

TEST(RunQueue, RunnextFirstAndKicksThePreviousToTheTail) {
  auto pp = std::make_unique<P>(901);
  G a, b, c, d;
  runqput(pp.get(), &a, false);
  runqput(pp.get(), &b, true);   // runnext = b
  runqput(pp.get(), &c, true);   // runnext = c, b to the ring's tail
  runqput(pp.get(), &d, false);
  bool inherit = false;
  EXPECT_EQ(runqget(pp.get(), &inherit), &c);
  EXPECT_TRUE(inherit) << "runnext shares the time slice";
  EXPECT_EQ(runqget(pp.get(), &inherit), &a);
  EXPECT_FALSE(inherit);
  EXPECT_EQ(runqget(pp.get(), &inherit), &b);
  EXPECT_EQ(runqget(pp.get(), &inherit), &d);
  EXPECT_EQ(runqget(pp.get(), &inherit), nullptr);
}

TEST(RunQueue, StealTakesHalf) {
  // Go's RunSchedLocalQueueStealTest: every G ends up taken exactly once,
  // and a steal takes half (rounded either way).
  auto p1 = std::make_unique<P>(902);
  auto p2 = std::make_unique<P>(903);
  std::vector<G> gs(sched::kRunqSize);
  std::vector<int> seen(sched::kRunqSize);
  auto index = [&](G* g) { return static_cast<size_t>(g - gs.data()); };
  for (uint32_t i = 0; i < sched::kRunqSize; i++) {
    for (uint32_t j = 0; j < i; j++) {
      seen[j] = 0;
      runqput(p1.get(), &gs[j], false);
    }
    uint32_t stolen = 0;
    if (G* g = runqsteal(p2.get(), p1.get(), true)) {
      stolen++;
      seen[index(g)]++;
    }
    while (G* g = get(p2.get())) {
      stolen++;
      seen[index(g)]++;
    }
    while (G* g = get(p1.get())) seen[index(g)]++;
    for (uint32_t j = 0; j < i; j++) ASSERT_EQ(seen[j], 1) << "element " << j << " at iter " << i;
    ASSERT_TRUE(stolen == i / 2 || stolen == i / 2 + 1) << "stole " << stolen << " of " << i;
  }
}

TEST(RunQueue, StealRunnextOnlyWhenAsked) {
  auto victim = std::make_unique<P>(904);
  auto thief = std::make_unique<P>(905);
  G g;
  runqput(victim.get(), &g, true);
  EXPECT_EQ(runqsteal(thief.get(), victim.get(), false), nullptr);
  EXPECT_FALSE(runqempty(victim.get()));
  EXPECT_EQ(runqsteal(thief.get(), victim.get(), true), &g);
  EXPECT_TRUE(runqempty(victim.get()));
}

TEST(RunQueue, EmptyNeverFalselyTrue) {
  // Go's RunSchedLocalQueueEmptyTest: while the owner moves a G from
  // runnext to the ring and takes one, another thread must never see the
  // queue empty (one G is always in it). Round i starts when phase becomes
  // 2i+1 and ends when the checker sets it to 2i+2.
  constexpr int kRounds = 20000;
  auto pp = std::make_unique<P>(906);
  G gs[2];
  std::atomic<int> phase{0};
  std::atomic<int> sawEmptyAt{-1};
  std::thread checker([&] {
    for (int i = 0; i < kRounds; i++) {
      while (phase.load() != 2 * i + 1) std::this_thread::yield();
      if (runqempty(pp.get())) sawEmptyAt.store(i);
      phase.store(2 * i + 2);
    }
  });
  for (int i = 0; i < kRounds; i++) {
    runqput(pp.get(), &gs[0], (i & 1) == 0);
    phase.store(2 * i + 1);
    runqput(pp.get(), &gs[1], (i & 2) == 0);
    get(pp.get());
    while (phase.load() != 2 * i + 2) std::this_thread::yield();
    get(pp.get());
  }
  checker.join();
  EXPECT_EQ(sawEmptyAt.load(), -1) << "queue seen empty";
  EXPECT_TRUE(runqempty(pp.get()));
}

TEST(RunQueue, ConcurrentStealersNeverLoseOrDuplicate) {
  // One owner puts and takes; three thieves steal into their own Ps and
  // drain them. Each G carries a ticket: taken exactly once per put.
  constexpr int kPool = 512;
  constexpr int kPuts = 60000;
  constexpr int kThieves = 3;
  auto owner = std::make_unique<P>(910);
  std::vector<G> gs(kPool);
  std::vector<std::atomic<int>> inQueue(kPool);
  for (int i = 0; i < kPool; i++) gs[i].goid = static_cast<uint64_t>(i);
  std::atomic<long> taken{0};
  std::atomic<bool> duplicate{false};
  std::atomic<bool> done{false};
  auto consume = [&](G* g) {
    int expected = 1;
    if (!inQueue[g->goid].compare_exchange_strong(expected, 0)) duplicate.store(true);
    taken.fetch_add(1);
  };
  std::vector<std::thread> thieves;
  for (int t = 0; t < kThieves; t++) {
    thieves.emplace_back([&, t] {
      auto mine = std::make_unique<P>(911 + t);
      uint32_t n = 0;
      while (!done.load() || !runqempty(owner.get())) {
        if (G* g = runqsteal(mine.get(), owner.get(), (n++ & 7) == 0)) {
          consume(g);
          while (G* h = get(mine.get())) consume(h);
        }
      }
    });
  }
  std::mt19937 rng(1);
  int next = 0;
  for (int i = 0; i < kPuts; i++) {
    // Reuse a G only after it was taken; keep the ring below overflow.
    while (inQueue[next].load() != 0 || sched::runqsize(owner.get()) > 200) {
      if (G* g = get(owner.get())) consume(g);
    }
    inQueue[next].store(1);
    runqput(owner.get(), &gs[next], (rng() & 3) == 0);
    next = (next + 1) % kPool;
    if ((rng() & 7) == 0) {
      if (G* g = get(owner.get())) consume(g);
    }
  }
  done.store(true);
  while (G* g = get(owner.get())) consume(g);
  for (auto& t : thieves) t.join();
  EXPECT_FALSE(duplicate.load());
  EXPECT_EQ(taken.load(), kPuts);
  EXPECT_TRUE(runqempty(owner.get()));
}

TEST(RunQueue, FullRingSpillsHalfToTheGlobalQueue) {
  // The spill goes to the live global queue, so these Gs are real fake
  // goroutines: the ones that spill run on the scheduler, the rest are
  // taken back here; every one is accounted for once.
  ensureScheduler();
  auto pp = std::make_unique<P>(920);
  Counter ran;
  std::vector<G*> gs;
  constexpr int kCount = sched::kRunqSize + 1;
  for (int i = 0; i < kCount; i++) {
    gs.push_back(sched::testhooks::newRunnableG(new FakeG{[&ran](G*, M*) {
      ran.add();
      return RunOutcome::Returned;
    }}));
    runqput(pp.get(), gs.back(), false);
  }
  int spilled = sched::kRunqSize / 2 + 1;
  sched::wakep();  // as newproc would after queueing
  ASSERT_TRUE(ran.waitFor(spilled)) << "spilled Gs ran: " << ran.get();
  int back = 0;
  while (G* g = get(pp.get())) {
    back++;
    // Give it to the scheduler too, the way newproc would.
    std::lock_guard<runtime::Mutex> guard(sched::sched.lock);
    sched::globrunqput(g);
  }
  EXPECT_EQ(back, kCount - spilled);
  sched::wakep();
  EXPECT_TRUE(ran.waitFor(kCount));
}

TEST(RunQueue, DrainToGlobalKeepsOrderRunnextFirst) {
  auto pp = std::make_unique<P>(921);
  G a, b, c, n;
  runqput(pp.get(), &a, false);
  runqput(pp.get(), &b, false);
  runqput(pp.get(), &c, false);
  runqput(pp.get(), &n, true);
  std::lock_guard<runtime::Mutex> guard(sched::sched.lock);
  G* before = sched::sched.runq.head;
  int32_t size = sched::sched.runq.size;
  sched::runqDrainToGlobal(pp.get());
  EXPECT_TRUE(runqempty(pp.get()));
  G* want[] = {&n, &a, &b, &c};
  for (G* w : want) EXPECT_EQ(sched::sched.runq.pop(), w);
  EXPECT_EQ(sched::sched.runq.head, before);
  EXPECT_EQ(sched::sched.runq.size, size);
  sched::sched.runqsize.store(size);
}

TEST(StealOrder, CoversEveryPExactlyOnce) {
  sched::RandomOrder order;
  std::mt19937 rng(7);
  for (uint32_t count = 1; count <= 64; count++) {
    order.reset(count);
    for (int trial = 0; trial < 200; trial++) {
      uint32_t r = trial < 100 ? static_cast<uint32_t>(trial) : rng();
      std::vector<int> hits(count);
      uint32_t steps = 0;
      for (auto e = order.start(r); !e.done(); e.next()) {
        ASSERT_LT(e.position(), count);
        hits[e.position()]++;
        steps++;
      }
      ASSERT_EQ(steps, count);
      for (uint32_t i = 0; i < count; i++) ASSERT_EQ(hits[i], 1) << "count " << count << " r " << r << " P " << i;
    }
  }
}

}  // namespace
}  // namespace goro::testing
