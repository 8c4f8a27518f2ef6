// lang/interp_impl.h: the interpreter's internals, shared by interp.cpp
// (the dispatch loop), calls.cpp (calls, returns, stack growth), panic.cpp
// (defer, panic, recover) and arith.cpp (the slow paths of operators).
// Not a public header.
//
// Exec is the C++ side of one runGoroutine call: it owns no heap state
// (everything lives in the GState), so it can be dropped at any safe point
// and rebuilt later on another thread. It is also the NativeContext the
// natives see.
//
// Control after a slow path is a Flow: Run means "the top frame is where
// execution continues: reload it and dispatch", Stop means "runGoroutine
// returns result_", NativeDone (only from call() on a native) means the
// native finished and its results are in place.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "lang/interp.h"
#include "lang/native.h"
#include "lang/opcodes.h"
#include "runtime/objects.h"
#include "runtime/value.h"

namespace goro::lang::detail {

using runtime::Value;

// The tag of a register whose int lives in its side slot (opcodes.h).
inline constexpr uint64_t kWideBits = 0x7FFA000000000000ull;

// CallFrame::flags.
inline constexpr uint16_t kFrameEntry = 1;        // bottom frame: returning ends the run
inline constexpr uint16_t kFrameHasDefers = 2;    // it has pushed deferred calls
inline constexpr uint16_t kFrameDeferred = 4;     // a deferred call: results discarded
inline constexpr uint16_t kFramePanicDefer = 8;   // a deferred call run by a panic
inline constexpr uint16_t kFrameReturning = 16;   // running its defers while returning
inline constexpr uint16_t kFrameRecovered = 32;   // returning nils after a recover

// A panic record: three slots of GState::panics.
inline constexpr size_t kPanicValue = 0, kPanicFrame = 1, kPanicFlags = 2, kPanicSlots = 3;
inline constexpr int64_t kPanicRecovered = 1;

// GState::status: the goroutine has not started; stack[0](stack[1 ..
// stackTop)) is the call it starts with (Interp::prepareCall).
inline constexpr uint32_t kStatusFresh = 1;

// A defer record: a Vector [function, frame index, arguments...].
inline constexpr uint32_t kDeferFn = 0, kDeferFrame = 1, kDeferArgs = 2;

enum class Flow : uint8_t { Run, Stop, NativeDone };

enum class ArithOp : uint8_t { Add, Sub, Mul, Div, Mod, And, Or, Xor, AndNot, Shl, Shr };
enum class CmpOp : uint8_t { Eq, Lt, Le };

// The int held by a register or constant slot: small, wide or boxed.
inline bool intOperand(Value v, const Value* slot, ptrdiff_t wideOff, int64_t* out) {
  if (v.isSmallInt()) {
    *out = v.asSmallInt();
    return true;
  }
  if (v.bits() == kWideBits) {
    *out = *reinterpret_cast<const int64_t*>(reinterpret_cast<const char*>(slot) + wideOff);
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
// a == b / a < b / a <= b; Outcome::Int holds 0 or 1, or Error.
Outcome compareSlow(CmpOp op, Value a, const Value* aslot, Value b, const Value* bslot, ptrdiff_t wideOff);
// The spelling of an operator for messages: "+", "&^".
const char* arithOpName(ArithOp op);
// "int", "string" ... of a register value (a wide one is an int).
std::string_view operandType(Value v);

class Exec final : public NativeContext {
 public:
  Exec(Interp& in, runtime::GState* g, RunContext& rc);

  // interp.cpp: the dispatch loop.
  RunResult run();

  // NativeContext.
  alloc::MCache& cache() override { return *cache_; }
  void panicValue(Value v) override;
  void panicString(std::string_view msg) override;
  bool panicking() const override { return nativePanicked_; }
  void writeStdout(std::string_view text) override { in_.writeStdout(text); }
  const std::vector<std::string>& scriptArgs() const override { return in_.scriptArgs(); }
  // print/println: stdout is flushed first so the two streams stay in order.
  void writeStderr(std::string_view text) override;
  [[noreturn]] void exitProcess(int code) override;

  // calls.cpp
  Value* stack() const { return reinterpret_cast<Value*>(g_->stack->data); }
  runtime::CallFrame* frames() const { return reinterpret_cast<runtime::CallFrame*>(g_->frames->data); }
  runtime::CallFrame* topFrame() const { return frames() + g_->frameCount - 1; }
  // Bytes from a stack slot to its side slot (kept current by ensureStack).
  ptrdiff_t wideOffset() const { return wideOff_; }
  ptrdiff_t wideOff_ = 0;
  // Room for `slots` stack slots; false (result_ = StackOverflow) past the limit.
  bool ensureStack(size_t slots);
  // Calls stack[fnSlot] with nargs arguments after it: pushes a frame
  // (Run), or runs a native to completion (NativeDone), or panics.
  Flow call(size_t fnSlot, uint32_t nargs, int32_t wanted, uint16_t flags, int32_t deferOwner);
  // Pushes the frame of a closure call whose arguments are in place.
  Flow enterClosure(size_t fnSlot, uint32_t nargs, int32_t wanted, uint16_t flags, int32_t deferOwner);
  // Returns n values at stack[src ..] from the top frame, running its
  // deferred calls first.
  Flow doReturn(size_t src, uint32_t n);
  // Moves n results from stack[src] to stack[dst] as `wanted` asks (-1:
  // all, setting top_), or panics on a count mismatch.
  Flow deliverResults(size_t dst, size_t src, uint32_t n, int32_t wanted, runtime::Value callee, bool lenient);
  // Panics: n results where the caller wanted `wanted`.
  Flow resultMismatch(Value callee, uint32_t n, int32_t wanted);
  size_t top_ = 0;  // absolute slot: end of the values of the last multi-result call

  // panic.cpp
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
  // GETMETHOD: x.name (bound methods arrive with the scheduler's objects).
  Flow getMethod(size_t dst, Value x, Value name);

  // Indexing slow paths (interp_index.cpp).
  Flow getIndex(size_t dst, Value x, Value key, bool commaOk);
  Flow setIndex(Value x, Value key, Value v);
  Flow sliceOp(size_t dst, size_t src);
  Flow lenOp(size_t dst, Value x);
  Flow rangePrep(size_t a);
  // RANGENEXT: 1 when there is a next element (key and value stored), 0 at
  // the end, -1 after a panic (lastFlow_ says how to go on).
  int rangeNext(size_t a, unsigned keyReg, unsigned valueReg, size_t base);
  // SPREAD: the elements of the array at stack[slot] from slot on.
  Flow spread(size_t slot);
  // Operator slow paths (arith.cpp): compute, store into *dst (boxing, or
  // wide when `wide`), and return true; or panic (lastFlow_) and return false.
  bool arithStore(ArithOp op, bool wide, Value* dst, Value a, const Value* aslot, Value b, const Value* bslot);
  bool unaryStore(bool bitwise, bool wide, Value* dst, Value x, const Value* slot);
  // 0 or 1, or -1 after a panic (lastFlow_).
  int compareOrThrow(CmpOp op, Value a, const Value* aslot, Value b, const Value* bslot);
  // "invalid operation: operator OP not defined on TYPE".
  Flow operatorError(const char* op, Value v);
  // The FOR* slow path (cmp: 0 <, 1 <=, 2 >, 3 >=): 1 to loop again, 0 to
  // leave, -1 after a panic.
  int forStepSlow(size_t varSlot, unsigned c, unsigned cmp, const Value* limit);
  Flow lastFlow_ = Flow::Run;

  Interp& in_;
  runtime::GState* g_;
  RunContext& rc_;
  alloc::MCache* cache_;
  const std::atomic<uint32_t>* preempt_ = nullptr;  // never null while running
  RunResult result_ = RunResult::Returned;
  bool nativePanicked_ = false;
};

}  // namespace goro::lang::detail
