// lang/vm/step_budget.h: a limit on the steps a program may take, for
// fuzzing (fuzz/fuzz_run.cpp), where a fuzzed program that loops forever
// must end quickly with a defined status instead of being taken for a hang.
//
// Compiled in only when GORO_STEP_BUDGET is defined (the GORO_FUZZ build,
// CMakeLists.txt); in every other build there is no counter and no branch,
// and this header declares nothing. A step is one of the interpreter's
// poll points (lang/vm/dispatch.cpp, POLL): a loop's back-edge or a
// function entry, the places where the preempt flag is read, and the start
// of a goroutine; a program cannot run for long without passing one. The budget is shared by all
// goroutines of the process. When it runs out, the goroutine that takes
// the last step flushes the program's stdout, writes
// "step budget exhausted" on stderr and ends the process through
// runtime::exitNow with kStepBudgetExitStatus.
#pragma once

#ifdef GORO_STEP_BUDGET

#include <atomic>
#include <cstdint>

namespace goro::lang::vm {

class Interp;

// The exit status of a run whose budget ran out (Go uses 0, 1 and 2).
inline constexpr int kStepBudgetExitStatus = 3;

// Sets the budget for the rest of the process: steps > 0 steps, or 0 for no
// limit (the default). Call it before the program starts.
void setStepBudget(uint64_t steps);

namespace detail {

// Steps left; when it drops to zero the budget is spent. INT64_MAX: no limit.
extern std::atomic<int64_t> gStepsLeft;

// Takes one step; true when that was the last one the budget allowed.
inline bool takeStep() { return gStepsLeft.fetch_sub(1, std::memory_order_relaxed) == 1; }

// Ends the process as described above.
[[noreturn]] void stepBudgetExhausted(Interp& in);

}  // namespace detail

}  // namespace goro::lang::vm

#endif  // GORO_STEP_BUDGET
