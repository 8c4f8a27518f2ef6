// lang/vm/step_budget.cpp: the fuzz builds' step budget (step_budget.h).
#include "lang/vm/step_budget.h"

#ifdef GORO_STEP_BUDGET

#include <limits>

#include "lang/vm/interp.h"
#include "runtime/exit.h"
#include "runtime/fdwriter.h"

namespace goro::lang::vm {

namespace detail {

std::atomic<int64_t> gStepsLeft{std::numeric_limits<int64_t>::max()};

void stepBudgetExhausted(Interp& in) {
  in.flushStdout();
  runtime::FdWriter(2).str("step budget exhausted\n");
  runtime::exitNow(kStepBudgetExitStatus);
}

}  // namespace detail

void setStepBudget(uint64_t steps) {
  int64_t left = steps == 0 || steps > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
                     ? std::numeric_limits<int64_t>::max()
                     : static_cast<int64_t>(steps);
  detail::gStepsLeft.store(left, std::memory_order_relaxed);
}

}  // namespace goro::lang::vm

#endif  // GORO_STEP_BUDGET
