// lang/vm/scheduler_runner.h: running a loaded program on the P/M/G scheduler
// (sched/proc.h). The interpreter is the scheduler's GoroutineRunner: each
// time an M runs a G, runGoroutine resumes the G's state (a GState in the
// collected heap) with the M's P's allocation cache and the G's preempt
// flag, and the RunResult becomes a RunOutcome:
//
//   Returned       -> Returned (the goroutine dies; a small state is kept on
//                     the dead G for the next go statement to reuse). For
//                     the main goroutine, its MainGoroutine decides (below).
//   Panicked       -> the panic and traceback are printed (with Go's
//   StackOverflow     "created by" lines), and as GOTRACEBACK asks the
//                     other goroutines and each M's native stack, with the
//                     world stopped (docs/tracebacks.md); then Exited:
//                     status 2, or SIGABRT under GOTRACEBACK=crash; the
//                     main goroutine's MainGoroutine may go on instead.
//   Blocked, Yielded, Preempted -> the same (concurrency.cpp).
#pragma once

#include <cstdint>

#include "lang/vm/interp.h"
#include "runtime/object_layouts.h"
#include "sched/g.h"

namespace goro::lang::vm {

// What the main goroutine does when the call it is making ends. For a
// program (the default): the file's top-level code, then `main` if the file
// defines one, whose return ends the process with status 0. A REPL session
// (lang/cmd/repl.h) reads and runs one entry after another instead, and
// goes on after a failed one.
class MainGoroutine {
 public:
  enum class Next : uint8_t {
    Run,   // g->state is ready for another call (Interp::prepareCall, or a new state)
    Exit,  // the program ends with status 0
    Fail,  // the program ends with status 2
  };
  virtual ~MainGoroutine() = default;
  // Called on the main goroutine's own thread, holding its P. failed: the
  // call panicked or overflowed its stack, and that has been reported.
  virtual Next next(Interp& in, sched::G* g, bool failed) = 0;
};

// Starts the scheduler (GOMAXPROCS and GODEBUG from runtime::settings())
// and runs `main` (the goroutine state of the top-level code) as goroutine
// 1 until the program ends, as mainGoroutine says (null: a program's).
// Never returns: the process exits with the program's status (stdout
// flushed).
[[noreturn]] void runOnScheduler(Interp& in, runtime::GState* main, MainGoroutine* mainGoroutine = nullptr);

}  // namespace goro::lang::vm
