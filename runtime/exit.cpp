// Ending the process: see exit.h.
#include "runtime/exit.h"

#include <unistd.h>

#include <atomic>

#include "runtime/trace_events.h"

namespace goro::runtime {

namespace {
std::atomic<ExitHook> gExitHook{nullptr};
}  // namespace

const char* exitCauseName(ExitCause cause) {
  switch (cause) {
    case ExitCause::Normal: return "normal";
    case ExitCause::UserThrow: return "user throw";
    case ExitCause::RuntimeThrow: return "runtime throw";
    case ExitCause::CrashSignal: return "crash signal";
    case ExitCause::DumpSignal: return "dump signal";
  }
  return "unknown";
}

ExitHook setExitHook(ExitHook hook) { return gExitHook.exchange(hook, std::memory_order_acq_rel); }

void runExitHook(ExitCause cause, int status) {
  if (ExitHook hook = gExitHook.load(std::memory_order_acquire)) hook(cause, status);
}

void exitNow(int status) {
  trace::finish();
  runExitHook(ExitCause::Normal, status);
  _exit(status);
}

}  // namespace goro::runtime
