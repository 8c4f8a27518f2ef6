// lang/vm/interp.h: the Goro interpreter's public face: the program-wide state
// (Interp), goroutine states, and the one entry point that runs a goroutine.
//
// Stackless. A call from Goro code to Goro code pushes a CallFrame on the
// goroutine's heap state (runtime::GState) and never recurses on the C++
// stack, so a goroutine can be suspended at any safe point and resumed by
// another thread. A goroutine's whole state is its GState:
//
//   stack   Values. Frame i's registers are stack[base_i .. base_i +
//           frameSize_i); the function value it was called through is
//           stack[base_i - 1], where its results are copied when it returns.
//   wide    the int64 side slots of the stack's registers ("wide" ints,
//           lang/compiler/opcodes.h), wide[s] for stack[s]: a separate
//           buffer, made by the goroutine's first wide result and from then
//           on grown with the stack (at least as large); null until then.
//   frames  CallFrame records, frames[frameCount - 1] runs. A frame's pc is
//           written back (spilled) before anything that can allocate, block
//           or panic, so tracebacks and resumption see where it stands.
//   defers  pending deferred calls, newest last: each a Vector
//           [function, frame index, arguments...].
//   panics  active panics, newest last: [value, deferred-call frame, flags].
//
// Invariant (what makes the collector's scan of a stopped G precise):
// every slot below GState::stackTop holds a valid Value or the kWide tag,
// and stackTop only grows over slots that were just written (a new frame
// clears its registers beyond its arguments). A frame saves the stackTop
// it was entered with and restores it when it returns, so the caller's
// registers stay scanned while the callee runs. A register holding kWide
// has its int in the side slot (so the goroutine has a `wide` buffer).
//
// The stack limit (Interp::maxStackBytes) counts stack slots at 8 bytes and
// each frame at kFrameBytes, and is checked exactly: a call dies with
// StackOverflow at the first frame that would pass it (calls.cpp, reserve).
// The buffers grow by doubling, never past what the limit leaves them.
//
// Entry point: runGoroutine(interp, g, context) runs g from where it stands
// until it returns, panics beyond recovery, overflows its stack, or is asked
// to stop (the preempt flag, polled at every function entry and every loop
// back-edge), or must wait. The scheduler's runner calls exactly that
// (scheduler_runner.h); Blocked and Yielded come from channel operations,
// natives that park, and runtime.Gosched.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "alloc/mcache.h"
#include "lang/compiler/compiler.h"
#include "lang/syntax/universe.h"
#include "runtime/object_layouts.h"
#include "runtime/value.h"

namespace goro::lang::vm {

enum class RunResult : uint8_t {
  Returned,       // the goroutine's entry function returned
  Panicked,       // a panic no deferred call recovered: see reportPanic
  StackOverflow,  // the stack passed Interp::maxStackBytes: see reportStackOverflow
  Preempted,      // the preempt flag was seen at a safe point; resumable
  Blocked,        // (scheduler) parked on a channel or lock; resumable
  Yielded,        // (scheduler) runtime.Gosched; resumable
};

// What runGoroutine needs from whoever runs the goroutine (the scheduler's
// runner, or a unit test).
struct RunContext {
  alloc::MCache* cache = nullptr;                  // the running P's cache
  const std::atomic<uint32_t>* preempt = nullptr;  // non-zero: stop at the next safe point
};

// Program-wide interpreter state: globals, os.Args, every live goroutine
// state (the `globals` and `allgs` root classes) and buffered stdout.
class Interp {
 public:
  Interp();
  ~Interp();
  Interp(const Interp&) = delete;
  Interp& operator=(const Interp&) = delete;

  // Allocates the program's globals (all nil) and the closure of its chunk.
  // chunk must be rooted by the caller across this call.
  void load(alloc::MCache& cache, const compiler::Program& program, runtime::FuncProto* chunk);
  // Replaces the chunk closure by one of chunk (rooted by the caller), the
  // globals staying as they are: the next chunk of a session (the REPL).
  void setChunk(alloc::MCache& cache, runtime::FuncProto* chunk);
  runtime::Value chunkClosure() const { return chunk_; }
  // The value of `func main` once the chunk has run, or nil.
  runtime::Value mainFunction() const;
  runtime::Vector* globals() const { return globals_; }
  // The globals' names, by index, for the root report's slot names
  // (`globals: sink`); load sets them, a session sets them again with each
  // chunk (its list grows). Read by the root scanner with the world stopped.
  void setGlobalNames(std::vector<std::string> names) { globalNames_ = std::move(names); }
  // From here on the scheduler's Gs hold every goroutine state this
  // Interp made (lang/vm/scheduler_runner.cpp): root reports name them
  // there, and this Interp's own list of states only marks them.
  void setGoroutinesOnScheduler() { goroutinesOnScheduler_ = true; }

