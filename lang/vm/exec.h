// lang/vm/exec.h: the interpreter's internals, shared by dispatch.cpp (the
// dispatch loop), calls.cpp (calls, returns, stack growth), panics.cpp
// (defer, panic, recover) and arith.cpp (the slow paths of operators).
// Not a public header.
//
// Exec is the C++ side of one runGoroutine call: it owns no heap state
// (everything lives in the GState), so it can be dropped at any safe point
// and rebuilt later on another thread. It is also the NativeContext the
// natives see.
//
// Slow paths. Every function the dispatch loop calls that may panic, call,
// return or suspend (the slow paths of instructions, calls, returns,
// panics) returns a Flow, and nothing else says how to go on:
//   Next        done, and the frame the loop holds is still the top one
//               with its stack where it was: go on in the same handler,
//               without reloading anything (a string concatenation, a send
//               that did not block, a comparison's answer);
//   Run         the top frame is where execution continues, but it may be
//               another frame or the stack may have moved (a call, a
//               return, a panic that ran deferred calls): reload, dispatch;
//   Stop        runGoroutine returns result_: the goroutine ended, died, or
//               is suspended (a parked channel instruction has stepped its
//               frame's pc back to itself: Exec::parked);
//   NativeDone  only from call() (and callOther) on a native: it finished,
//               results in place, the stack possibly moved: reload.
// A slow path that also computes an answer (a comparison, whether a loop
// goes on) writes it through a bool out-parameter, meaningful with Next
// only. A panic is the Flow of throwString/throwValue/startPanic (Run or
// Stop), returned as is. In dispatch.cpp, SLOW(expr) runs one and falls
// through on Next; FLOW(expr) runs one that ends the instruction.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lang/compiler/opcodes.h"
#include "lang/lib/native_context.h"
#include "lang/vm/imports.h"
#include "lang/vm/interp.h"
#include "runtime/object_layouts.h"
#include "runtime/value.h"

