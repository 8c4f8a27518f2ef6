// lang/vm/scheduler_runner.cpp: the interpreter as the scheduler's
// GoroutineRunner (lang/vm/scheduler_runner.h).
#include "lang/vm/scheduler_runner.h"

#include <unistd.h>

#include <atomic>
#include <string>

#include "gc/world.h"
#include "runtime/exit.h"
#include "runtime/fdwriter.h"
#include "runtime/gotraceback.h"
#include "sched/goroutine_dump.h"
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
  runtime::exitNow(status);
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

// A program's main goroutine: the top-level code, then main.
class ProgramMain final : public MainGoroutine {
 public:
  Next next(Interp& in, G* g, bool failed) override {
    if (failed) return Next::Fail;
    if (mainStarted_) return Next::Exit;
    mainStarted_ = true;
    runtime::Value fn = in.mainFunction();
    if (fn.isNil()) return Next::Exit;
    in.prepareCall(*sched::currentCache(), g->state, fn, nullptr, 0);
    return Next::Run;
  }

 private:
  // The top-level code has returned and main was started (only the main
  // goroutine reads or writes it).
  bool mainStarted_ = false;
};

class InterpRunner final : public sched::GoroutineRunner {
 public:
  InterpRunner(Interp& in, MainGoroutine& main) : in_(in), main_(main) {}

  RunOutcome run(G* g, M*) override {
    runtime::GState* st = g->state;
    st->goid = g->goid.load(std::memory_order_relaxed);
    RunContext rc;
    rc.cache = sched::currentCache();
    rc.preempt = &g->preempt;
    for (;;) {
      bool failed = false;
      runtime::TracebackPolicy policy;
      RunResult r = runGoroutine(in_, st, rc);
      switch (r) {
        case RunResult::Returned:
          if (g->isMain) break;
          if (!Interp::recycleGoroutine(st)) g->state = nullptr;  // too big to keep: let the collector have it
          return RunOutcome::Returned;
        case RunResult::Panicked:
        case RunResult::StackOverflow:
          policy = reportFailure(g, st, r);
          if (!g->isMain) return exitFailed(policy);
          failed = true;
          break;
        case RunResult::Preempted: return RunOutcome::Preempted;
        case RunResult::Blocked: return RunOutcome::Blocked;
        case RunResult::Yielded: return RunOutcome::Yielded;
      }
      switch (main_.next(in_, g, failed)) {
        case MainGoroutine::Next::Run: break;
        case MainGoroutine::Next::Exit: return RunOutcome::Returned;
        case MainGoroutine::Next::Fail: return exitFailed(policy);
      }
      // The next call may be on a new state, and on another P.
      st = g->state;
      st->goid = g->goid.load(std::memory_order_relaxed);
      rc.cache = sched::currentCache();
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

  void writeCreatedBy(G* g, int fd) override {
    if (g->createdBy == nullptr) return;
    std::string out;
    Interp::writeCreatedBy(out, g->createdBy, g->createdPc, g->parentGoid);
    runtime::FdWriter(fd).str(out);
  }

 private:
  // The report of a goroutine killed by a panic or a stack overflow, as
  // GOTRACEBACK asks (runtime/gotraceback.h): the message and the
  // goroutine's own traceback, then the other goroutines and each M's
  // native stack, printed with the world stopped, as Go freezes it, so that
  // no goroutine runs while its frames are read. Returns the policy, which
  // says how the process ends.
  runtime::TracebackPolicy reportFailure(G* g, runtime::GState* st, RunResult r) {
    bool overflow = r == RunResult::StackOverflow;
    runtime::TracebackPolicy policy =
        runtime::gotraceback(overflow ? runtime::Failure::RuntimeThrow : runtime::Failure::Panic);
    if (overflow) {
      in_.reportStackOverflow(st, 2);
    } else {
      in_.reportPanic(st, 2, policy.level > 0);
    }
    if (policy.level > 0 && (policy.all || policy.mStacks)) {
      gc::StoppedWorld world(gc::StwReason::GoroutineDump);
      sched::dumpForFailure(2, policy, g);
    }
    return policy;
  }

  // A failed goroutine ends the process: status 2 through the scheduler's
  // exit hook, or under GOTRACEBACK=crash death by SIGABRT.
  RunOutcome exitFailed(const runtime::TracebackPolicy& policy) {
    if (policy.crash) {
      in_.flushStdout();
      runtime::exitAfterFailure(policy);
    }
    return RunOutcome::Exited;
  }

  Interp& in_;
  MainGoroutine& main_;
};

}  // namespace

void runOnScheduler(Interp& in, runtime::GState* main, MainGoroutine* mainGoroutine) {
  gInterp = &in;
  in.setGoroutinesOnScheduler();
  in.tracebackTrailer = createdByTrailer;
  if (mainGoroutine == nullptr) mainGoroutine = new ProgramMain();  // lives until the process ends
  static InterpRunner* runner = new InterpRunner(in, *mainGoroutine);
  sched::setRunner(runner);
  sched::setExitHook(exitProgram);
  sched::init(0);
  sched::runMain(main, nullptr);
}

}  // namespace goro::lang::vm
