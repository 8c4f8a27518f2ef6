// Other threads' native stacks, for a dump: the reporting thread asks one
// thread at a time, by sending it a signal the runtime uses for nothing else
// (kThreadStackSignal, with tgkill), to print its own stack where it was
// interrupted; then it waits, a bounded time, for that thread to say it has
// finished before it asks the next. Go does the same thing in crash(),
// passing SIGQUIT from M to M.
//
//     <the thread's frames, as traceback.h prints them>
// or, when the thread does not answer within kThreadStackTimeoutMs (it is
// wedged with signals blocked, or dead):
//     (did not answer)
//
// Only one request is outstanding at a time, so stacks never interleave. A
// thread that starts printing after its request timed out finds the request
// withdrawn and prints nothing. The handler only walks the stack with
// libunwind and writes with write(2), through the reserved buffers of
// printNativeStackFromContext.
//
// The handler is installed by installCrashHandlers (signals.h); in sanitizer
// builds and in processes that never call it (unit tests), no thread can be
// asked, and printThreadStack says so.
#pragma once

#include <cstdint>

namespace goro::runtime {

inline constexpr int kThreadStackTimeoutMs = 1000;

// The calling thread's kernel id (gettid), async-signal-safe.
int32_t currentThreadId();

// Installs the handler of the stack request signal. Idempotent. Called by
// installCrashHandlers.
void installThreadStackHandler();

// Prints the native stack of thread tid (of this process) to fd, or a line
// saying why it could not. For the calling thread itself, prints its stack
// from the caller outwards. Meant for the one reporting thread of a dump.
void printThreadStack(int fd, int32_t tid);

}  // namespace goro::runtime