namespace goro::lang::vm::detail {

using runtime::Value;

// The tag of a register whose int lives in its side slot (compiler/opcodes.h).
inline constexpr uint64_t kWideBits = 0x7FFA000000000000ull;

// CallFrame::flags.
inline constexpr uint16_t kFrameEntry = 1;        // bottom frame: returning ends the run
inline constexpr uint16_t kFrameHasDefers = 2;    // it has pushed deferred calls
inline constexpr uint16_t kFrameDeferred = 4;     // a deferred call: results discarded
inline constexpr uint16_t kFramePanicDefer = 8;   // a deferred call run by a panic
inline constexpr uint16_t kFrameReturning = 16;   // running its defers while returning
inline constexpr uint16_t kFrameRecovered = 32;   // returning nils after a recover

// Sets the part namer that names a goroutine state's frames, locals and
// temporaries in root reports (gstate_slots.cpp); Interp's constructor
// calls it.
void registerGStateSlotNames();

// A panic record: three slots of GState::panics.
inline constexpr size_t kPanicValue = 0, kPanicFrame = 1, kPanicFlags = 2, kPanicSlots = 3;
inline constexpr int64_t kPanicRecovered = 1;

// GState::status: the goroutine has not started; stack[e](stack[e + 1 ..
// stackTop)), e = GState::entrySlot, is the call it starts with
// (Interp::prepareCall).
inline constexpr uint32_t kStatusFresh = 1;
// Suspended by the scheduler (lang/vm/concurrency.cpp). kStatusParked: a
// channel instruction (SEND, RECV, SELECT, RANGENEXT over a chan) parked
// with the frame's pc AT that instruction; when the goroutine runs again the
// instruction is completed from what the waker left (sched's ...Resume
// functions) and execution goes on after it. kStatusResumeReturn /
// kStatusResumePanic: a deferred native call parked while the top frame was
// running its deferred calls to return (kFrameReturning) or while a panic
// was running them: the return or the panic goes on. A native that parks
// from a plain CALL needs no flag: the frame's pc is already past the call.
inline constexpr uint32_t kStatusParked = 2;
inline constexpr uint32_t kStatusResumeReturn = 4;
inline constexpr uint32_t kStatusResumePanic = 8;

// Exec::nativeEvent_: what a native asked for, checked once after it returns.
inline constexpr uint8_t kNativePanicked = 1;
inline constexpr uint8_t kNativeParked = 2;
inline constexpr uint8_t kNativeYielded = 4;

// A defer record: a Vector [function, frame index, arguments...].
inline constexpr uint32_t kDeferFn = 0, kDeferFrame = 1, kDeferArgs = 2;

enum class Flow : uint8_t { Next, Run, Stop, NativeDone };

enum class ArithOp : uint8_t { Add, Sub, Mul, Div, Mod, And, Or, Xor, AndNot, Shl, Shr };
enum class CmpOp : uint8_t { Eq, Lt, Le };

// The int held by a register or constant slot: small, wide or boxed.
inline bool intOperand(Value v, const Value* slot, ptrdiff_t wideOff, int64_t* out) {
  if (v.isSmallInt()) {
    *out = v.asSmallInt();
    return true;
  }
  if (v.bits() == kWideBits) {
    *out = *reinterpret_cast<const int64_t*>(reinterpret_cast<uintptr_t>(slot) + static_cast<uintptr_t>(wideOff));
    return true;
  }
  if (v.isObject() && v.asObject()->kind == runtime::Kind::BoxedInt) {
    *out = static_cast<const runtime::BoxedInt*>(v.asObject())->value;
    return true;
  }
  return false;
}

// Int arithmetic with Go's semantics (64-bit wrap-around). Returns false
// with *error set for division by zero and negative shifts.
template <ArithOp op>
inline bool intArithT(int64_t a, int64_t b, int64_t* out, const char** error) {
  auto ua = static_cast<uint64_t>(a), ub = static_cast<uint64_t>(b);
  switch (op) {
    case ArithOp::Add: *out = static_cast<int64_t>(ua + ub); return true;
    case ArithOp::Sub: *out = static_cast<int64_t>(ua - ub); return true;
    case ArithOp::Mul: *out = static_cast<int64_t>(ua * ub); return true;
    case ArithOp::Div:
    case ArithOp::Mod:
      if (b == 0) {
        *error = "runtime error: integer divide by zero";
        return false;
      }
      if (b == -1) {
        *out = op == ArithOp::Div ? static_cast<int64_t>(0 - ua) : 0;
      } else {
        *out = op == ArithOp::Div ? a / b : a % b;
      }
      return true;
    case ArithOp::And: *out = a & b; return true;
    case ArithOp::Or: *out = a | b; return true;
    case ArithOp::Xor: *out = a ^ b; return true;
    case ArithOp::AndNot: *out = a & ~b; return true;
    case ArithOp::Shl:
    case ArithOp::Shr:
      if (b < 0) {
        *error = "runtime error: negative shift amount";
        return false;
      }
      if (op == ArithOp::Shl) {
        *out = b >= 64 ? 0 : static_cast<int64_t>(ua << b);
      } else {
        *out = a >> (b >= 64 ? 63 : b);
      }
      return true;
  }
  return false;
}
bool intArith(ArithOp op, int64_t a, int64_t b, int64_t* out, const char** error);

// The outcome of an operator's slow path.
struct Outcome {
  enum Kind : uint8_t { Int, Float, Val, Error } kind = Val;
  int64_t i = 0;
  double f = 0;
  Value v;
  std::string error;
};

// a op b for any operands (ints already extracted when both are ints:
// this handles floats, mixed numbers, string concatenation and errors).
// a and b are in registers (rooted); may allocate (string +).
Outcome arithSlow(alloc::MCache& cache, ArithOp op, Value a, const Value* aslot, Value b, const Value* bslot,
                  ptrdiff_t wideOff);
// -x, ^x.
Outcome unarySlow(Value x, const Value* slot, ptrdiff_t wideOff, bool bitwise);
// a == b / a < b / a <= b for any operands (ints wide or boxed, mixed
// numbers, strings; == on anything); nullopt where the operator is not
// defined, and compareError says why.
std::optional<bool> compareSlow(CmpOp op, Value a, const Value* aslot, Value b, const Value* bslot, ptrdiff_t wideOff);
std::string compareError(CmpOp op, Value a, Value b);
// The spelling of an operator for messages: "+", "&^".
const char* arithOpName(ArithOp op);
// "int", "string" ... of a register value (a wide one is an int).
std::string_view operandType(Value v);

class Exec final : public NativeContext {
 public:
  Exec(Interp& in, runtime::GState* g, RunContext& rc);

  // dispatch.cpp: the dispatch loop.
  RunResult run();

  // NativeContext.
  alloc::MCache& cache() override { return *cache_; }
  void panicValue(Value v) override;
  void panicString(std::string_view msg) override;
  bool panicking() const override { return (nativeEvent_ & kNativePanicked) != 0; }
  void parkAfterReturn() override { nativeEvent_ |= kNativeParked; }
  void yieldAfterReturn() override { nativeEvent_ |= kNativeYielded; }
  void enterBlockingCall() override;
  void exitBlockingCall() override;
  void writeStdout(std::string_view text) override { in_.writeStdout(text); }
  const std::vector<std::string>& scriptArgs() const override { return in_.scriptArgs(); }
  // print/println: stdout is flushed first so the two streams stay in order.
  void writeStderr(std::string_view text) override;
  [[noreturn]] void exitProcess(int code) override;

