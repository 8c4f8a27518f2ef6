// Crash signals: turning a hardware fault inside the runtime (SIGSEGV,
// SIGBUS, SIGFPE, SIGILL) into a Go-style fatal report instead of a silent
// core dump:
//
//     fatal error: unexpected signal during runtime execution
//     [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x55d0c0a1b2c3]
//     <the fatal dump hook's output, if one is installed>
//
//     runtime stack:
//     <frames, starting at the faulting instruction>
//
// and exit status 2. The report follows the same dying protocol as fatal()
// (one reporter, later crashes on other threads block, a crash while
// reporting exits at once).
//
// SIGQUIT and SIGABRT (what goro-stress sends a run past its timeout) are
// dump signals, as in Go: `SIGQUIT: quit` and the signal's PC, every
// goroutine (the fatal dump hook), the native stack, exit status 2.
//
// The handlers run on a per-thread alternate signal stack, so that a stack
// overflow (a fault on the guard page) can still be reported. Every thread
// the runtime creates calls ensureSignalStack() when it starts.
//
// installCrashHandlers also installs the handler by which a dump asks each
// other thread for its native stack (thread_stacks.h).
//
// In sanitizer builds (GORO_SANITIZE_BUILD) both functions do nothing, so
// that ASan and TSan keep their own handlers and their own reports.
#pragma once

namespace goro::runtime {

// Installs the crash handlers process-wide and the alternate stack of the
// calling thread. Idempotent.
void installCrashHandlers();

// Gives the calling thread an alternate signal stack (64 KiB, with a guard
// page below it) if it has none yet. The stack is released when the thread
// exits. Idempotent.
void ensureSignalStack();

}  // namespace goro::runtime