  // os.Args (built at load from these) and its C++ copy for natives.
  void setScriptArgs(std::vector<std::string> args) { scriptArgs_ = std::move(args); }
  const std::vector<std::string>& scriptArgs() const { return scriptArgs_; }
  runtime::Value osArgs() const { return osArgs_; }
  // The unbound NativeFunc of each method (lang/syntax/universe.h,
  // GORO_METHODS), made at load: SELF hands it out for `x.M(...)` with x as
  // its first argument, so a method call allocates nothing.
  runtime::Value methodFunc(syntax::Method m) const { return methodFuncs_->slots[static_cast<size_t>(m)]; }

  // The goroutine stack limit: frames' registers at 8 bytes each plus
  // kFrameBytes per frame (Go's 1 GB by default; --max-stack).
  static constexpr uint64_t kFrameBytes = 48;
  uint64_t maxStackBytes = 1000000000;

  // A new goroutine state that will call fn(args...) when first run; it is
  // registered in allgs (a root) until releaseGoroutine. fn and args must
  // be rooted by the caller across this call.
  runtime::GState* newGoroutine(alloc::MCache& cache, runtime::Value fn, const runtime::Value* args,
                                uint32_t nargs);
  void releaseGoroutine(runtime::GState* g);
  // The state of a goroutine started by a go statement, which will call
  // call[0](call[1 .. nargs]) when first run: `reuse` (the state a dead
  // goroutine kept) when it is small enough, else a new one. call must be
  // rooted (the caller's registers) and reuse reachable from a root (the
  // scheduler's G). Not registered in allgs: the scheduler's G holds it.
  runtime::GState* prepareGoroutine(alloc::MCache& cache, runtime::GState* reuse, const runtime::Value* call,
                                    uint32_t nargs);
  // A finished goroutine's state, kept for reuse: drops its references
  // (only stack slots below stackTop are scanned). False if the state is
  // too big to be worth keeping.
  static bool recycleGoroutine(runtime::GState* g);
  // Makes a finished (Returned) goroutine call fn(args...) next.
  void prepareCall(alloc::MCache& cache, runtime::GState* g, runtime::Value fn, const runtime::Value* args,
                   uint32_t nargs);

  // Buffered standard output: stdio's stdout, which the goro command gives a
  // large buffer before anything is written (so runtime::fatal's flush of
  // stdout covers it too).
  void writeStdout(std::string_view text);
  void flushStdout();

  // Prints `panic: v` (with the chain of nested panics, Go's printpanics)
  // and, unless withTraceback is false (GOTRACEBACK=none), the goroutine's
  // traceback to fd, flushing stdout first.
  void reportPanic(runtime::GState* g, int fd, bool withTraceback = true);
  // `fatal error: stack overflow` and the traceback.
  void reportStackOverflow(runtime::GState* g, int fd);
  // `goroutine N [running]:` and one function per frame, innermost first.
  void writeTraceback(runtime::GState* g, std::string& out, size_t maxFrames = 100);
  // Only the frames, innermost first (a goroutine dump writes the header).
  static void writeFrames(const runtime::GState* g, std::string& out, size_t maxFrames = 100);
  // Go's "created by main.main in goroutine 1" and the go statement's line.
  // function is the closure that ran the go statement, pc just past it.
  static void writeCreatedBy(std::string& out, const runtime::Object* function, uint32_t pc, uint64_t parentGoid);
  // Text appended to this goroutine's panic or stack-overflow report (the
  // "created by" lines), set by the scheduler's runner.
  using TracebackTrailer = std::string (*)(runtime::GState* g);
  TracebackTrailer tracebackTrailer = nullptr;

 private:
  // The scheduler's Gs hold the states of allgs_ too (set once, before
  // the scheduler starts; read with the world stopped): see scanGs.
  bool goroutinesOnScheduler_ = false;
  int globalsRootId_ = -1;
  int allgsRootId_ = -1;
  runtime::Value chunk_;
  runtime::Vector* globals_ = nullptr;
  runtime::Value osArgs_;
  // One vector of them all, indexed by syntax::Method (null before load):
  // one root slot (`globals: the methods`), so that a slot report does not
  // list the runtime's methods, which every program has, among what the
  // script's globals keep alive.
  runtime::Vector* methodFuncs_ = nullptr;
  int32_t mainGlobal_ = -1;
  std::vector<std::string> globalNames_;
  std::vector<std::string> scriptArgs_;
  std::vector<runtime::GState*> allgs_;
  uint64_t nextGoid_ = 1;
  friend struct InterpRoots;
};

// Runs g until it returns, panics, overflows or is preempted (see above).
RunResult runGoroutine(Interp& interp, runtime::GState* g, RunContext& context);

}  // namespace goro::lang::vm
