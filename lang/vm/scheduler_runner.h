// lang/vm/scheduler_runner.h: running a loaded program on the P/M/G scheduler
// (sched/proc.h). The interpreter is the scheduler's GoroutineRunner: each
// time an M runs a G, runGoroutine resumes the G's state (a GState in the
// collected heap) with the M's P's allocation cache and the G's preempt
// flag, and the RunResult becomes a RunOutcome:
//
//   Returned       -> Returned (the goroutine dies; a small state is kept on
//                     the dead G for the next go statement to reuse). The
//                     main goroutine first runs the file's top-level code,
//                     then `main` if the file defines one; its return ends
//                     the process with status 0.
//   Panicked       -> the panic and traceback are printed (with Go's
//   StackOverflow     "created by" lines), then Exited: status 2.
//   Blocked, Yielded, Preempted -> the same (concurrency.cpp).
#pragma once

#include "lang/vm/interp.h"
#include "runtime/object_layouts.h"

namespace goro::lang::vm {

// Starts the scheduler (GOMAXPROCS and GODEBUG from runtime::settings())
// and runs `main` (the goroutine state of the top-level code) as goroutine
// 1 until the program ends. Never returns: the process exits with the
// program's status (stdout flushed).
[[noreturn]] void runOnScheduler(Interp& in, runtime::GState* main);

}  // namespace goro::lang::vm
