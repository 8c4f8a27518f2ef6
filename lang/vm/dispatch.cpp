// lang/vm/dispatch.cpp: the dispatch loop (the design is in interp.h, the
// instruction set in lang/compiler/opcodes.h).
//
// The running frame lives in locals (frame, pc, base, k) as in Lua's
// luaV_execute, and nothing else does: CallFrame::pc is a pointer, so no
// code-base register is needed, and the cache and preempt flag are reached
// through `this`; with fewer live locals GCC keeps these four in registers
// across the computed gotos. SAVEPC() spills pc into the frame before anything
// that can allocate, block or panic (Lua's Protect, Wren's STORE_FRAME);
// FLOW(x) spills, runs a slow path and reloads the top frame, which the
// slow path may have changed (a call, a return, a panic running deferred
// calls). Allocation never moves the stack (the collector does not move
// objects); only calls grow it, and they reload `base`.
//
// Dispatch is by computed goto over a table built from GORO_OPCODES, or by
// a switch when GORO_SWITCH_DISPATCH is defined (both are built and tested).
// Fast paths: small-int and float arithmetic and comparisons, array
// indexing, Goro-to-Goro calls and returns; they never allocate except to
// box an int result that leaves the 50-bit range (wide forms: no boxing).
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstring>

#include "gc/constructors.h"
#include "lang/lib/native_table.h"
#include "lang/value/array_ops.h"
#include "lang/value/map_ops.h"
#include "lang/value/race_safe_access.h"
#include "lang/value/record_ops.h"
#include "lang/vm/exec.h"
#include "lang/vm/step_budget.h"

