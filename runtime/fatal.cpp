// Fatal errors: see fatal.h for the report format and the dying protocol.
//
// The process-wide state is two atomics (the dying flag and the hook) and one
// thread-local flag; there is no mutex here, because the lock-rank checker
// and the Mutex itself report through fatal().
#include "runtime/fatal.h"

#include <algorithm>
#include <atomic>
#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <new>
#include <unistd.h>

#include "runtime/fdwriter.h"
#include "runtime/trace_events.h"
#include "runtime/traceback.h"

namespace goro::runtime {
namespace {

constexpr int kStderr = 2;

std::atomic<bool> gDying{false};
std::atomic<FatalDumpHook> gDumpHook{nullptr};
// How the dying thread ends the process: set once it has claimed the report.
TracebackPolicy gPolicy;

// Set on the thread that is reporting. A plain bool with no constructor, so
// that a signal handler can read it without TLS initialisation.
thread_local bool tDying = false;

// The common body of fatal() and fatalf(). The stack printed starts at the
// frame above this one, i.e. at fatal/fatalf, as Go's tracebacks start at
// runtime.throw.
// Go prints the runtime stack of a throw at level 2 and up (dopanic_m);
// a runtime throw is always at level 2, a user throw only when GOTRACEBACK
// asks for system or crash.
// A preface, when given, is one "runtime: ..." line written before the
// "fatal error:" line (Go's out-of-memory report has one).
[[noreturn]] __attribute__((noinline)) void die(std::string_view msg, Failure failure = Failure::RuntimeThrow,
                                                std::string_view preface = {}) {
  dying::begin(msg);
  dying::flushStdoutForExit(true);
  TracebackPolicy policy = gotraceback(failure);
  gPolicy = policy;
  if (!preface.empty()) FdWriter(kStderr).str("runtime: ").str(preface).ch('\n');
  FdWriter(kStderr).str("fatal error: ").str(msg).ch('\n');
  dying::runDumpHook(kStderr, policy);
  if (policy.level >= 2) {
    FdWriter(kStderr).str("\nruntime stack:\n");
    printNativeStack(kStderr, 1);
  }
  dying::exitProcess(failure == Failure::UserThrow ? ExitCause::UserThrow : ExitCause::RuntimeThrow);
}

}  // namespace

__attribute__((noinline)) void fatal(std::string_view msg) { die(msg); }

void fatalUser(std::string_view msg) { die(msg, Failure::UserThrow); }

void fatalUser(std::string_view msg, std::string_view preface) { die(msg, Failure::UserThrow, preface); }

void fatalOutOfMemory(std::string_view detail) {
  char preface[512];
  int n = std::snprintf(preface, sizeof preface, "out of memory: %.*s", static_cast<int>(detail.size()), detail.data());
  fatalUser("out of memory", std::string_view(preface, std::min<size_t>(static_cast<size_t>(n), sizeof preface - 1)));
}

namespace {
// A failed `new` in the runtime's own C++ code (mimalloc's operator new and
// the standard one both call the handler before giving up) is the same
// fatal error as a heap that cannot grow, not an uncaught std::bad_alloc.
void outOfMemoryInNew() { fatalOutOfMemory("operator new failed"); }
[[maybe_unused]] const bool gNewHandlerInstalled = (std::set_new_handler(outOfMemoryInNew), true);
}  // namespace

__attribute__((noinline)) void fatalf(const char* fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0) die(fmt);  // a broken format: report the format itself
  die(std::string_view(buf, static_cast<size_t>(n) < sizeof buf ? n : sizeof buf - 1));
}

FatalDumpHook setFatalDumpHook(FatalDumpHook hook) {
  return gDumpHook.exchange(hook, std::memory_order_acq_rel);
}

namespace dying {

void begin(std::string_view msg) {
  if (tDying) {
    FdWriter(kStderr).str("\nfatal error during fatal error: ").str(msg).ch('\n');
    exitProcess(ExitCause::RuntimeThrow);
  }
  tDying = true;
  if (gDying.exchange(true, std::memory_order_acq_rel)) {
    // Another thread is reporting and will exit the process; wait for it
    // without spinning.
    for (;;) {
      timespec ts{1, 0};
      nanosleep(&ts, nullptr);
    }
  }
}

void flushStdoutForExit(bool mayBlock) {
  if (mayBlock) {
    std::fflush(stdout);
    std::cout.flush();
    return;
  }
  // stdio's lock is recursive, so this also succeeds when the signal
  // interrupted this very thread inside a stdio call; flushing then may
  // lose or repeat a little output, which beats losing all of it.
  if (ftrylockfile(stdout) == 0) {
    fflush_unlocked(stdout);
    funlockfile(stdout);
  }
}

void runDumpHook(int fd, const TracebackPolicy& policy) {
  gPolicy = policy;
  if (FatalDumpHook hook = gDumpHook.load(std::memory_order_acquire)) hook(fd, policy);
}

void exitProcess(ExitCause cause) {
  // The execution trace is completed on the way out (trace_events.h); it
  // waits only a bounded time for other threads' buffers.
  trace::finish();
  runExitHook(cause, 2);
  exitAfterFailure(gPolicy);
}

}  // namespace dying

}  // namespace goro::runtime
