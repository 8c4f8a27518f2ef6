// lang/vm/scheduler_runner.cpp: the interpreter as the scheduler's
// GoroutineRunner (lang/vm/scheduler_runner.h).
#include "lang/vm/scheduler_runner.h"

#include <unistd.h>

#include <atomic>
#include <string>

#include "runtime/fdwriter.h"
#include "sched/proc.h"

namespace goro::lang::vm {

namespace {

using sched::G;
using sched::M;
using sched::RunOutcome;

// The program being run (one per process): the exit hook and the traceback
// trailer are plain function pointers.
Interp* gInterp = nullptr;

void exitProgram(int status) {
  if (gInterp != nullptr) gInterp->flushStdout();
  ::_exit(status);
}

// "created by ..." for the goroutine whose state is g (its G is the one
// running on this thread).
std::string createdByTrailer(runtime::GState*) {
  std::string out;
  G* g = sched::currentG();
  if (g != nullptr && g->createdBy != nullptr) {
    Interp::writeCreatedBy(out, g->createdBy, g->createdPc, g->parentGoid);
  }
  return out;
}

class InterpRunner final : public sched::GoroutineRunner {
 public:
  explicit InterpRunner(Interp& in) : in_(in) {}

  RunOutcome run(G* g, M*) override {
    runtime::GState* st = g->state;
    st->goid = g->goid.load(std::memory_order_relaxed);
    RunContext rc;
    rc.cache = sched::currentCache();
    rc.preempt = &g->preempt;
    for (;;) {
      switch (runGoroutine(in_, st, rc)) {
        case RunResult::Returned:
          if (g->isMain) {
            // The top-level code returned: now main, if there is one.
            if (!mainStarted_) {
              mainStarted_ = true;
              runtime::Value fn = in_.mainFunction();
              if (!fn.isNil()) {
                rc.cache = sched::currentCache();
                in_.prepareCall(*rc.cache, st, fn, nullptr, 0);
                continue;
              }
            }
          } else if (!Interp::recycleGoroutine(st)) {
            g->state = nullptr;  // too big to keep: let the collector have it
          }
          return RunOutcome::Returned;
        case RunResult::Panicked: in_.reportPanic(st, 2); return RunOutcome::Exited;
        case RunResult::StackOverflow: in_.reportStackOverflow(st, 2); return RunOutcome::Exited;
        case RunResult::Preempted: return RunOutcome::Preempted;
        case RunResult::Blocked: return RunOutcome::Blocked;
        case RunResult::Yielded: return RunOutcome::Yielded;
      }
      return RunOutcome::Exited;
    }
  }

  // For a goroutine dump (deadlock, fatal error): the G is not running, so
  // its state is stable; this writes with plain write(2) (FdWriter).
  void writeFrames(G* g, int fd) override {
    if (g->state == nullptr) return;
    std::string out;
    Interp::writeFrames(g->state, out);
    if (g->createdBy != nullptr) Interp::writeCreatedBy(out, g->createdBy, g->createdPc, g->parentGoid);
    runtime::FdWriter(fd).str(out);
  }

 private:
  Interp& in_;
  // The main goroutine has moved on from the top-level code to main (only
  // the main goroutine reads or writes it).
  bool mainStarted_ = false;
};

}  // namespace

void runOnScheduler(Interp& in, runtime::GState* main) {
  gInterp = &in;
  in.tracebackTrailer = createdByTrailer;
  static InterpRunner* runner = new InterpRunner(in);
  sched::setRunner(runner);
  sched::setExitHook(exitProgram);
  sched::init(0);
  sched::runMain(main, nullptr);
}

}  // namespace goro::lang::vm
