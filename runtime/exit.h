// Ending the process: the one way out that every normal end of a program
// takes (the main goroutine returning, os.Exit, an unrecovered panic's exit
// status), so that what must happen on the way out is written once.
//
// It completes the execution trace (trace_events.h) and calls _exit: no
// destructor or atexit handler runs, since other threads may still be
// running the program. The caller flushes its own output first. Fatal
// errors and crash signals leave through dying::exitProcess (fatal.h),
// which may end by SIGABRT instead.
#pragma once

namespace goro::runtime {

[[noreturn]] void exitNow(int status);

}  // namespace goro::runtime
