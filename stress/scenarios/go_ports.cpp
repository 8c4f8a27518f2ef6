// Scenarios after Go's runtime tests: see go_ports.h.
#include "stress/scenarios/go_ports.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>

#include "gc/collector.h"
#include "gc/memstats.h"
#include "gc/constructors.h"
#include "gc/roots.h"
#include "sched/sched.h"
#include "sched/timers.h"
#include "stress/scenarios/callable_goroutines.h"

namespace goro::stress::scenarios {

namespace {

using sched::G;
using sched::M;
using sched::RunOutcome;

void start(const GoPortOptions& o, const char* name) {
  startScheduler(o.mode, o.clobberfree, o.findrunnableDelayUs, o.startProcs);
  const runtime::Settings& s = runtime::settings();
  std::printf("%s: allpsnapshot=%s clobberfree=%d findrunnabledelay=%lldus GOMAXPROCS=%d rounds=%d\n", name,
              runtime::allpSnapshotModeName(o.mode), o.clobberfree, static_cast<long long>(s.findrunnabledelay),
              o.startProcs, o.rounds);
  std::fflush(stdout);
}

void waitFor(const std::atomic<int>& left) {
  while (left.load() > 0) usleep(1000);
}

// A link of the chain: at its entry (a safe point) it honours a preempt
// request; then it starts its successor, unless told to stop.
void spawnLink(std::atomic<bool>* stop, std::atomic<int64_t>* links) {
  spawn([stop, links](G* g, M*) {
    if (g->preempt.load(std::memory_order_relaxed) != 0) return RunOutcome::Preempted;
    if (!stop->load(std::memory_order_relaxed)) {
      links->fetch_add(1, std::memory_order_relaxed);
      spawnLink(stop, links);
    }
    return RunOutcome::Returned;
  });
}

}  // namespace

int runStwDeadlock(const GoPortOptions& o) {
  start(o, "stw-deadlock");
  auto* stop = new std::atomic<bool>(false);
  auto* links = new std::atomic<int64_t>(0);
  auto* left = new std::atomic<int>(2);
  const int rounds = o.rounds;
  spawn([left, rounds](G*, M*) {
    for (int i = 0; i < rounds; i++) gc::collect();
    left->fetch_sub(1);
    return RunOutcome::Returned;
  });
  spawn([left, rounds](G*, M*) {
    for (int i = 0; i < rounds; i++) sched::setGomaxprocs(1 + i % 7);
    left->fetch_sub(1);
    return RunOutcome::Returned;
  });
  spawnLink(stop, links);
  waitFor(*left);
  stop->store(true);
  std::printf("stw-deadlock: %d collections and %d GOMAXPROCS changes beside a chain of %lld goroutines: OK\n",
              rounds, rounds, static_cast<long long>(links->load()));
  std::fflush(stdout);
  return 0;
}

namespace {

// The allocators keep their latest batch alive here (a `test` root).
struct Sinks {
  runtime::Value slot[2];
};

void scanSinks(gc::RootVisitor& v, void* context) {
  auto* s = static_cast<Sinks*>(context);
  for (int i = 0; i < 2; i++) {
    v.visit(s->slot[i], [i](std::string& n) { n += "test: issue47304 sink[" + std::to_string(i) + "]"; });
  }
}

}  // namespace

int runIssue47304(const GoPortOptions& o) {
  start(o, "issue47304");
  auto* sinks = new Sinks{{runtime::Value::nil(), runtime::Value::nil()}};
  gc::registerRoots(gc::RootClass::test, scanSinks, sinks);
  auto* stop = new std::atomic<bool>(false);
  auto* left = new std::atomic<int>(3);
  auto* allocations = new std::atomic<int64_t>(0);
  for (int i = 0; i < 2; i++) {
    spawn([sinks, stop, left, allocations, i](G* g, M*) {
      while (!stop->load(std::memory_order_relaxed)) {
        if (g->preempt.load(std::memory_order_relaxed) != 0) return RunOutcome::Preempted;
        // A batch of 16 small arrays, the latest batch kept alive.
        runtime::Vector* batch = gc::newVector(*sched::currentCache(), 16);
        for (uint32_t k = 0; k < 16; k++) batch->slots[k] = runtime::Value::nil();
        sinks->slot[i] = runtime::Value::object(batch);
        for (uint32_t k = 0; k < 16; k++) {
          runtime::Vector* item = gc::newVector(*sched::currentCache(), 2);
          item->slots[0] = runtime::Value::smallInt(k);
          item->slots[1] = runtime::Value::nil();
          batch->slots[k] = runtime::Value::object(item);
        }
        allocations->fetch_add(17, std::memory_order_relaxed);
      }
      left->fetch_sub(1);
      return RunOutcome::Returned;
    });
  }
  const int rounds = o.rounds;
  auto* moves = new int(0);  // the changer's position: 3 moves per round
  spawn([stop, left, rounds, moves](G*, M*) {
    static constexpr int kProcs[3] = {100, 4, 6};
    while (*moves < 3 * rounds) {
      sched::setGomaxprocs(kProcs[*moves % 3]);
      (*moves)++;
      if (sched::sleep(1'000'000)) return RunOutcome::Blocked;  // time.Sleep(time.Millisecond)
    }
    stop->store(true);
    left->fetch_sub(1);
    return RunOutcome::Returned;
  });
  waitFor(*left);
  std::printf("issue47304: %d GOMAXPROCS changes (100 -> 4 -> 6) beside two allocators (%lld objects, %llu "
              "collections), ended at GOMAXPROCS=%d: OK\n",
              3 * rounds, static_cast<long long>(allocations->load()),
              static_cast<unsigned long long>(gc::readMemStats().numGC), sched::gomaxprocs());
  std::fflush(stdout);
  return 0;
}

}  // namespace goro::stress::scenarios
