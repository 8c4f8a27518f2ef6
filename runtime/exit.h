// Ending the process: the one way out that every normal end of a program
// takes (the main goroutine returning, os.Exit, an unrecovered panic's exit
// status), so that what must happen on the way out is written once.
//
// It completes the execution trace (trace_events.h) and calls _exit: no
// destructor or atexit handler runs, since other threads may still be
// running the program. The caller flushes its own output first. Fatal
// errors and crash signals leave through dying::exitProcess (fatal.h),
// which may end by SIGABRT instead.
//
// Both ways out call the exit hook, if one is installed, just before the
// process ends: a tool that runs the runtime in a child process (the fuzz
// target fuzz/fuzz_run.cpp) learns from it why the child ended, which the
// exit status alone does not say (a panic, a deadlock and a broken runtime
// invariant all exit with status 2). The runtime itself installs none.
// (Not to be confused with sched::setExitHook, which decides how the
// scheduler ends the program; this one only observes the end.)
#pragma once

#include <cstdint>

namespace goro::runtime {

// Why the process is ending.
enum class ExitCause : uint8_t {
  Normal,        // exitNow: main returned, os.Exit, a panic's or a stack overflow's status 2
  UserThrow,     // fatalUser: the program's mistake (a deadlock, concurrent map writes)
  RuntimeThrow,  // fatal, fatalf: a broken runtime invariant or an unrecoverable condition
  CrashSignal,   // a crash signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL) caught by the runtime's handler
  DumpSignal,    // SIGQUIT or SIGABRT (from outside, or abort() inside the process)
};

// "normal", "user throw", "runtime throw", "crash signal", "dump signal".
const char* exitCauseName(ExitCause cause);

// Called with the cause and the exit status (2 for every cause but Normal;
// under GOTRACEBACK=crash the process then dies by SIGABRT instead) on the
// exiting thread, with other threads possibly still running, possibly in a
// signal handler: it must be async-signal-safe (copy memory, write(2)), must
// not allocate or lock, and must return.
using ExitHook = void (*)(ExitCause cause, int status);

// Installs the one exit hook (nullptr removes it) and returns the previous
// one. Install it before the program starts running.
ExitHook setExitHook(ExitHook hook);

// Runs the exit hook, if any (exitNow and dying::exitProcess call it).
void runExitHook(ExitCause cause, int status);

[[noreturn]] void exitNow(int status);

}  // namespace goro::runtime
