// Goroutines whose bodies are C++ callables, for the stress scenarios and
// the scheduler's unit tests (MockVM-style, STYLE.md point 12): the runner
// calls a G's body each time the G is scheduled, and the body returns what
// an interpreter would (Returned, Blocked after gopark, Yielded, Preempted).
// A body that runs for a while polls g->preempt, as the interpreter does at
// its safe points.
#pragma once

#include <functional>

#include <algorithm>
#include <cstdint>

#include "runtime/fdwriter.h"
#include "runtime/settings.h"
#include "sched/proc.h"

namespace goro::stress::scenarios {

using GoroutineBody = std::function<sched::RunOutcome(sched::G*, sched::M*)>;

struct CallableG {
  GoroutineBody body;
};

class CallableRunner final : public sched::GoroutineRunner {
 public:
  sched::RunOutcome run(sched::G* g, sched::M* m) override {
    auto* f = static_cast<CallableG*>(g->user);
    sched::RunOutcome o = f->body(g, m);
    if (o == sched::RunOutcome::Returned || o == sched::RunOutcome::Exited) {
      g->user = nullptr;
      delete f;
    }
    return o;
  }
  void writeFrames(sched::G*, int fd) override { runtime::FdWriter(fd).str("callable.goroutine()\n"); }
};

// The one runner of a process (installed with sched::setRunner).
inline CallableRunner& callableRunner() {
  static CallableRunner* r = new CallableRunner();
  return *r;
}

// Starts this process's scheduler for a scenario, with callable goroutines
// as its runner: the GODEBUG switches a scenario sets are read once, at
// init, so they are set first. The delay is bounded as GODEBUG bounds it.
inline void startScheduler(runtime::AllpSnapshotMode mode, bool clobberfree, int64_t findrunnableDelayUs, int procs) {
  runtime::Settings& s = runtime::settings();
  s.allpsnapshot = mode;
  s.clobberfree = clobberfree;
  s.findrunnabledelay = std::clamp<int64_t>(findrunnableDelayUs, 0, runtime::kMaxFindrunnableDelayUs);
  sched::setRunner(&callableRunner());
  sched::init(procs);
}

// A new goroutine running body (from any thread; from a G, onto its P's
// runnext).
inline sched::G* spawn(GoroutineBody body) { return sched::newproc(nullptr, new CallableG{std::move(body)}); }

}  // namespace goro::stress::scenarios