namespace goro::lang::vm {

RunResult runGoroutine(Interp& interp, runtime::GState* g, RunContext& context) {
  detail::Exec ex(interp, g, context);
  return ex.run();
}

namespace detail {

using runtime::Array;
using runtime::CallFrame;
using runtime::Cell;
using runtime::Closure;
using runtime::FuncProto;
using runtime::Kind;
using runtime::Map;
using runtime::Record;
using runtime::String;

namespace {
const std::atomic<uint32_t> kNeverPreempt{0};

inline bool isKind(Value v, Kind k) { return v.isObject() && v.asObject()->kind == k; }
inline int64_t shifted(Value v) { return static_cast<int64_t>(v.bits() << Value::kIntShift); }
// The inverse: the small int whose shifted() is s (s's low kIntShift bits
// are zero, as the sum, difference or product of shifted ints has them).
inline Value unshifted(int64_t s) { return Value::fromBits((static_cast<uint64_t>(s) >> Value::kIntShift) | Value::kIntTag); }
inline Value fromDouble(double d) { return Value::fromBits(std::bit_cast<uint64_t>(d)); }
// The comparison fast path: *res = x op y for two small ints (compared
// shifted, so no decoding) or two floats; false for anything else.
inline bool compareFast(CmpOp op, Value x, Value y, bool* res) {
  if (Value::bothSmallInts(x, y)) {
    *res = op == CmpOp::Eq ? x.bits() == y.bits() : op == CmpOp::Lt ? shifted(x) < shifted(y) : shifted(x) <= shifted(y);
    return true;
  }
  if (x.isFloat() && y.isFloat()) {
    double a = x.asFloat(), b = y.asFloat();
    *res = op == CmpOp::Eq ? a == b : op == CmpOp::Lt ? a < b : a <= b;
    return true;
  }
  return false;
}
// The indexing fast path: the slot of x[key] when x is an array and key a
// small int in range, else null (the instruction's slow path decides). The
// key is not decoded: a non-negative small int n is kIntTag + n, and any
// other key (a negative int, a float, nil, an object) comes out of
// `key - kIntTag` at 2^49 or more, past the end of any array, so the bounds
// check is also the type check.
static_assert(uint64_t{UINT32_MAX} < (uint64_t{1} << 49), "a Vector's count is below any non-index key");
// A frame's wanted, flags and padding as one word (runtime/object_layouts.h,
// CallFrame): kReturnWordOneNoFlags when the caller wants one result and
// the frame has no flags, which is RETURN1's fast case, in one compare.
static_assert(offsetof(CallFrame, flags) == offsetof(CallFrame, wanted) + 4 &&
                  offsetof(CallFrame, padding) == offsetof(CallFrame, flags) + 2,
              "wanted, flags and padding make one word");
static_assert(std::endian::native == std::endian::little, "the word's low half is wanted");
inline constexpr uint64_t kReturnWordOneNoFlags = 1;
inline uint64_t returnWord(const CallFrame* f) {
  uint64_t w;
  std::memcpy(&w, reinterpret_cast<const char*>(f) + offsetof(CallFrame, wanted), sizeof w);
  return w;
}
// sC (opcodes.h, argSC) as shifted() shifts a small int, sC << 14: the
// word sign-extended and moved down 10 bits puts C's byte on bits 14-21;
// the bits below it (what was left of A and B) are masked off.
constexpr int64_t shiftedImmediateC(uint64_t word) {
  return (static_cast<int64_t>(static_cast<int32_t>(static_cast<uint32_t>(word))) >> (24 - Value::kIntShift)) &
         ~((int64_t{1} << Value::kIntShift) - 1);
}
static_assert(shiftedImmediateC(compiler::makeABC(compiler::Op::ADDI, 255, 255, 0x80)) == -128 * (int64_t{1} << 14) &&
                  shiftedImmediateC(compiler::makeABC(compiler::Op::ADDI, 255, 255, 127)) == 127 * (int64_t{1} << 14) &&
                  shiftedImmediateC(compiler::makeABC(compiler::Op::ADDI, 7, 9, 0xFF)) == -(int64_t{1} << 14),
              "sC, shifted");
inline Value* fastArraySlot(Value x, Value key) {
  if (!isKind(x, Kind::Array)) return nullptr;
  return arraySlot(static_cast<Array*>(x.asObject()), key.bits() - Value::kIntTag);
}
}  // namespace

Exec::Exec(Interp& in, runtime::GState* g, RunContext& rc) : in_(in), g_(g), rc_(rc), cache_(rc.cache) {
  setLimits(g->stackTop, g->frameCount);
}

// New closures (CLOSURE, Interp::load). p must be reachable from a root.
Closure* newClosure(alloc::MCache& cache, FuncProto* p);

RunResult Exec::run() {
  if ((g_->status & (kStatusParked | kStatusResumeReturn | kStatusResumePanic)) != 0) [[unlikely]] {
    if (resumeSuspended() == Flow::Stop) return result_;
  }
  if ((g_->status & kStatusFresh) != 0) {
    g_->status &= ~kStatusFresh;
    Flow f = call(g_->entrySlot, static_cast<uint32_t>(g_->stackTop - g_->entrySlot - 1), 0, kFrameEntry, -1);
    if (f == Flow::Stop) return result_;
    if (f == Flow::NativeDone) return RunResult::Returned;
    // The goroutine's function entry is a safe point like any other: a G
    // that inherits a time slice whose end was asked for stops here, before
    // it can hand the P on to a G of its own (sched/proc.h, fairness).
#ifdef GORO_STEP_BUDGET
    // And a step: a chain of goroutines each starting the next, with no
    // loop or call of their own, takes no other.
    if (takeStep()) [[unlikely]] stepBudgetExhausted(in_);
#endif
    if (rc_.preempt != nullptr && rc_.preempt->load(std::memory_order_relaxed) != 0) return RunResult::Preempted;
  }
  if (g_->frameCount == 0) return RunResult::Returned;

  // Few locals, so that the compiler keeps pc and base in registers (GCC
  // still spills k and gl, which costs a load where they are used): the
  // allocation cache and the preempt flag are reached through `this`.
  preempt_ = rc_.preempt != nullptr ? rc_.preempt : &kNeverPreempt;
  Value* const gl = in_.globals()->slots;
  CallFrame* frame;
  const Instr* pc;
  const Value* k;
  Value* base;
  // The instruction word, zero-extended: operands decoded from a 64-bit
  // word index registers without a separate zero-extension.
  uint64_t i;
  // The callee of CALL and CALLG, on its way to their shared code (read
  // back from R[A], CALLG's callee waited on the store just made there).
  Value fn;

#define LOADFRAME()                                                  \
  do {                                                               \
    frame = topFrame();                                              \
    pc = frame->pc;                                                  \
    k = frame->closure->proto->constSlots;                           \
    base = stack() + frame->base;                                    \
  } while (0)
// The fast returns: the caller's frame is the one below, its registers at
// a known distance below ours.
#define LOADCALLER()                                                 \
  do {                                                               \
    CallFrame* caller_ = frame - 1;                                  \
    base -= frame->base - caller_->base;                             \
    frame = caller_;                                                 \
    pc = frame->pc;                                                  \
    k = frame->closure->proto->constSlots;                           \
  } while (0)
#define SAVEPC() (frame->pc = pc)
// Slow paths (the Flow convention is at the top of exec.h).
// SLOW(expr) runs one and, on Next, falls through to the rest of the
// handler with the frame locals as they were; Run reloads the top frame and
// dispatches; Stop returns. FLOW(expr) runs one that ends the instruction
// and reloads the frame on Next as on Run: telling the two apart at each of
// its many sites costs GCC the register that holds the label table (one
// more load per dispatched instruction), and a reload costs little on a
// slow path. Sites whose common outcome is Next with nothing to reload (a
// string +, a send) use SLOW then NEXT.
#define SLOW(expr)                                  \
  do {                                              \
    SAVEPC();                                       \
    Flow f_ = (expr);                               \
    if (f_ != Flow::Next) [[unlikely]] {            \
      if (f_ == Flow::Stop) return result_;         \
      LOADFRAME();                                  \
      NEXT();                                       \
    }                                               \
  } while (0)
#define FLOW(expr)                            \
  do {                                        \
    SAVEPC();                                 \
    if ((expr) == Flow::Stop) return result_; \
    LOADFRAME();                              \
    NEXT();                                   \
  } while (0)
#define THROW(msg) FLOW(throwString(msg))
#define R(n) base[n]
#define WIDE(n) (*wideSlot(&base[n]))
// Leaves the int v in R(dst)'s side slot; the goroutine's first wide result
// makes its side slots (GState::wide).
#define STORE_WIDE(dst, v)        \
  do {                            \
    if (wideOff_ == 0) [[unlikely]] { \
      SAVEPC();                   \
      makeWide();                 \
    }                             \
    R(dst) = Value::fromBits(kWideBits); \
    WIDE(dst) = (v);              \
  } while (0)
#define OPA() ((i >> 8) & 0xFF)
#define OPB() ((i >> 16) & 0xFF)
#define OPC() (i >> 24)
// A count in B (CALL, RETURN, DEFER, GO): B - 1, or with B = 0 every value
// from slot `first` up to top (lang/compiler/opcodes.h).
#define COUNT_B(first) (OPB() != 0 ? OPB() - 1 : static_cast<uint32_t>(top_ - (first)))
#define JUMPWORD() (static_cast<int32_t>(*pc))
// A poll point: a loop's back-edge or a function entry. In a fuzz build it
// is also a step of the step budget (step_budget.h).
#ifdef GORO_STEP_BUDGET
#define TAKE_STEP()                                \
  do {                                             \
    if (takeStep()) [[unlikely]] {                 \
      SAVEPC();                                    \
      stepBudgetExhausted(in_);                    \
    }                                              \
  } while (0)
#else
#define TAKE_STEP() \
  do {              \
  } while (0)
#endif
#define POLL()                                                        \
  do {                                                                \
    TAKE_STEP();                                                      \
    if (preempt_->load(std::memory_order_relaxed) != 0) [[unlikely]] { \
      SAVEPC();                                                       \
      return RunResult::Preempted;                                    \
    }                                                                 \
  } while (0)
// Takes the jump word when cond holds, polling on a backward jump.
#define CONDJUMP(cond)                  \
  do {                                  \
    if (cond) {                         \
      int32_t off_ = JUMPWORD();        \
      pc += static_cast<ptrdiff_t>(off_) + 1; \
      if (off_ < 0) POLL();             \
    } else {                            \
      pc++;                             \
    }                                   \
    NEXT();                             \
  } while (0)
#define STORE_INT(dst, expr, wide)                           \
  do {                                                       \
    int64_t r__ = (expr);                                    \
    if (Value::fitsSmallInt(r__)) {                          \
      R(dst) = Value::smallInt(r__);                         \
    } else if (wide) {                                       \
      STORE_WIDE(dst, r__);                                  \
    } else {                                                 \
      SAVEPC();                                              \
      Value boxed__ = gc::makeInt(*cache_, r__);               \
      R(dst) = boxed__;                                      \
    }                                                        \
  } while (0)

#ifdef GORO_SWITCH_DISPATCH
#define VMCASE(op) case Op::op:
#define NEXT() goto vm_next
#define DISPATCH_BEGIN \
  vm_next:             \
  i = *pc++;           \
  switch (opOf(i)) {
#define DISPATCH_END                \
  default: __builtin_unreachable(); \
  }
#else
#define GORO_OP_LABEL(name, fmt, operands, jump, effect) &&L_##name,
  static const void* const kLabels[] = {GORO_OPCODES(GORO_OP_LABEL)};
#undef GORO_OP_LABEL
  static_assert(sizeof(kLabels) / sizeof(kLabels[0]) == kOpCount, "one handler per opcode");
#define VMCASE(op) L_##op:
  // The table's address in a register: left to itself GCC rebuilds it
  // (a RIP-relative lea) in every handler's dispatch; the empty asm hides
  // that it is a constant, so it stays in one register (a caller-saved
  // one, reloaded only around the slow paths' calls): one instruction
  // fewer per dispatched instruction.
  const void* const* labels = kLabels;
  asm("" : "+r"(labels));
#define NEXT()                   \
  do {                           \
    i = *pc++;                   \
    goto* labels[i & 0xFF];      \
  } while (0)
#define DISPATCH_BEGIN NEXT();
#define DISPATCH_END
#endif

  LOADFRAME();
  DISPATCH_BEGIN

  VMCASE(NOP) NEXT();
  VMCASE(MOVE) R(OPA()) = R(OPB()); NEXT();
  VMCASE(LOADK) R(OPA()) = k[argBx(i)]; NEXT();
  VMCASE(LOADI) R(OPA()) = Value::smallInt(argSBx(i)); NEXT();
  VMCASE(LOADNIL) {
    for (unsigned n = 0; n <= OPB(); n++) R(OPA() + n) = Value::nil();
    NEXT();
  }
  VMCASE(LOADBOOL) R(OPA()) = Value::boolean(OPB() != 0); NEXT();
  // Globals and captured variables may be shared by goroutines running at
  // once: whole-word atomic loads and stores (plain moves on x86-64), so a
  // racing reader sees one of the values written (docs/language.md,
  // "Errors"; lang/value/race_safe_access.h).
  VMCASE(GETGLOBAL) R(OPA()) = loadValue(gl[argBx(i)]); NEXT();
  VMCASE(SETGLOBAL) storeValue(gl[argBx(i)], R(OPA())); NEXT();
  VMCASE(GETUPVAL) R(OPA()) = loadValue(frame->closure->cells[OPB()]->value); NEXT();
  VMCASE(SETUPVAL) storeValue(frame->closure->cells[OPB()]->value, R(OPA())); NEXT();
  VMCASE(GETCELL) R(OPA()) = loadValue(static_cast<Cell*>(R(OPB()).asObject())->value); NEXT();
  VMCASE(SETCELL) storeValue(static_cast<Cell*>(R(OPA()).asObject())->value, R(OPB())); NEXT();
  VMCASE(NEWCELL) {
    SAVEPC();
    Cell* c = gc::newCell(*cache_, R(OPB()));
    R(OPA()) = Value::object(c);
    NEXT();
  }
  VMCASE(FRESHCELL) {
    SAVEPC();
    Cell* c = gc::newCell(*cache_, static_cast<Cell*>(R(OPA()).asObject())->value);
    R(OPA()) = Value::object(c);
    NEXT();
  }
  VMCASE(OSARGS) R(OPA()) = in_.osArgs(); NEXT();

  // ---- arithmetic. Each form tries its small-int fast path, then the shared
  // generic path (wide and boxed ints, floats, strings, errors).
// The three overflow-checked forms share one shape: operate on the shifted
// (sign-in-top-bits) small ints, so the builtin's overflow flag is exactly
// "left the 50-bit range"; MUL shifts only one operand.
#define FAST_CHECKED(builtin, rhs)                                                 \
  {                                                                                \
    int64_t r_;                                                                    \
    if (!builtin(shifted(vb), rhs, &r_)) {                                         \
      R(OPA()) = unshifted(r_);                                                     \
      NEXT();                                                                      \
    }                                                                              \
  }
#define FAST_ADD FAST_CHECKED(__builtin_add_overflow, shifted(vc))
#define FAST_SUB FAST_CHECKED(__builtin_sub_overflow, shifted(vc))
#define FAST_MUL FAST_CHECKED(__builtin_mul_overflow, vc.asSmallInt())
#define FAST_DIV                                                       \
  {                                                                    \
    int64_t d_ = vc.asSmallInt();                                      \
    if (d_ != 0 && d_ != -1) {                                         \
      R(OPA()) = Value::smallInt(vb.asSmallInt() / d_);                \
      NEXT();                                                          \
    }                                                                  \
  }
#define FAST_MOD                                                       \
  {                                                                    \
    int64_t d_ = vc.asSmallInt();                                      \
    if (d_ != 0) {                                                     \
      R(OPA()) = Value::smallInt(vb.asSmallInt() % d_);                \
      NEXT();                                                          \
    }                                                                  \
  }
#define FAST_BAND { R(OPA()) = Value::fromBits(vb.bits() & vc.bits()); NEXT(); }
#define FAST_BOR { R(OPA()) = Value::fromBits(vb.bits() | vc.bits()); NEXT(); }
#define FAST_BXOR { R(OPA()) = Value::fromBits((vb.bits() ^ vc.bits()) | Value::kIntTag); NEXT(); }
#define FAST_BANDNOT \
  { R(OPA()) = Value::fromBits((vb.bits() & ~vc.bits() & Value::kIntMask) | Value::kIntTag); NEXT(); }
#define FAST_SHL                                                               \
  {                                                                            \
    int64_t s_ = vc.asSmallInt();                                              \
    if (s_ >= 0 && s_ < 50) {                                                  \
      int64_t a_ = vb.asSmallInt();                                            \
      int64_t r_ = static_cast<int64_t>(static_cast<uint64_t>(a_) << s_);      \
      if ((r_ >> s_) == a_ && Value::fitsSmallInt(r_)) {                       \
        R(OPA()) = Value::smallInt(r_);                                        \
        NEXT();                                                                \
      }                                                                        \
    }                                                                          \
  }
#define FAST_SHR                                                          \
  {                                                                       \
    int64_t s_ = vc.asSmallInt();                                         \
    if (s_ >= 0) {                                                        \
      R(OPA()) = Value::smallInt(vb.asSmallInt() >> (s_ > 63 ? 63 : s_)); \
      NEXT();                                                             \
    }                                                                     \
  }
#define FLOAT_OP(op)                                                  \
  if (vb.isFloat() && vc.isFloat()) {                                 \
    R(OPA()) = fromDouble(vb.asFloat() op vc.asFloat());              \
    NEXT();                                                           \
  }
#define NO_FLOAT_OP
// The int path for wide and boxed operands and small results that left the
// small range (the op is a template argument, so each handler's is inline),
// then the out-of-line slow path.
#define ARITH_TAIL(AOP, W_, CSLOT)                                             \
  {                                                                              \
    int64_t x_, y_, r_;                                                          \
    const char* err_ = nullptr;                                                  \
    const Value* cs_ = (CSLOT);                                                  \
    if (vb.bits() == kWideBits && vc.isSmallInt()) {                             \
      /* the common case of a wide left operand: x*x % 7 */                      \
      if (!intArithT<ArithOp::AOP>(WIDE(OPB()), vc.asSmallInt(), &r_, &err_)) THROW(err_); \
      STORE_INT(OPA(), r_, W_);                                                \
      NEXT();                                                                    \
    }                                                                            \
    if (intOperand(vb, &R(OPB()), wideOffset(), &x_) && intOperand(vc, cs_, wideOffset(), &y_)) { \
      if (!intArithT<ArithOp::AOP>(x_, y_, &r_, &err_)) THROW(err_);             \
      STORE_INT(OPA(), r_, W_);                                                \
      NEXT();                                                                    \
    }                                                                            \
    SLOW(arithStore(ArithOp::AOP, W_, &R(OPA()), vb, &R(OPB()), vc, cs_));      \
    NEXT();                                                                      \
  }
// W forms of + - *: + and - as FAST_CHECKED, and a result that leaves the
// small range is exact in 64 bits and goes wide. For *, the 64-bit product
// (wrapping, as Go's) is at hand without an overflow check: small or wide.
#define FASTW_CHECKED(builtin, op)                                                 \
  {                                                                                \
    int64_t r_;                                                                    \
    if (!builtin(shifted(vb), shifted(vc), &r_)) {                                 \
      R(OPA()) = unshifted(r_);                                                     \
      NEXT();                                                                      \
    }                                                                              \
    STORE_WIDE(OPA(), vb.asSmallInt() op vc.asSmallInt());                         \
    NEXT();                                                                        \
  }
#define FAST_ADDW FASTW_CHECKED(__builtin_add_overflow, +)
#define FAST_SUBW FASTW_CHECKED(__builtin_sub_overflow, -)
#define FAST_MULW                                                                  \
  {                                                                                \
    int64_t r_ = static_cast<int64_t>(static_cast<uint64_t>(vb.asSmallInt()) *    \
                                      static_cast<uint64_t>(vc.asSmallInt()));     \
    if (Value::fitsSmallInt(r_)) {                                                 \
      R(OPA()) = Value::smallInt(r_);                                              \
    } else {                                                                       \
      STORE_WIDE(OPA(), r_);                                                       \
    }                                                                              \
    NEXT();                                                                        \
  }
#define FAST_DIVW FAST_DIV
#define FAST_MODW FAST_MOD
#define FAST_BANDW FAST_BAND
#define FAST_BORW FAST_BOR
#define FAST_BXORW FAST_BXOR
#define FAST_BANDNOTW FAST_BANDNOT
#define FAST_SHLW FAST_SHL
#define FAST_SHRW FAST_SHR
#define ARITH(NAME, AOP, FAST, FLOATS)                                            \
  VMCASE(NAME) {                                                                  \
    Value vb = R(OPB()), vc = R(OPC());                                           \
    if (Value::bothSmallInts(vb, vc)) FAST                                        \
    FLOATS                                                                        \
    ARITH_TAIL(AOP, false, &R(OPC()))                                             \
  }                                                                               \
  VMCASE(NAME##K) {                                                               \
    Value vb = R(OPB()), vc = k[OPC()];                                           \
    if (Value::bothSmallInts(vb, vc)) FAST                                        \
    FLOATS                                                                        \
    ARITH_TAIL(AOP, false, &k[OPC()])                                             \
  }                                                                               \
  VMCASE(NAME##W) {                                                               \
    Value vb = R(OPB()), vc = R(OPC());                                           \
    if (Value::bothSmallInts(vb, vc)) FAST##W                                     \
    FLOATS                                                                        \
    ARITH_TAIL(AOP, true, &R(OPC()))                                              \
  }                                                                               \
  VMCASE(NAME##KW) {                                                              \
    Value vb = R(OPB()), vc = k[OPC()];                                           \
    if (Value::bothSmallInts(vb, vc)) FAST##W                                     \
    FLOATS                                                                        \
    ARITH_TAIL(AOP, true, &k[OPC()])                                              \
  }

  ARITH(ADD, Add, FAST_ADD, FLOAT_OP(+))
  ARITH(SUB, Sub, FAST_SUB, FLOAT_OP(-))
  ARITH(MUL, Mul, FAST_MUL, FLOAT_OP(*))
  ARITH(DIV, Div, FAST_DIV, FLOAT_OP(/))
  ARITH(MOD, Mod, FAST_MOD, NO_FLOAT_OP)
  ARITH(BAND, And, FAST_BAND, NO_FLOAT_OP)
  ARITH(BOR, Or, FAST_BOR, NO_FLOAT_OP)
  ARITH(BXOR, Xor, FAST_BXOR, NO_FLOAT_OP)
  ARITH(BANDNOT, AndNot, FAST_BANDNOT, NO_FLOAT_OP)
  ARITH(SHL, Shl, FAST_SHL, NO_FLOAT_OP)
  ARITH(SHR, Shr, FAST_SHR, NO_FLOAT_OP)

  // x % n, n a constant in [1, 255] in C: no zero or -1 divisor to test,
  // and a result below 255 in size, small whether x is small or wide (so
  // the one form serves wide temporaries: i*i % 7). Anything else (a
  // boxed int or a Duration, a float, the error) as MODK would do it.
  VMCASE(MODI) {
    Value vb = R(OPB());
    auto d = static_cast<int64_t>(OPC());
    int64_t x;
    if (vb.isSmallInt()) {
      x = vb.asSmallInt();
    } else if (vb.bits() == kWideBits) {
      x = WIDE(OPB());
    } else {
      const Value vc = Value::smallInt(d);
      SLOW(arithStore(ArithOp::Mod, false, &R(OPA()), vb, &R(OPB()), vc, &vc));
      NEXT();
    }
    R(OPA()) = Value::smallInt(x % d);
    NEXT();
  }

  // x + n, x - n, n a signed byte in C: one operand to test and no
  // constant to load; the immediate is shifted as the small int is, so the
  // overflow flag is "left the small range", as in FAST_CHECKED. Anything
  // else (and a result past the small range: boxed, or wide in the W
  // forms) as ADDK/SUBK (ADDKW/SUBKW) would do it with K[C] = n.
#define ARITH_IMMEDIATE(NAME, AOP, BUILTIN, W_)                                                   \
  VMCASE(NAME) {                                                                                  \
    Value vb = R(OPB());                                                                          \
    if (vb.isSmallInt()) FAST_CHECKED(BUILTIN, shiftedImmediateC(i));                             \
    const Value vc = Value::smallInt(argSC(static_cast<Instr>(i)));                               \
    SLOW(arithStore(ArithOp::AOP, W_, &R(OPA()), vb, &R(OPB()), vc, &vc));                         \
    NEXT();                                                                                       \
  }
  ARITH_IMMEDIATE(ADDI, Add, __builtin_add_overflow, false)
  ARITH_IMMEDIATE(SUBI, Sub, __builtin_sub_overflow, false)
  ARITH_IMMEDIATE(ADDIW, Add, __builtin_add_overflow, true)
  ARITH_IMMEDIATE(SUBIW, Sub, __builtin_sub_overflow, true)

#define UNARY_MINUS(NAME, WIDE)                                               \
  VMCASE(NAME) {                                                              \
    Value v = R(OPB());                                                       \
    if (v.isSmallInt() && v.asSmallInt() != Value::kSmallIntMin) {           \
      R(OPA()) = Value::smallInt(-v.asSmallInt());                            \
      NEXT();                                                                 \
    }                                                                         \
    if (v.isFloat()) {                                                        \
      R(OPA()) = fromDouble(-v.asFloat());                                    \
      NEXT();                                                                 \
    }                                                                         \
    SLOW(unaryStore(false, WIDE, &R(OPA()), v, &R(OPB())));                   \
    NEXT();                                                                   \
  }
#define UNARY_NOT(NAME, WIDE)                                                        \
  VMCASE(NAME) {                                                                     \
    Value v = R(OPB());                                                              \
    if (v.isSmallInt()) {                                                            \
      R(OPA()) = Value::fromBits((~v.bits() & Value::kIntMask) | Value::kIntTag);    \
      NEXT();                                                                        \
    }                                                                                \
    SLOW(unaryStore(true, WIDE, &R(OPA()), v, &R(OPB())));                           \
    NEXT();                                                                          \
  }
  UNARY_MINUS(UNM, false)
  UNARY_MINUS(UNMW, true)
  UNARY_NOT(BNOT, false)
  UNARY_NOT(BNOTW, true)
  VMCASE(NOT) {
    Value v = R(OPB());
    if (!v.isBool()) FLOW(operatorError("!", v));
    R(OPA()) = Value::boolean(!v.asBool());
    NEXT();
  }
  VMCASE(UPLUS) {
    Value v = R(OPB());
    int64_t n;
    if (!v.isFloat() && !intOperand(v, &R(OPB()), wideOffset(), &n)) {
      FLOW(operatorError("+", v));
    }
    R(OPA()) = v;
    NEXT();
  }

  // ---- comparisons: the value forms and the jump forms are one
  // comparison, COMPARE, which declares the bool `res` = *XS op *YS. Two
  // small ints or two floats are compared here (compareFast); anything else
  // (wide and boxed ints, mixed numbers, strings, the errors) in
  // compareOrThrow. `x > y` is `y < x` and `x >= y` is `y <= x` (operands
  // swapped); != is == negated.
#define COMPARE(CMP, XS, YS)                                                \
  const Value* xs = (XS);                                                   \
  const Value* ys = (YS);                                                   \
  bool res;                                                                 \
  if (!compareFast(CMP, *xs, *ys, &res)) [[unlikely]] {                     \
    bool slow_;                                                             \
    SLOW(compareOrThrow(CMP, xs, ys, &slow_));                              \
    res = slow_;                                                            \
  }
  // As values, R[A] = R[B] op (R[C] | K[C]): one handler for the ten forms
  // (separate handlers cost GCC the label table's register, as above).
  VMCASE(EQ) VMCASE(NE) VMCASE(LT) VMCASE(LE) VMCASE(EQK) VMCASE(NEK) VMCASE(LTK) VMCASE(LEK) VMCASE(GTK)
  VMCASE(GEK) {
    Op op = opOf(i);
    CmpOp c;
    bool swap = false, negate = false;
    switch (op) {
      case Op::EQ: case Op::EQK: c = CmpOp::Eq; break;
      case Op::NE: case Op::NEK: c = CmpOp::Eq, negate = true; break;
      case Op::LT: case Op::LTK: c = CmpOp::Lt; break;
      case Op::LE: case Op::LEK: c = CmpOp::Le; break;
      case Op::GTK: c = CmpOp::Lt, swap = true; break;
      default: c = CmpOp::Le, swap = true; break;
    }
    const Value* bs = &R(OPB());
    const Value* cs = op >= Op::EQK ? &k[OPC()] : &R(OPC());
    COMPARE(c, swap ? cs : bs, swap ? bs : cs)
    R(OPA()) = Value::boolean(res != negate);
    NEXT();
  }
  // Fused with a jump: jump when (R[A] op (R[B] | K[B])) == C.
#define CMPJUMP(NAME, CMP, KONST, SWAP)                                     \
  VMCASE(NAME) {                                                            \
    const Value* as = &R(OPA());                                            \
    const Value* bs = (KONST) ? &k[OPB()] : &R(OPB());                      \
    COMPARE(CMP, (SWAP) ? bs : as, (SWAP) ? as : bs)                        \
    CONDJUMP(static_cast<uint64_t>(res) == OPC()); /* C is 0 or 1 */        \
  }
  CMPJUMP(JEQ, CmpOp::Eq, false, false)
  CMPJUMP(JLT, CmpOp::Lt, false, false)
  CMPJUMP(JLE, CmpOp::Le, false, false)
  CMPJUMP(JEQK, CmpOp::Eq, true, false)
  CMPJUMP(JLTK, CmpOp::Lt, true, false)
  CMPJUMP(JLEK, CmpOp::Le, true, false)
  CMPJUMP(JGTK, CmpOp::Lt, true, true)
  CMPJUMP(JGEK, CmpOp::Le, true, true)
  // Against a signed byte in B: a small int R[A] is compared here, with
  // its jump; anything else goes through COMPARE with the byte as a Value,
  // as the K forms would with K[B] = n (the same results and errors).
#define CMPJUMP_IMMEDIATE(NAME, CMP, SWAP)                                        \
  VMCASE(NAME) {                                                                  \
    const Value* as = &R(OPA());                                                  \
    if (as->isSmallInt()) [[likely]] {                                            \
      int64_t a_ = as->asSmallInt(), n_ = argSB(static_cast<Instr>(i));           \
      int64_t x_ = (SWAP) ? n_ : a_, y_ = (SWAP) ? a_ : n_;                       \
      bool r_ = (CMP) == CmpOp::Lt ? x_ < y_ : x_ <= y_;                          \
      CONDJUMP(r_ == (OPC() != 0)); /* C is 0 or 1 */                             \
    }                                                                             \
    {                                                                             \
      const Value imm = Value::smallInt(argSB(static_cast<Instr>(i)));            \
      COMPARE(CMP, (SWAP) ? &imm : as, (SWAP) ? as : &imm)                        \
      CONDJUMP(static_cast<uint64_t>(res) == OPC());                              \
    }                                                                             \
  }
  CMPJUMP_IMMEDIATE(JLTI, CmpOp::Lt, false)
  CMPJUMP_IMMEDIATE(JLEI, CmpOp::Le, false)
  CMPJUMP_IMMEDIATE(JGTI, CmpOp::Lt, true)
  CMPJUMP_IMMEDIATE(JGEI, CmpOp::Le, true)

  VMCASE(JTEST) {
    Value v = R(OPA());
    if (!v.isBool()) [[unlikely]] {
      if (OPC() == 0) THROW("non-bool used as condition");
      FLOW(operatorError(OPC() == 1 ? "&&" : "||", v));
    }
    CONDJUMP(v.asBool() == (OPB() != 0));
  }
  VMCASE(CHECKBOOL) {
    Value v = R(OPA());
    if (!v.isBool()) {
      FLOW(operatorError(OPB() == 1 ? "&&" : "||", v));
    }
    NEXT();
  }
  VMCASE(JMP) {
    int off = argSJ(i);
    pc += off;
    if (off < 0) POLL();
    NEXT();
  }

  // ---- calls
  // CALLG: the callee is a declared func, read from its global here (the
  // word after the instruction), then the call goes as CALL's.
  VMCASE(CALLG) {
    fn = loadValue(gl[*pc]);
    R(OPA()) = fn;
    pc++;
    goto call_instruction;
  }
  VMCASE(CALL) {
    fn = R(OPA());
  call_instruction:
    if (isKind(fn, Kind::Closure)) {
      auto* c = static_cast<Closure*>(fn.asObject());
      FuncProto* p = c->proto;
      // B is nargs + 1; B = 0 (a count up to top) never equals fixedArity
      // + 1, nor does anything when the function is variadic.
      if (OPB() == uint64_t{p->fixedArity} + 1) [[likely]] {
        CallFrame* nf = frame + 1;
        Value* nbase = base + OPA() + 1;
        if (nbase + p->frameSize + (kMaxNativeResults + 2) <= stackEnd_ && nf < frameEnd_) [[likely]] {
          // Nil the registers past the arguments four at a time: the first
          // four always (most frames need no more, and a test would cost
          // more than the stores), then a loop for the rest. A group may
          // run up to four slots past the frame: the check above leaves
          // kMaxNativeResults + 2 >= 4 of room there, and those slots are
          // free in the caller too (its live registers are all below the
          // call's), so a nil is harmless wherever it lands.
          static_assert(kMaxNativeResults + 2 >= 4, "room past the frame for a group of four");
          // (The closure is stored apart from the pc, in this block: stored
          // together, GCC pairs them into one vector store built in four
          // instructions.)
          nf->closure = c;
          {
            Value* r = nbase + (OPB() - 1);
            r[0] = Value::nil();
            r[1] = Value::nil();
            r[2] = Value::nil();
            r[3] = Value::nil();
            for (Value *more = r + 4, *end = nbase + p->frameSize; more < end; more += 4) [[unlikely]] {
              more[0] = Value::nil();
              more[1] = Value::nil();
              more[2] = Value::nil();
              more[3] = Value::nil();
            }
          }
          SAVEPC();
          uint32_t nb = frame->base + static_cast<uint32_t>(OPA()) + 1;
          nf->base = nb;
          // wanted = C - 1, with flags and padding 0 (returnWord).
          uint64_t word = static_cast<uint32_t>(static_cast<int32_t>(OPC()) - 1);
          std::memcpy(reinterpret_cast<char*>(nf) + offsetof(CallFrame, wanted), &word, sizeof word);
          pc = p->codeStart;
          nf->pc = pc;
          k = p->constSlots;
          runtime::GState* g = g_;
          nf->savedTop = static_cast<uint32_t>(g->stackTop);
          g->frameCount++;
          if (nb + p->frameSize > g->stackTop) g->stackTop = nb + p->frameSize;
          frame = nf;
          base = nbase;
          POLL();
          NEXT();
        }
      }
    }
    // Everything else: natives, variadic functions, stack growth, errors.
    SAVEPC();
    Flow f = callOther(fn, static_cast<uint32_t>(i), frame, base);
    if (f == Flow::Next) [[likely]] NEXT();
    if (f == Flow::Stop) return result_;
    LOADFRAME();
    if (f == Flow::Run) POLL();  // a function entry (or a panic's deferred call)
    NEXT();
  }
  VMCASE(RETURN0) {
    if (frame->flags == 0 && frame->wanted <= 0) {
      if (frame->wanted < 0) top_ = frame->base - 1;
      g_->stackTop = frame->savedTop;
      g_->frameCount--;
      LOADCALLER();
      NEXT();
    }
    FLOW(doReturn(frame->base, 0));
  }
  VMCASE(RETURN1) {
    if (returnWord(frame) == kReturnWordOneNoFlags) {
      base[-1] = R(OPA());
      g_->stackTop = frame->savedTop;
      g_->frameCount--;
      LOADCALLER();
      NEXT();
    }
    FLOW(doReturn(frame->base + OPA(), 1));
  }
  VMCASE(RETURN) {
    size_t src = frame->base + OPA();
    uint32_t n = COUNT_B(src);
    FLOW(doReturn(src, n));
  }
  VMCASE(CLOSURE) {
    SAVEPC();
    auto* p = static_cast<FuncProto*>(k[argBx(i)].asObject());
    Closure* c = newClosure(*cache_, p);
    auto* caps = reinterpret_cast<const uint16_t*>(p->captures->data);
    for (uint32_t n = 0; n < p->cellCount; n++) {
      uint16_t d = caps[n];
      c->cells[n] = (d & 1) != 0 ? static_cast<Cell*>(R(d >> 1).asObject()) : frame->closure->cells[d >> 1];
    }
    R(OPA()) = Value::object(c);
    NEXT();
  }
  VMCASE(SPREAD) FLOW(spread(frame->base + OPA()));
  VMCASE(DEFER) {
    size_t fnSlot = frame->base + OPA();
    uint32_t nargs = COUNT_B(fnSlot + 1);
    FLOW(pushDefer(fnSlot, nargs));
  }
  VMCASE(PANIC) FLOW(throwValue(R(OPA())));
  VMCASE(RECOVER) R(OPA()) = recover(); NEXT();

  // ---- arrays, maps, strings
  VMCASE(NEWARRAY) {
    SAVEPC();
    Array* arr = newArrayFrom(*cache_, &R(OPA() + 1), OPB());
    R(OPA()) = Value::object(arr);
    NEXT();
  }
  VMCASE(APPENDN) {
    SAVEPC();
    arrayAppend(*cache_, static_cast<Array*>(R(OPA()).asObject()), &R(OPA() + 1), OPB());
    NEXT();
  }
  VMCASE(NEWMAP) {
    SAVEPC();
    Map* m = newMap(*cache_, OPB());
    R(OPA()) = Value::object(m);
    NEXT();
  }
  // x[key] on an array with a small-int key in range is done here, on the
  // items vector loaded once and its element loaded or stored whole
  // (arraySlot; lang/value/race_safe_access.h): racing goroutines see an index error
  // or one of the values written, never a read outside the vector. A
  // constant key is always a valid map key, so GETINDEXK reads maps here
  // too. Everything else goes to indexing.cpp.
#define GET_INDEX(KEY, KONST)                                          \
  {                                                                    \
    Value x = R(OPB()), key = (KEY);                                   \
    if (Value* e_ = fastArraySlot(x, key)) {                           \
      R(OPA()) = loadValue(*e_);                                       \
      NEXT();                                                          \
    }                                                                  \
    if ((KONST) && isKind(x, Kind::Map)) {                             \
      bool found_;                                                     \
      R(OPA()) = mapGet(static_cast<Map*>(x.asObject()), key, &found_); \
      NEXT();                                                          \
    }                                                                  \
    FLOW(getIndex(frame->base + OPA(), x, key, false));                \
  }
#define SET_INDEX(KEY)                                                 \
  {                                                                    \
    Value x = R(OPA()), key = (KEY);                                   \
    if (Value* e_ = fastArraySlot(x, key)) {                           \
      storeValue(*e_, R(OPC()));                                       \
      NEXT();                                                          \
    }                                                                  \
    FLOW(setIndex(x, key, R(OPC())));                                  \
  }
  VMCASE(GETINDEX) GET_INDEX(R(OPC()), false)
  VMCASE(GETINDEXK) GET_INDEX(k[OPC()], true)
  VMCASE(SETINDEX) SET_INDEX(R(OPB()))
  VMCASE(SETINDEXK) SET_INDEX(k[OPB()])
  VMCASE(GETINDEXOK) FLOW(getIndex(frame->base + OPA(), R(OPB()), R(OPC()), true));
  VMCASE(SLICE) FLOW(sliceOp(frame->base + OPA(), frame->base + OPB()));
  VMCASE(LEN) {
    Value x = R(OPB());
    if (isKind(x, Kind::Array)) {
      R(OPA()) = Value::smallInt(static_cast<int64_t>(arrayLength(static_cast<Array*>(x.asObject()))));
      NEXT();
    }
    if (isKind(x, Kind::String)) {
      R(OPA()) = Value::smallInt(static_cast<int64_t>(static_cast<String*>(x.asObject())->length));
      NEXT();
    }
    FLOW(lenOp(frame->base + OPA(), x));
  }
  // A record's method is found through the cache word as a field is (the
  // slot is the method's number); a built-in object's by its kind.
  VMCASE(SELF) {
    Value x = R(OPB());
    R(OPA() + 1) = x;
    auto* cacheWord = const_cast<Instr*>(pc++);
    if (x.isObject()) {
      if (x.asObject()->kind == Kind::Record) {
        uint32_t cached = std::atomic_ref<uint32_t>(*cacheWord).load(std::memory_order_relaxed);
        auto* t = static_cast<Record*>(x.asObject())->type;
        if (t->id == (cached >> 8)) [[likely]] {
          R(OPA()) = t->methods->slots[2 * (cached & 0xFF) + 1];
          NEXT();
        }
      } else if (auto m = findMethod(x.asObject()->kind, stringView(k[OPC()]))) {
        R(OPA()) = in_.methodFunc(*m);
        NEXT();
      }
    }
    SLOW(recordMethod(frame->base + OPA(), x, k[OPC()], cacheWord));  // a miss, or the error
    NEXT();
  }

  // ---- records: a field whose record type matches the cache word is
  // loaded or stored here; a miss refills the word (records.cpp). pc is
  // past the word before any slow path, so the frame resumes after it.
  VMCASE(GETFIELD) {
    Value x = R(OPB());
    auto* cacheWord = const_cast<Instr*>(pc++);
    uint32_t cached = std::atomic_ref<uint32_t>(*cacheWord).load(std::memory_order_relaxed);
    if (isKind(x, Kind::Record)) [[likely]] {
      auto* r = static_cast<Record*>(x.asObject());
      if (r->type->id == (cached >> 8)) [[likely]] {
        R(OPA()) = loadValue(r->fields[cached & 0xFF]);
        NEXT();
      }
    }
    FLOW(getField(frame->base + OPA(), x, k[OPC()], cacheWord));
  }
  VMCASE(SETFIELD) {
    Value x = R(OPA());
    auto* cacheWord = const_cast<Instr*>(pc++);
    uint32_t cached = std::atomic_ref<uint32_t>(*cacheWord).load(std::memory_order_relaxed);
    if (isKind(x, Kind::Record)) [[likely]] {
      auto* r = static_cast<Record*>(x.asObject());
      if (r->type->id == (cached >> 8)) [[likely]] {
        storeValue(r->fields[cached & 0xFF], R(OPC()));
        NEXT();
      }
    }
    SLOW(setField(x, k[OPB()], R(OPC()), cacheWord));
    NEXT();
  }
  VMCASE(NEWRECORD) {
    SLOW(newRecord(frame->base + OPA(), OPB(), OPC() != 0));
    NEXT();
  }
  VMCASE(NEWTYPE) FLOW(newRecordType(frame->base + OPA(), k[argBx(i)]));
  VMCASE(SETMETHOD) setMethod(R(OPA()), R(OPB()), OPC()); NEXT();
  VMCASE(ADDR) {
    if (isKind(R(OPB()), Kind::Record)) {
      R(OPA()) = R(OPB());
      NEXT();
    }
    FLOW(addressOf(frame->base + OPA(), R(OPB())));
  }

  // ---- loops
  // for ...; i cmp limit; i += step: on the shifted representation, as
  // FAST_ADD, so no decoding; anything but two small ints goes slow. The
  // jump is always back to the body (opcodes.h), so it always polls.
#define FORSTEP(NAME, CMP, OP)                                                                    \
  VMCASE(NAME) {                                                                                  \
    Value* ra = &R(OPA());                                                                        \
    Value v = *ra, lim = R(OPB());                                                                \
    int64_t n;                                                                                    \
    if (Value::bothSmallInts(v, lim) &&                                                           \
        !__builtin_add_overflow(shifted(v), int64_t{forStepOfInstr(static_cast<Instr>(i))} << Value::kIntShift, &n)) \
        [[likely]] {                                                                              \
      *ra = unshifted(n);                                                                         \
      if (n OP shifted(lim)) {                                                                    \
        pc += static_cast<ptrdiff_t>(JUMPWORD()) + 1;                                             \
        POLL();                                                                                   \
        NEXT();                                                                                   \
      }                                                                                           \
      pc++;                                                                                       \
      NEXT();                                                                                     \
    }                                                                                             \
    bool more;                                                                                    \
    SLOW(forStepSlow(frame->base + OPA(), OPC(), CMP, frame->base + OPB(), &more));               \
    CONDJUMP(more);                                                                               \
  }
  FORSTEP(FORLT, 0, <)
  FORSTEP(FORLE, 1, <=)
  FORSTEP(FORGT, 2, >)
  FORSTEP(FORGE, 3, >=)
  VMCASE(RANGEPREP) FLOW(rangePrep(frame->base + OPA()));
  VMCASE(RANGENEXT) {
    Value* ra = &R(OPA());
    if (ra[0].isSmallInt()) {
      int64_t cur = ra[1].asSmallInt();
      if (cur < ra[0].asSmallInt()) {
        if (OPB() != kNoReg) R(OPB()) = Value::smallInt(cur);
        ra[1] = Value::smallInt(cur + 1);
        CONDJUMP(true);
      }
      CONDJUMP(false);
    }
    bool more;
    SLOW(rangeNext(frame->base + OPA(), OPB(), OPC(), frame->base, &more));
    CONDJUMP(more);
  }

  // Goroutines and channels: the work is in concurrency.cpp. An
  // instruction that parks steps the frame's pc back to itself and returns
  // Stop (Exec::parked); resumeSuspended completes it when the goroutine
  // runs again.
  VMCASE(GO) {
    size_t fnSlot = frame->base + OPA();
    uint32_t nargs = COUNT_B(fnSlot + 1);
    FLOW(goStatement(fnSlot, nargs));
  }
#define CHAN_OP(expr) \
  do {                \
    SLOW(expr);       \
    NEXT();           \
  } while (0)
  VMCASE(SEND) CHAN_OP(sendOp(R(OPA()), R(OPB())));
  VMCASE(RECV) CHAN_OP(recvOp(&R(OPA()), R(OPB()), OPC() != 0));
  VMCASE(SELECT) CHAN_OP(selectOp(frame->base + OPA(), static_cast<const String*>(k[argBx(i)].asObject())));

  DISPATCH_END
  return result_;
}

}  // namespace detail
}  // namespace goro::lang::vm
