// The churn scenario: see churn.h.
#include "stress/scenarios/churn.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <memory>
#include <vector>

#include "gc/collector.h"
#include "gc/memstats.h"
#include "gc/constructors.h"
#include "gc/roots.h"
#include "runtime/mutex.h"
#include "runtime/value.h"
#include "sched/sched.h"
#include "sched/timers.h"
#include "stress/scenarios/callable_goroutines.h"

namespace goro::stress::scenarios {

namespace {

using runtime::Value;
using sched::G;
using sched::M;
using sched::RunOutcome;

constexpr int kLiveSlots = 64;        // objects each worker keeps alive
constexpr int kAllocsPerTurn = 24;
constexpr int64_t kMaxSleepNs = 200'000;

// splitmix64: the scenario's only source of randomness, seeded by -seed.
uint64_t nextRandom(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Two workers take turns: `turn` says whose it is; a worker waiting for its
// turn is parked in `waiter`. The one who passes the turn wakes the other.
// `closed`: one of them has finished, so the other must not wait for a turn
// (it would wait for ever: the finisher's last pass may have been
// overwritten by the other's own pass). All three under `lock`, with Go's
// park protocol (sched/proc.h): a worker parks holding the lock, and the
// unlock function publishes it as the waiter and only then releases the
// lock, so a passer cannot ready it before it is fully parked.
struct Pair {
  runtime::Mutex lock{runtime::LockRank::chan};
  int turn = 0;
  G* waiter = nullptr;
  bool closed = false;
};

struct Worker {
  int side = 0;  // 0 or 1 in its pair
  Pair* pair = nullptr;
  uint64_t rng = 0;
  // Written only by the worker while it runs, read by the root scanner with
  // the world stopped.
  Value live[kLiveSlots];
};

struct Shared {
  ChurnOptions options;
  std::vector<std::unique_ptr<Worker>> workers;
  std::vector<std::unique_ptr<Pair>> pairs;
  std::atomic<bool> stop{false};
  std::atomic<int> running{0};  // goroutines not yet finished
  std::atomic<int64_t> changes{0};
  std::atomic<int64_t> pastCapacity{0};
  std::atomic<int64_t> collections{0};
  std::atomic<int64_t> allocations{0};
  std::atomic<int64_t> turns{0};
  std::atomic<int64_t> sleeps{0};
  std::atomic<int> capacity{0};  // the largest GOMAXPROCS set so far
  int64_t start = 0;             // nanotime at the start
  std::atomic<int64_t> nextReport{0};  // nanotime of the next progress line (options.reportEveryNs > 0)
};

void scanWorkers(gc::RootVisitor& v, void* context) {
  auto* shared = static_cast<Shared*>(context);
  for (size_t w = 0; w < shared->workers.size(); w++) {
    for (int i = 0; i < kLiveSlots; i++) {
      v.visit(shared->workers[w]->live[i], [w, i](std::string& n) {
        n += "test: churn worker " + std::to_string(w) + " live[" + std::to_string(i) + "]";
      });
    }
  }
}

// Allocates a small graph (a vector holding a vector) into a live slot.
void allocate(Shared& s, Worker& w) {
  for (int k = 0; k < kAllocsPerTurn; k++) {
    uint64_t r = nextRandom(w.rng);
    int slot = static_cast<int>(r % kLiveSlots);
    uint32_t n = 1 + static_cast<uint32_t>((r >> 8) % 12);
    runtime::Vector* parent = gc::newVector(*sched::currentCache(), n);
    for (uint32_t i = 0; i < n; i++) parent->slots[i] = Value::smallInt(static_cast<int64_t>(i));
    w.live[slot] = Value::object(parent);  // rooted from here on
    runtime::Vector* child = gc::newVector(*sched::currentCache(), 2);
    child->slots[0] = Value::smallInt(static_cast<int64_t>(r & 0xFFFF));
    child->slots[1] = Value::nil();
    parent->slots[0] = Value::object(child);
  }
  s.allocations.fetch_add(2 * kAllocsPerTurn, std::memory_order_relaxed);
}

// gopark's unlock function for a worker waiting for its turn: g is
// Waiting now; the pair's lock is held since before the park.
bool parkForTurn(G* g, void* arg) {
  auto* pair = static_cast<Pair*>(arg);
  pair->waiter = g;
  pair->lock.unlock();
  return true;
}

// Parks w until its turn comes (or the pair is closed) and returns true,
// or returns false at once when it is w's turn already.
bool waitForTurn(Worker& w) {
  w.pair->lock.lock();
  if (w.pair->turn == w.side || w.pair->closed) {
    w.pair->lock.unlock();
    return false;
  }
  sched::gopark(parkForTurn, w.pair, sched::WaitReason::ChanReceive);
  return true;
}

void passTurn(Worker& w, bool close = false) {
  G* other;
  {
    std::lock_guard<runtime::Mutex> guard(w.pair->lock);
    w.pair->turn = 1 - w.side;
    if (close) w.pair->closed = true;
    other = w.pair->waiter;
    w.pair->waiter = nullptr;
  }
  if (other != nullptr) sched::goready(other);
}

bool closed(Worker& w) {
  std::lock_guard<runtime::Mutex> guard(w.pair->lock);
  return w.pair->closed;
}

RunOutcome workerTurn(Shared& s, Worker& w, G* g) {
  if (s.stop.load(std::memory_order_relaxed) || closed(w)) {
    // The partner may be waiting for a turn: let it see this one is gone.
    passTurn(w, true);
    s.running.fetch_sub(1);
    return RunOutcome::Returned;
  }
  if (g->preempt.load(std::memory_order_relaxed) != 0) return RunOutcome::Preempted;
  if (waitForTurn(w)) return RunOutcome::Blocked;
  allocate(s, w);
  s.turns.fetch_add(1, std::memory_order_relaxed);
  uint64_t r = nextRandom(w.rng);
  passTurn(w);
  if (r % 8 == 0) {
    // A short sleep: Ps go idle and Ms go through the P-less tail.
    s.sleeps.fetch_add(1, std::memory_order_relaxed);
    if (sched::sleep(static_cast<int64_t>(r % kMaxSleepNs))) return RunOutcome::Blocked;
  }
  if (r % 5 == 0) return RunOutcome::Yielded;
  return waitForTurn(w) ? RunOutcome::Blocked : RunOutcome::Yielded;
}

bool budgetLeft(Shared& s, int64_t deadline) {
  if (s.stop.load()) return false;
  if (s.options.changes > 0 && s.changes.load() >= s.options.changes) return false;
  if (deadline != 0 && sched::nanotime() >= deadline) return false;
  return true;
}

void change(Shared& s, int procs) {
  int before = sched::setGomaxprocs(procs);
  if (procs != before) s.changes.fetch_add(1);
  int cap = s.capacity.load();
  while (procs > cap && !s.capacity.compare_exchange_weak(cap, procs)) {
  }
  if (procs > cap) s.pastCapacity.fetch_add(1);
  if (s.options.gcEvery > 0 && s.changes.load() % s.options.gcEvery == 0) {
    gc::collect();
    s.collections.fetch_add(1);
  }
}

// The progress line, printed by whichever changer first sees that its time
// has come (the exchange makes it one changer per period), after a forced
// collection (counted with the others). Runs on a
// goroutine, as runtime.ReadMemStats does, since reading the heap's figures
// stops the world.
void reportProgress(Shared& s) {
  int64_t now = sched::nanotime();
  int64_t due = s.nextReport.load();
  if (s.options.reportEveryNs <= 0 || now < due ||
      !s.nextReport.compare_exchange_strong(due, now + s.options.reportEveryNs)) {
    return;
  }
  // After a collection of its own, so that the heap's figures are the live
  // heap (and what the sweep left in spans), not wherever the cycle was.
  gc::collect();
  s.collections.fetch_add(1);
  gc::MemStats ms = gc::readMemStats();
  std::printf("churn: progress @%.0fs: %" PRId64 " changes, %" PRId64 " forced collections (%" PRIu64
              " in all), %" PRId64 " allocations, %" PRId64 " turns, %" PRIu64
              " threads; heap %" PRIu64 " B in %" PRIu64 " objects, %" PRIu64 " B in spans, %" PRIu64
              " B from mimalloc, goal %" PRIu64 " B\n",
              static_cast<double>(now - s.start) / 1e9, s.changes.load(), s.collections.load(), ms.numGC,
              s.allocations.load(), s.turns.load(), sched::stats().threads, ms.heapAlloc, ms.heapObjects,
              ms.heapInUse, ms.heapSys, ms.nextGC);
  std::fflush(stdout);
}

// A changer: the growth phase (changer 0 only), then random moves. Runs a
// few changes per turn and yields, so that it shares its P.
struct Changer {
  uint64_t rng = 0;
  int nextGrowth = 0;  // the next value of the growth phase (0: done)
};

RunOutcome changerTurn(Shared& s, Changer& c, int64_t deadline) {
  for (int i = 0; i < 4; i++) {
    if (!budgetLeft(s, deadline)) {
      s.stop.store(true);
      s.running.fetch_sub(1);
      return RunOutcome::Returned;
    }
    reportProgress(s);
    if (c.nextGrowth != 0) {
      change(s, c.nextGrowth);
      c.nextGrowth = c.nextGrowth < s.options.growTo ? c.nextGrowth + 1 : 0;
      if (c.nextGrowth == 0) {
        std::printf("churn: growth done at GOMAXPROCS=%d: %" PRId64 " changes past capacity so far\n",
                    s.options.growTo, s.pastCapacity.load());
        std::fflush(stdout);
      }
      continue;
    }
    int top = std::max(1, std::min(s.options.maxProcs, s.capacity.load()));
    change(s, 1 + static_cast<int>(nextRandom(c.rng) % static_cast<uint64_t>(top)));
  }
  return RunOutcome::Yielded;
}

}  // namespace

int runChurn(const ChurnOptions& o) {
  runtime::settings().gccheckmark = o.checkmark;
  startScheduler(o.mode, o.clobberfree, o.findrunnableDelayUs, o.startProcs);
  const runtime::Settings& settings = runtime::settings();

  auto* s = new Shared();  // lives until the process exits (goroutines use it)
  s->options = o;
  s->capacity.store(o.startProcs);
  int nworkers = std::max(2, o.workers + (o.workers % 2));
  uint64_t seed = o.seed;
  for (int i = 0; i < nworkers; i++) {
    auto w = std::make_unique<Worker>();
    for (Value& v : w->live) v = Value::nil();
    if (i % 2 == 0) s->pairs.push_back(std::make_unique<Pair>());
    w->pair = s->pairs.back().get();
    w->side = i % 2;
    w->rng = nextRandom(seed);
    s->workers.push_back(std::move(w));
  }
  gc::registerRoots(gc::RootClass::test, scanWorkers, s);

  std::printf("churn: allpsnapshot=%s clobberfree=%d checkmark=%d findrunnabledelay=%" PRId64
              "us seed=%" PRIu64 ": %d workers, %d changers, GOMAXPROCS %d, growth to %d, moves in 1..%d, "
              "a collection every %d changes\n",
              runtime::allpSnapshotModeName(o.mode), o.clobberfree, o.checkmark, settings.findrunnabledelay, o.seed,
              nworkers, o.changers, o.startProcs, o.growTo, o.maxProcs, o.gcEvery);
  std::fflush(stdout);

  int64_t start = sched::nanotime();
  s->start = start;
  s->nextReport.store(start + o.reportEveryNs);
  int64_t deadline = o.durationNs > 0 ? start + o.durationNs : 0;
  s->running.store(nworkers + o.changers);
  for (auto& w : s->workers) {
    Worker* wp = w.get();
    spawn([s, wp](G* g, M*) { return workerTurn(*s, *wp, g); });
  }
  for (int i = 0; i < o.changers; i++) {
    auto* c = new Changer();
    c->rng = nextRandom(seed);
    c->nextGrowth = i == 0 && o.growTo > o.startProcs ? o.startProcs + 1 : 0;
    spawn([s, c, deadline](G*, M*) { return changerTurn(*s, *c, deadline); });
  }
  while (s->running.load() > 0) usleep(1000);

  double seconds = static_cast<double>(sched::nanotime() - start) / 1e9;
  sched::Stats st = sched::stats();
  gc::MemStats ms = gc::readMemStats();
  std::printf("churn: %" PRId64 " GOMAXPROCS changes (%" PRId64 " past capacity, %" PRIu64
              " allp arrays made), %" PRId64 " forced collections (%" PRIu64 " in all), %" PRId64
              " allocations, %" PRId64 " turns, %" PRId64 " sleeps, %" PRIu64 " threads, in %.1f s: 0 failures\n",
              s->changes.load(), s->pastCapacity.load(), st.allpArrays, s->collections.load(), ms.numGC,
              s->allocations.load(), s->turns.load(), s->sleeps.load(), st.threads, seconds);
  // Persistent mode's price (DESIGN.md): every replaced array stays.
  if (st.persistentArrays != 0) {
    std::printf("churn: persistent: %" PRIu64 " allp arrays leaked on purpose (%" PRIu64 " bytes, masks included)\n",
                st.persistentArrays, st.persistentBytes);
  }
  std::fflush(stdout);
  return 0;
}

}  // namespace goro::stress::scenarios