  // calls.cpp
  Value* stack() const { return reinterpret_cast<Value*>(g_->stack->data); }
  runtime::CallFrame* frames() const { return reinterpret_cast<runtime::CallFrame*>(g_->frames->data); }
  runtime::CallFrame* topFrame() const { return frames() + g_->frameCount - 1; }
  // Bytes from a stack slot to its side slot (GState::wide), or 0 while the
  // goroutine has no side slots: a wide result calls makeWide() first.
  // Kept current by reserve() and makeWide().
  ptrdiff_t wideOffset() const { return wideOff_; }
  ptrdiff_t wideOff_ = 0;
  // Gives the goroutine its side slots (allocates: may collect).
  void makeWide();
  // The side slot of a stack slot (the goroutine has side slots).
  int64_t* wideSlot(const Value* slot) const {
    return reinterpret_cast<int64_t*>(reinterpret_cast<uintptr_t>(slot) + static_cast<uintptr_t>(wideOff_));
  }
  // The stack limit (Interp::maxStackBytes), checked where it costs least.
  // The fast paths (CALL, natives) only compare against these two: slots
  // and frames they may use without asking reserve(). Invariants: each is
  // at most the buffer's capacity, and stackLimit_ * 8 + frameLimit_ *
  // kFrameBytes <= maxStackBytes, so anything that would pass the limit
  // reaches reserve(), which checks it exactly and shares out what is left.
  size_t stackLimit_ = 0;
  size_t frameLimit_ = 0;
  // The same two limits as the addresses CALL's fast path compares with:
  // stack() + stackLimit_ and frames() + frameLimit_ (set with them).
  const Value* stackEnd_ = nullptr;
  const runtime::CallFrame* frameEnd_ = nullptr;
  // Room for stack slots [0, slots) and `frames` frames, growing the
  // buffers; false (result_ = StackOverflow) when that passes the limit.
  bool reserve(size_t slots, size_t frames);
  bool ensureStack(size_t slots) { return reserve(slots, g_->frameCount); }
  // Recomputes stackLimit_ and frameLimit_ for a goroutine that uses
  // `slots` slots and `frames` frames (and wideOff_ for its buffers).
  void setLimits(size_t slots, size_t frames);
  // Calls stack[fnSlot] with nargs arguments after it: pushes a frame
  // (Run), or runs a native to completion (NativeDone), or panics.
  Flow call(size_t fnSlot, uint32_t nargs, int32_t wanted, uint16_t flags, int32_t deferOwner);
  // A CALL or CALLG (instruction word `instr`, callee fn) that its closure
  // fast path did not take: a native (results in place: Next when the
  // stack stayed where it was, NativeDone when it may have moved), a variadic
  // or mismatched closure, stack growth, a bound method, an error. frame
  // is the top frame, its pc saved, and base its registers. Kept out of
  // the dispatch loop, so that the closure fast path's registers are not
  // spent on this path's operands (lang/vm/dispatch.cpp, CALL).
  Flow callOther(Value fn, uint32_t instr, const runtime::CallFrame* frame, Value* base);
  // Runs a native whose arguments are in place and whose results go to
  // stack slots [res, res + kMaxNativeResults), which the caller has
  // checked there is room for: nils them, covers them with stackTop for
  // the call, and returns the native's result count (nativeEvent_ says
  // whether it panicked, parked or yielded).
  uint32_t invokeNative(const runtime::NativeFunc* nf, const Value* args, uint32_t n, size_t res);
  // Pushes the frame of a closure call whose arguments are in place.
  Flow enterClosure(size_t fnSlot, uint32_t nargs, int32_t wanted, uint16_t flags, int32_t deferOwner);
  // Returns n values at stack[src ..] from the top frame, running its
  // deferred calls first.
  Flow doReturn(size_t src, uint32_t n);
  // Panics: n results where the caller wanted `wanted`.
  Flow resultMismatch(Value callee, uint32_t n, int32_t wanted);
  size_t top_ = 0;  // absolute slot: end of the values of the last multi-result call

