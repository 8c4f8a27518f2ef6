// lang/lib/native_context.h: the calling convention between the interpreter and
// the native (C++) functions behind built-ins and module members.
//
// A native is called with its arguments in a contiguous run of the calling
// goroutine's stack slots and writes its results into another run of slots
// the interpreter provides; both runs are scanned by the collector (the
// allgs root class), so arguments stay alive across any allocation and a
// result is rooted as soon as it is stored. Objects a native makes and needs
// across a further allocation must be held in a gc::Handle until stored.
//
// Errors: a native that fails calls cx.panic...() and returns 0; the
// interpreter then unwinds as for panic(v). A native never throws C++
// exceptions and never calls runtime::fatal for a script's mistake
// (fatal is only for broken runtime invariants, HACKING.md).
//
// Blocking: no native blocks an OS thread on a goroutine's behalf without
// telling the scheduler. A native that must wait (time.Sleep,
// WaitGroup.Wait, Mutex.Lock) parks the goroutine through the scheduler
// (sched::gopark, inside sched's API) and calls parkGoroutine<itself>(cx):
// it then returns at once, and the interpreter suspends the goroutine after
// the call, to resume it just past the call once it is readied. Such a
// native has no results. runtime.Gosched calls yieldGoroutine<itself>(cx)
// the same way. A native that makes a blocking system call (os.ReadFile)
// holds a BlockingCall<itself> around it: in between it must not touch the
// collected heap, and afterwards cx.cache() may be another P's cache. These
// three are the only way to the context's scheduler hooks, and each checks
// at compile time that the table of natives (lang/syntax/universe.h) marks
// the native Parks, Yields or Syscall, so the table says truly which
// natives suspend their goroutine.
//
// Arity and argument types are checked by each native: a wrong count
// panics "not enough arguments in call to strings.Split" (or "too many"),
// a wrong type panics with Go's compile-time wording made dynamic:
// "cannot use int as string value in argument to strings.Split".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "alloc/mcache.h"
#include "lang/syntax/universe.h"
#include "runtime/value.h"

namespace goro::lang::lib {

// The most results any native returns (v, err).
inline constexpr uint32_t kMaxNativeResults = 2;

class NativeContext {
 public:
  virtual ~NativeContext() = default;

  // The allocation cache of the P running this goroutine.
  virtual alloc::MCache& cache() = 0;

  // Starts a panic with the value v (as panic(v)).
  virtual void panicValue(runtime::Value v) = 0;
  // Starts a panic whose value is the string msg (allocated here). Runtime
  // errors pass "runtime error: ..." so the message reads as Go's.
  virtual void panicString(std::string_view msg) = 0;
  virtual bool panicking() const = 0;

  // Standard output, buffered by the interpreter and flushed at exit, at a
  // fatal error and when the buffer fills (never lost, never interleaved
  // mid-line between goroutines).
  virtual void writeStdout(std::string_view text) = 0;

  // Standard error, for the print and println built-ins (Go writes them to
  // stderr). The default writes straight to descriptor 2; an interpreter
  // that buffers stdout should keep the two in order by overriding it to
  // flush stdout first when both go to the same terminal or file.
  virtual void writeStderr(std::string_view text);

  // os.Exit(code): flush standard output and end the process at once with
  // the status code, running no deferred calls (as Go). The default flushes
  // nothing it does not own and calls _exit; the interpreter overrides it to
  // flush its stdout buffer first. Does not return.
  [[noreturn]] virtual void exitProcess(int code);

  // os.Args: the arguments after the script name.
  virtual const std::vector<std::string>& scriptArgs() const = 0;

 protected:
  // Scheduler hooks (see "Blocking" above), reached by natives only through
  // the checked helpers below. The defaults suit a context with no
  // scheduler: nothing to suspend, no P to give up.
  // The native parked the goroutine: suspend it when the native returns.
  virtual void parkAfterReturn() {}
  // runtime.Gosched: put the goroutine back on a run queue after the call.
  virtual void yieldAfterReturn() {}
  // Around a blocking system call.
  virtual void enterBlockingCall() {}
  virtual void exitBlockingCall() {}

 private:
  template <auto kNative>
  friend void parkGoroutine(NativeContext& cx);
  template <auto kNative>
  friend void yieldGoroutine(NativeContext& cx);
  template <auto kNative>
  friend class BlockingCall;
};

// The native kNative (its Builtin, Member or Method) has parked its
// goroutine with the scheduler: the interpreter suspends it when the native
// returns.
template <auto kNative>
void parkGoroutine(NativeContext& cx) {
  static_assert(syntax::nativeEffect(kNative) == syntax::NativeEffect::Parks,
                "a native that parks its goroutine is marked Parks in lang/syntax/universe.h");
  cx.parkAfterReturn();
}

// The native kNative puts its goroutine back on a run queue when it returns.
template <auto kNative>
void yieldGoroutine(NativeContext& cx) {
  static_assert(syntax::nativeEffect(kNative) == syntax::NativeEffect::Yields,
                "a native that yields is marked Yields in lang/syntax/universe.h");
  cx.yieldAfterReturn();
}

// The native kNative is in a blocking system call while this lives: its P
// is free for other goroutines, and the collected heap is out of bounds.
template <auto kNative>
class BlockingCall {
 public:
  explicit BlockingCall(NativeContext& cx) : cx_(cx) {
    static_assert(syntax::nativeEffect(kNative) == syntax::NativeEffect::Syscall,
                  "a native that blocks in a system call is marked Syscall in lang/syntax/universe.h");
    cx_.enterBlockingCall();
  }
  ~BlockingCall() { cx_.exitBlockingCall(); }
  BlockingCall(const BlockingCall&) = delete;
  BlockingCall& operator=(const BlockingCall&) = delete;

 private:
  NativeContext& cx_;
};

// results has room for kMaxNativeResults values; returns how many were
// written (0 after a panic).
using NativeFn = uint32_t (*)(NativeContext& cx, const runtime::Value* args, uint32_t nargs,
                              runtime::Value* results);

}  // namespace goro::lang::lib
