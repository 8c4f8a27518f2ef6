// Native tracebacks: the C++ call stack of the current thread, walked with
// libunwind and printed in the style of Go's "runtime stack:" section, two
// lines per frame:
//
//     goro::gc::Collector::markFromRoots()+0x2a
//     	pc=0x55d0c0a1b2c3
//
// The name is demangled where possible (the mangled name is printed when
// demangling fails, `?` when no symbol covers the pc); the offset is from the
// start of the function; pc is the frame's instruction pointer (a return
// address for every frame but the innermost). At most kMaxTracebackFrames
// frames are printed, then a line saying more were left out.
//
// Output goes through FdWriter, straight to the descriptor with write(2).
#pragma once

namespace goro::runtime {

inline constexpr int kMaxTracebackFrames = 100;

// Prints the stack of the calling thread to fd, starting at the caller of
// printNativeStack and leaving out a further skipFrames frames (a fatal-error
// path passes the count of its own internal frames). Demangling may call
// malloc, so this is for ordinary (non-signal) contexts.
void printNativeStack(int fd, int skipFrames);

// printNativeStack for a signal handler (or code it calls): demangles with
// the reserved buffer, as printNativeStackFromContext does.
void printNativeStackSignalSafe(int fd, int skipFrames);

// Prints the stack that was interrupted by a signal, starting at the
// interrupted instruction. ucontext is the third argument of an SA_SIGINFO
// handler. Intended to run inside that handler: demangling uses a buffer
// reserved in advance by reserveTracebackBuffers(), and falls back to the
// mangled name if another thread is using that buffer or it is too small.
void printNativeStackFromContext(int fd, void* ucontext);

// Reserves the demangling buffer used by printNativeStackFromContext, so that
// a signal handler does not have to allocate in the common case. Called by
// installCrashHandlers; calling it more than once is harmless.
void reserveTracebackBuffers();

}  // namespace goro::runtime