  // panics.cpp
  Flow throwString(std::string_view msg);
  Flow throwValue(Value v);
  // Starts the panic whose value is in g->pending.
  Flow startPanic();
  Flow continuePanic();
  Flow afterPanicDefer(size_t frameIndex, int32_t owner);
  // DEFER: records fn(args) at stack[fnSlot ..] for the top frame.
  Flow pushDefer(size_t fnSlot, uint32_t nargs);
  // Runs the defer record `rec` above everything on the stack.
  Flow runDeferred(Value rec, int32_t owner, bool forPanic);
  Value recover();
  // x.name, a method of a built-in object x bound to it (lib::syncMethod):
  // GETFIELD's slow path for what is not a record.
  Flow getMethod(size_t dst, Value x, Value name);

  // Records (records.cpp): the slow paths of GETFIELD and SETFIELD, which
  // refill the instruction's cache word; NEWRECORD, NEWTYPE, SETMETHOD,
  // ADDR; and SELF's.
  Flow getField(size_t dst, Value x, Value name, uint32_t* cache);
  Flow setField(Value x, Value name, Value v, uint32_t* cache);
  Flow newRecord(size_t slot, uint32_t count, bool addressed);
  Flow newRecordType(size_t dst, Value descriptor);
  void setMethod(Value type, Value fn, uint32_t index);
  Flow addressOf(size_t dst, Value x);
  // SELF's slow path: R[dst] = the method `name` of the record x (and the
  // cache word refilled), or the panic for a missing method (of any x).
  Flow recordMethod(size_t dst, Value x, Value name, uint32_t* cache);

  // Indexing slow paths (indexing.cpp).
  Flow getIndex(size_t dst, Value x, Value key, bool commaOk);
  Flow setIndex(Value x, Value key, Value v);
  Flow sliceOp(size_t dst, size_t src);
  Flow lenOp(size_t dst, Value x);
  Flow rangePrep(size_t a);
  // RANGENEXT: *more when there is a next element (key and value stored);
  // over a chan it may park (Stop).
  Flow rangeNext(size_t a, unsigned keyReg, unsigned valueReg, size_t base, bool* more);
  // SPREAD: the elements of the array at stack[slot] from slot on.
  Flow spread(size_t slot);
  // Operator slow paths (arith.cpp): compute and store into *dst (boxing,
  // or wide when `wide`), or panic.
  Flow arithStore(ArithOp op, bool wide, Value* dst, Value a, const Value* aslot, Value b, const Value* bslot);
  Flow unaryStore(bool bitwise, bool wide, Value* dst, Value x, const Value* slot);
  // Their common tail: stores an Int, Float or Val outcome, or panics.
  Flow storeOutcome(const Outcome& o, bool wide, Value* dst);
  // *result = *aslot op *bslot (registers or constants), or a panic.
  Flow compareOrThrow(CmpOp op, const Value* aslot, const Value* bslot, bool* result);
  // "invalid operation: operator OP not defined on TYPE".
  Flow operatorError(const char* op, Value v);
  // The FOR* slow path (cmp: 0 <, 1 <=, 2 >, 3 >=): steps the variable;
  // *more to loop again.
  Flow forStepSlow(size_t varSlot, unsigned c, unsigned cmp, size_t limitSlot, bool* more);

  Interp& in_;
  runtime::GState* g_;
  RunContext& rc_;
  alloc::MCache* cache_;
  const std::atomic<uint32_t>* preempt_ = nullptr;  // never null while running
  RunResult result_ = RunResult::Returned;
  uint8_t nativeEvent_ = 0;  // kNative* bits

  // Goroutines and channels (concurrency.cpp).
  // After a native returned with nativeEvent_ set: a panic starts (its
  // flow), or, for a park or a yield, result_ is set and Stop returned.
  Flow afterNativeEvent();
  // GO: starts fn(args) at stack[fnSlot ..] in a new goroutine.
  Flow goStatement(size_t fnSlot, uint32_t nargs);
  // SEND, RECV, SELECT, RANGENEXT over a chan: Next when done (for a
  // range, *more unless the channel is closed and drained), Stop when
  // parked (parked()), or a panic.
  Flow sendOp(Value ch, Value v);
  Flow recvOp(Value* dst, Value ch, bool commaOk);
  Flow selectOp(size_t a, const runtime::String* kinds);
  Flow rangeChanNext(Value ch, Value* dst, bool* more);
  // A channel instruction parked: sets kStatusParked and result_ =
  // Blocked, steps the top frame's pc back from just past the instruction
  // word (where the loop saved it) to the instruction itself, and returns
  // Stop.
  Flow parked();
  // At the start of run(): completes whatever the goroutine was suspended
  // in (the status flags above). Run, or Stop to return result_.
  Flow resumeSuspended();
};

}  // namespace goro::lang::vm::detail
