// How much a failure prints, and how the process then ends: Go's
// gotraceback() (runtime1.go) applied to the GOTRACEBACK setting
// (settings.h, TracebackSetting) and to the kind of failure.
//
// Go's rules, which Goro follows:
// - An unrecovered panic prints as the setting says: nothing after the
//   panic message at level 0, the panicking goroutine at level 1, every
//   goroutine when `all` is set.
// - A fatal error the program caused (Go's fatal, a "user throw": a
//   deadlock, concurrent map writes, unlock of an unlocked mutex) prints
//   every goroutine whatever the setting, at the setting's level.
// - A fatal error of the runtime itself (Go's throw: a broken invariant,
//   stack overflow) prints every goroutine at level 2, the runtime's frames
//   included, even under GOTRACEBACK=none.
// - SIGQUIT and SIGABRT are handled as a runtime throw, as Go's sighandler
//   does (throwing = throwTypeRuntime).
// Goro's "runtime frames" are native: the reporting thread's C++ stack
// (`runtime stack:`). Each M's native stack (thread_stacks.h) is printed for
// GOTRACEBACK=system or crash and always for SIGQUIT and SIGABRT, so that a
// hung run killed by goro-stress can be diagnosed from its log.
// With `crash` the process ends by SIGABRT (a core dump where the OS allows
// one) instead of exit status 2.
#pragma once

#include <cstdint>

namespace goro::runtime {

enum class Failure : uint8_t {
  Panic,         // an unrecovered panic of the program
  UserThrow,     // a fatal error the program caused (fatalUser)
  RuntimeThrow,  // a fatal error of the runtime (fatal, stack overflow)
  DumpSignal,    // SIGQUIT or SIGABRT from outside
};

struct TracebackPolicy {
  // 0: no goroutine traces; 1: goroutine traces; 2: also runtime frames.
  int level = 1;
  // Every goroutine, not only the failing one.
  bool all = false;
  // Each M's native stack after the goroutines.
  bool mStacks = false;
  // End with SIGABRT rather than exit status 2.
  bool crash = false;
};

// The policy for a failure of this kind under the process's GOTRACEBACK.
TracebackPolicy gotraceback(Failure failure);

// Ends a failed process as the policy says: _exit(2), or with `crash` the
// default action of SIGABRT (the handler, if any, is removed first).
// Async-signal-safe; runs no destructors.
[[noreturn]] void exitAfterFailure(const TracebackPolicy& policy);

}  // namespace goro::runtime
