// Fake goroutines for the scheduler tests (MockVM-style):
// a G's body is a C++ callable (stress/scenarios/callable_goroutines.h, which
// goro-stress's scenarios use too), called each time the G is scheduled,
// which returns what an interpreter would (Returned, Blocked after gopark,
// Yielded, Preempted). A body that runs for a while polls g->preempt as the
// interpreter does at its safe points.
//
// The tests of one binary share one scheduler: ensureScheduler() starts it
// once (4 Ps, allpsnapshot=m), and each test sets the GOMAXPROCS it needs.
// Death tests that need other settings start their own scheduler inside the
// child process (the "threadsafe" style re-executes the binary).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <thread>

#include "runtime/fdwriter.h"
#include "runtime/lockrank.h"
#include "sched/p.h"
#include "sched/proc.h"
#include "stress/scenarios/callable_goroutines.h"

namespace goro::testing {

using sched::G;
using sched::M;
using sched::RunOutcome;

using FakeG = stress::scenarios::CallableG;
using FakeRunner = stress::scenarios::CallableRunner;
inline FakeRunner& fakeRunner() { return stress::scenarios::callableRunner(); }

// Starts a scheduler with the fake runner, checking the lock order on
// every acquire (runtime/lockrank.h). Death-test children call it after
// setting the GODEBUG values they need.
inline void startScheduler(int procs) {
  runtime::setLockRankChecking(true);
  sched::setRunner(&fakeRunner());
  sched::init(procs);
}

// Starts the shared scheduler (idempotent).
inline void ensureScheduler(int procs = 4) {
  if (!sched::initialized()) startScheduler(procs);
}

// A new fake G (from any thread).
inline G* spawn(std::function<RunOutcome(G*, M*)> body) { return stress::scenarios::spawn(std::move(body)); }

// Counts events from goroutines and lets the test thread wait for them.
class Counter {
 public:
  // Notifies under the lock: the waiter may destroy the Counter as soon as
  // it sees the count, so nothing may touch it after the lock is released.
  void add(int n = 1) {
    std::lock_guard<std::mutex> g(mu_);
    n_ += n;
    cv_.notify_all();
  }
  int get() {
    std::lock_guard<std::mutex> g(mu_);
    return n_;
  }
  // Whether the count reached want within timeoutMs.
  bool waitFor(int want, int timeoutMs = 20000) {
    std::unique_lock<std::mutex> g(mu_);
    return cv_.wait_for(g, std::chrono::milliseconds(timeoutMs), [&] { return n_ >= want; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int n_ = 0;
};

// Spins until pred() or timeoutMs; returns pred().
template <typename F>
bool eventually(F pred, int timeoutMs = 20000) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return true;
}

// Timers pending on the live Ps' heaps (sleepers and script timers).
inline uint32_t liveTimers() {
  uint32_t n = 0;
  for (int i = 0; i < sched::gomaxprocs(); i++) n += sched::pEver(static_cast<uint32_t>(i))->timerCount.load();
  return n;
}

// For code that runs in a death-test child: a failed check prints and exits
// with status 3 (gtest assertions do not report from there).
#define CHILD_CHECK(cond)                                                      \
  do {                                                                         \
    if (!(cond)) {                                                             \
      std::fprintf(stderr, "CHILD_CHECK failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      _exit(3);                                                                \
    }                                                                          \
  } while (0)

}  // namespace goro::testing
