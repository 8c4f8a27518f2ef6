// Fatal errors: the runtime's single way to die, modelled on Go's throw.
//
// A fatal error means the runtime's own invariants are broken; it is never
// recovered from (a Goro program's panics are a different, recoverable
// mechanism that lives in lang/). fatal() reports and exits with status 2
// (GOTRACEBACK decides how much is printed and whether the process aborts
// instead: gotraceback.h):
//
//     fatal error: <msg>
//     <whatever the registered dump hook writes, e.g. the goroutines>
//
//     runtime stack:
//     goro::runtime::fatal(std::basic_string_view<...>)+0x3c
//     	pc=0x55d0c0a1b2c3
//     ...
//
// Invariants:
// - At most one thread reports. The first thread to die sets a process-wide
//   "dying" flag; any other thread that dies afterwards blocks forever and
//   lets the first one finish and exit (as Go's dopanic_m does), so two
//   reports never interleave.
// - A fatal error raised by the same thread while it is already reporting
//   (from the dump hook, or a crash while printing) writes one short line and
//   exits at once with status 2; it never recurses or deadlocks.
// - The report is written with write(2) on descriptor 2; nothing in it takes
//   a lock except the stdout flush before it (see flushStdoutForExit).
#pragma once

#include <string_view>

#include "runtime/exit.h"
#include "runtime/gotraceback.h"

namespace goro::runtime {

// Reports msg as above and exits with status 2. Safe from any thread.
[[noreturn]] void fatal(std::string_view msg);

// An unrecoverable error caused by the program rather than by the runtime
// (Go's fatal, as opposed to its throw): a deadlock, "concurrent map
// writes", "sync: unlock of unlocked mutex". The same report and status,
// without the runtime's native stack, which says nothing about the
// program's mistake (the dump hook's goroutines do).
[[noreturn]] void fatalUser(std::string_view msg);
// The same, with one "runtime: <preface>" line before the "fatal error:"
// line, as Go writes before some of its fatal errors ("runtime: program
// exceeds 10000-thread limit").
[[noreturn]] void fatalUser(std::string_view msg, std::string_view preface);

// The heap or the runtime could not get memory, or the live heap is over
// its limit (gc/memory_limit.h): "runtime: out of memory: <detail>" (what
// was asked for, what is in use), then the report of fatalUser("out of memory") and status
// 2, as Go ends (Go treats it as a throw; here the goroutines are printed
// as for a user error, without the runtime's native stack, which says
// nothing about where the memory went).
[[noreturn]] void fatalOutOfMemory(std::string_view detail);

// fatal() with a printf-style message. Messages longer than about 1 KiB are
// truncated.
[[noreturn]] void fatalf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

// A higher layer's extra report, written to fd after the "fatal error:" line
// and before "runtime stack:" (the scheduler prints its goroutines, and each
// M's native stack, here), as much of it as the policy asks for
// (gotraceback.h). It runs on the dying thread with other threads still
// running, possibly in a signal handler; it should only write to fd, take no
// blocking locks, and must not assume it can allocate.
using FatalDumpHook = void (*)(int fd, const TracebackPolicy& policy);

// Installs the one dump hook (nullptr removes it) and returns the previous
// one, so a second layer can chain to it.
FatalDumpHook setFatalDumpHook(FatalDumpHook hook);

// The steps fatal() is made of, shared with the crash signal handler
// (signals.cpp), which prints its own header between them. Not for general
// use: call fatal().
namespace dying {

// Claims the report for the calling thread. Returns only to the first thread
// to die; a later thread blocks forever, and a recursive call on the dying
// thread writes "fatal error during fatal error: <msg>" and exits.
void begin(std::string_view msg);

// Flushes stdio's stdout (and std::cout when mayBlock) so that output the
// program wrote before dying is not lost. From a signal handler pass
// mayBlock=false: stdout is then flushed only if its lock can be taken
// without waiting.
void flushStdoutForExit(bool mayBlock);

// Runs the dump hook, if one is installed, onto fd.
void runDumpHook(int fd, const TracebackPolicy& policy);

// Ends the process with status 2 without running any destructors or atexit
// handlers (other threads may be in the middle of anything); or, under
// GOTRACEBACK=crash, by SIGABRT (exitAfterFailure). The exit hook (exit.h)
// learns the cause first.
[[noreturn]] void exitProcess(ExitCause cause);

}  // namespace dying

}  // namespace goro::runtime
