// Crash signals: see signals.h.
//
// The handler is installed with SA_NODEFER so that a second fault while it is
// reporting re-enters it (where the dying protocol exits at once) rather than
// being blocked, which would make the kernel kill the process with the
// default action and lose the exit status.
#include "runtime/signals.h"

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "runtime/fatal.h"
#include "runtime/fdwriter.h"
#include "runtime/gotraceback.h"
#include "runtime/thread_stacks.h"
#include "runtime/traceback.h"

namespace goro::runtime {

#ifdef GORO_SANITIZE_BUILD

void installCrashHandlers() {}
void ensureSignalStack() {}

#else

namespace {

constexpr int kStderr = 2;
constexpr size_t kSignalStackSize = 64 * 1024;

struct CrashSignal {
  int sig;
  const char* name;
  const char* description;
};

constexpr CrashSignal kCrashSignals[] = {
    {SIGSEGV, "SIGSEGV", "segmentation violation"},
    {SIGBUS, "SIGBUS", "bus error"},
    {SIGFPE, "SIGFPE", "floating-point exception"},
    {SIGILL, "SIGILL", "illegal instruction"},
};

// Dump signals: what Go does on SIGQUIT (Ctrl-\) and SIGABRT (what a stress
// runner sends a run that outlives its timeout): print every goroutine and
// the native stack, then exit with status 2, so that a hang can be
// diagnosed from its log.
constexpr CrashSignal kDumpSignals[] = {
    {SIGQUIT, "SIGQUIT", "quit"},
    {SIGABRT, "SIGABRT", "abort"},
};

// The interrupted program counter, or 0 on an architecture we do not know.
uintptr_t contextPc(void* ucontext) {
  auto* uc = static_cast<ucontext_t*>(ucontext);
#if defined(__x86_64__)
  return static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
  return static_cast<uintptr_t>(uc->uc_mcontext.pc);
#else
  (void)uc;
  return 0;
#endif
}

void crashHandler(int sig, siginfo_t* info, void* ucontext) {
  const char* name = "SIG?";
  const char* description = "unknown signal";
  for (const CrashSignal& s : kCrashSignals) {
    if (s.sig == sig) {
      name = s.name;
      description = s.description;
    }
  }
  dying::begin("unexpected signal during runtime execution");
  dying::flushStdoutForExit(false);
  {
    FdWriter w(kStderr);
    w.str("fatal error: unexpected signal during runtime execution\n");
    w.str("[signal ").str(name).str(": ").str(description);
    w.str(" code=").hex(static_cast<uint32_t>(info->si_code));
    w.str(" addr=").hex(reinterpret_cast<uintptr_t>(info->si_addr));
    w.str(" pc=").hex(contextPc(ucontext)).str("]\n");
  }
  dying::runDumpHook(kStderr, gotraceback(Failure::RuntimeThrow));
  FdWriter(kStderr).str("\nruntime stack:\n");
  printNativeStackFromContext(kStderr, ucontext);
  dying::exitProcess(ExitCause::CrashSignal);
}

//     SIGQUIT: quit
//     PC=0x55d0c0a1b2c3 sigcode=0
//
//     <every goroutine, then each M's native stack: the fatal dump hook's
//      output, as a runtime throw under GOTRACEBACK (gotraceback.h)>
//
//     runtime stack:
//     <frames of the thread that took the signal>
void dumpHandler(int sig, siginfo_t* info, void* ucontext) {
  const CrashSignal* s = &kDumpSignals[0];
  for (const CrashSignal& d : kDumpSignals) {
    if (d.sig == sig) s = &d;
  }
  dying::begin(s->name);
  dying::flushStdoutForExit(false);
  {
    FdWriter w(kStderr);
    w.str(s->name).str(": ").str(s->description).ch('\n');
    w.str("PC=").hex(contextPc(ucontext)).str(" sigcode=").dec(info->si_code).ch('\n');
  }
  dying::runDumpHook(kStderr, gotraceback(Failure::DumpSignal));
  FdWriter(kStderr).str("\nruntime stack:\n");
  printNativeStackFromContext(kStderr, ucontext);
  dying::exitProcess(ExitCause::DumpSignal);
}

// Owns the calling thread's alternate stack and unmaps it at thread exit.
struct SignalStack {
  void* mapping = nullptr;
  size_t mappingSize = 0;

  ~SignalStack() {
    if (mapping == nullptr) return;
    stack_t off{};
    off.ss_flags = SS_DISABLE;
    sigaltstack(&off, nullptr);
    munmap(mapping, mappingSize);
  }
};

thread_local SignalStack tSignalStack;

}  // namespace

void ensureSignalStack() {
  stack_t current{};
  if (sigaltstack(nullptr, &current) == 0 && !(current.ss_flags & SS_DISABLE)) return;

  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t size = std::max<size_t>(kSignalStackSize, SIGSTKSZ);
  const size_t total = size + page;
  void* mem = mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) fatal("ensureSignalStack: cannot map the alternate signal stack");
  // The lowest page is a guard: overflowing the signal stack faults instead
  // of silently corrupting whatever lies below it.
  mprotect(mem, page, PROT_NONE);

  stack_t ss{};
  ss.ss_sp = static_cast<char*>(mem) + page;
  ss.ss_size = size;
  ss.ss_flags = 0;
  if (sigaltstack(&ss, nullptr) != 0) {
    munmap(mem, total);
    fatal("ensureSignalStack: sigaltstack failed");
  }
  tSignalStack.mapping = mem;
  tSignalStack.mappingSize = total;
}

void installCrashHandlers() {
  reserveTracebackBuffers();
  installThreadStackHandler();
  ensureSignalStack();
  struct sigaction sa{};
  sa.sa_sigaction = crashHandler;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  for (const CrashSignal& s : kCrashSignals) {
    if (sigaction(s.sig, &sa, nullptr) != 0) fatalf("installCrashHandlers: sigaction(%s) failed", s.name);
  }
  sa.sa_sigaction = dumpHandler;
  for (const CrashSignal& s : kDumpSignals) {
    if (sigaction(s.sig, &sa, nullptr) != 0) fatalf("installCrashHandlers: sigaction(%s) failed", s.name);
  }
}

#endif  // GORO_SANITIZE_BUILD

}  // namespace goro::runtime
