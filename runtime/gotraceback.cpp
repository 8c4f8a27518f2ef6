// GOTRACEBACK applied to a failure: see gotraceback.h.
#include "runtime/gotraceback.h"

#include <csignal>
#include <unistd.h>

#include "runtime/settings.h"

namespace goro::runtime {

TracebackPolicy gotraceback(Failure failure) {
  const TracebackSetting& t = settings().traceback;
  TracebackPolicy p;
  p.level = t.level;
  p.all = t.all || failure != Failure::Panic;
  p.crash = t.crash;
  if (failure == Failure::RuntimeThrow || failure == Failure::DumpSignal) p.level = 2;
  p.mStacks = t.level >= 2 || failure == Failure::DumpSignal;
  return p;
}

void exitAfterFailure(const TracebackPolicy& policy) {
  if (policy.crash) {
    // Go's crash(): die of SIGABRT, so that the OS writes a core dump where
    // it is allowed to. Our own SIGABRT handler (signals.cpp) must not run.
    struct sigaction dfl{};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGABRT, &dfl, nullptr);
    sigset_t abrt;
    sigemptyset(&abrt);
    sigaddset(&abrt, SIGABRT);
    pthread_sigmask(SIG_UNBLOCK, &abrt, nullptr);
    raise(SIGABRT);
  }
  _exit(2);
}

}  // namespace goro::runtime
