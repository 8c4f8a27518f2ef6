// lang/vm/calls.cpp: calls and returns (the frame protocol is in interp.h).
//
// A call of stack[fnSlot] with its arguments after it either pushes a
// frame (a closure: the interpreter continues in it) or runs a native to
// completion. Results travel back to stack[fnSlot ..]: as many as the
// caller wants, or all of them with `top` set. A count that does not match
// panics in the caller, with Go's compile-time wording ("assignment
// mismatch: 2 variables but main.f returns 1 value").
//
// Returning first runs the frame's pending deferred calls, newest first,
// each as an ordinary frame pushed above the returning frame's results; when
// the last one has returned the frame delivers its results. The stack grows
// by doubling up to Interp::maxStackBytes; past it the goroutine dies with
// StackOverflow, as Go's does.
#include <algorithm>
#include <cstring>

#include "gc/allocate.h"
#include "gc/constructors.h"
#include "gc/handles.h"
#include "lang/value/array_ops.h"
#include "lang/vm/exec.h"

namespace goro::lang::vm::detail {

using runtime::Array;
using runtime::CallFrame;
using runtime::Closure;
using runtime::FuncProto;
using runtime::Kind;
using runtime::NativeFunc;

Closure* newClosure(alloc::MCache& cache, FuncProto* p) {
  auto* c = gc::allocateAs<Closure>(cache, Kind::Closure, sizeof(Closure) + p->cellCount * sizeof(runtime::Cell*));
  c->aux = p->cellCount;
  c->proto = p;
  return c;
}

namespace {

std::string nameOf(Value fn) {
  if (fn.isObject()) {
    runtime::Object* o = fn.asObject();
    if (o->kind == Kind::Closure) {
      runtime::String* s = static_cast<Closure*>(o)->proto->name;
      return std::string(s->data, s->length);
    }
    if (o->kind == Kind::BoundMethod) {
      auto* b = static_cast<runtime::BoundMethod*>(o);
      if (b->method == nullptr) return nameOf(b->receiver);
      runtime::String* s = b->method->proto->name;
      return std::string(s->data, s->length);
    }
    if (o->kind == Kind::NativeFunc) {
      runtime::String* s = static_cast<NativeFunc*>(o)->name;
      if (s != nullptr) return std::string(s->data, s->length);
    }
  }
  return "function";
}

std::string plural(uint32_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// The panic message for n results delivered where `wanted` were expected.
std::string mismatch(const std::string& name, uint32_t n, int32_t wanted) {
  if (wanted == 1 && n == 0) return name + "() (no value) used as value";
  if (wanted == 1) return "multiple-value " + name + "() (" + plural(n, "value") + ") in single-value context";
  return "assignment mismatch: " + plural(static_cast<uint32_t>(wanted), "variable") + " but " + name +
         "() returns " + plural(n, "value");
}

}  // namespace

Flow Exec::resultMismatch(Value callee, uint32_t n, int32_t wanted) {
  return throwString(mismatch(nameOf(callee), n, wanted));
}

// ---------------------------------------------------------------------------
// Stack and frames

// The limit counts each frame as its stack slots at 8 bytes plus
// Interp::kFrameBytes (Go's 1 GB by default), and reserve() checks it
// exactly. The buffers grow by doubling, as Go's stacks do, with two
// differences for a runaway recursion, whose cost is almost all in the
// allocator zeroing (and the kernel faulting in) each new buffer:
//   - a buffer never grows past what the limit would let it use: at most
//     what the other buffer's present size leaves, and, while growing by
//     at least a quarter, no further than where the present mix of slots
//     and frames reaches the limit (plus 1/16);
//   - past 64 MB a buffer grows fourfold: a stack that deep is most likely
//     on its way to the limit, and each generation skipped saves zeroing
//     and copying as much memory as it holds.
// Reaching the 1 GB limit allocates about 2.1 GB in all (3.8 GB before).
namespace {
size_t grownCapacity(size_t cap, size_t need, size_t mixed, size_t most, size_t elemBytes) {
  size_t factor = cap * elemBytes >= (size_t{64} << 20) ? 4 : 2;
  size_t n = std::min(cap * factor, std::max(mixed, cap + cap / 4));
  return std::min(std::max(n, need), most);
}
}  // namespace

bool Exec::reserve(size_t slots, size_t frames) {
  if (slots <= stackLimit_ && frames <= frameLimit_) return true;
  const uint64_t limit = in_.maxStackBytes;
  const uint64_t used = slots * sizeof(Value) + frames * Interp::kFrameBytes;
  if (used > limit) {
    result_ = RunResult::StackOverflow;
    return false;
  }
  // n scaled to the limit, plus 1/16: where this mix of slots and frames
  // would reach it.
  auto mixed = [&](size_t n) {
    auto m = static_cast<size_t>(static_cast<unsigned __int128>(n) * limit / used);
    return m + m / 16;
  };
  size_t cap = g_->stackCapacity();
  if (slots > cap) {
    size_t most = static_cast<size_t>((limit - frames * Interp::kFrameBytes) / sizeof(Value));
    size_t ncap = grownCapacity(cap, slots + 64, mixed(slots), most, sizeof(Value));
    runtime::Bytes* nb = gc::newBytes(*cache_, ncap * sizeof(Value));
    if (g_->stack != nullptr) std::memcpy(nb->data, g_->stack->data, cap * sizeof(Value));
    g_->stack = nb;
    if (g_->wide != nullptr) {  // live wide temporaries keep their values
      runtime::Bytes* nw = gc::newBytes(*cache_, ncap * sizeof(int64_t));
      std::memcpy(nw->data, g_->wide->data, std::min<size_t>(g_->wide->size, cap * sizeof(int64_t)));
      g_->wide = nw;
    }
  }
  size_t fcap = g_->frames == nullptr ? 0 : g_->frames->size / sizeof(CallFrame);
  if (frames > fcap) {
    size_t most = static_cast<size_t>((limit - slots * sizeof(Value)) / Interp::kFrameBytes);
    size_t ncap = grownCapacity(fcap, frames, mixed(frames), most, sizeof(CallFrame));
    runtime::Bytes* nb = gc::newBytes(*cache_, ncap * sizeof(CallFrame));
    if (g_->frames != nullptr) std::memcpy(nb->data, g_->frames->data, g_->frameCount * sizeof(CallFrame));
    g_->frames = nb;
  }
  setLimits(slots, frames);
  return true;
}

void Exec::setLimits(size_t slots, size_t frames) {
  const uint64_t limit = in_.maxStackBytes;
  uint64_t used = slots * sizeof(Value) + frames * Interp::kFrameBytes;
  uint64_t spare = used < limit ? limit - used : 0;
  // Half of what is left to each; when one runs out first, reserve() shares
  // out the rest again (a few times as the limit nears, never per call).
  size_t fcap = g_->frames == nullptr ? 0 : g_->frames->size / sizeof(CallFrame);
  stackLimit_ = static_cast<size_t>(std::min<uint64_t>(g_->stackCapacity(), slots + spare / 2 / sizeof(Value)));
  frameLimit_ = static_cast<size_t>(std::min<uint64_t>(fcap, frames + (spare - spare / 2) / Interp::kFrameBytes));
  stackEnd_ = g_->stack == nullptr ? nullptr : stack() + stackLimit_;
  frameEnd_ = g_->frames == nullptr ? nullptr : this->frames() + frameLimit_;
  bool hasWide = g_->wide != nullptr && g_->stack != nullptr && g_->wide->size >= g_->stack->size;
  wideOff_ = hasWide ? static_cast<ptrdiff_t>(reinterpret_cast<uintptr_t>(g_->wide->data) -
                                              reinterpret_cast<uintptr_t>(g_->stack->data))
                     : 0;
}

void Exec::makeWide() {
  runtime::Bytes* w = gc::newBytes(*cache_, g_->stackCapacity() * sizeof(int64_t));
  g_->wide = w;
  wideOff_ = static_cast<ptrdiff_t>(reinterpret_cast<uintptr_t>(w->data) - reinterpret_cast<uintptr_t>(g_->stack->data));
}

// Inlined into both of its callers below (the native call is a hot path).
[[gnu::always_inline]] inline uint32_t Exec::invokeNative(const NativeFunc* nf, const Value* args, uint32_t n, size_t res) {
  Value* out = stack() + res;
  for (uint32_t r = 0; r < kMaxNativeResults; r++) out[r] = Value::nil();
  size_t savedTop = g_->stackTop;
  g_->stackTop = std::max(savedTop, res + kMaxNativeResults);
  uint32_t got = reinterpret_cast<NativeFn>(nf->entry)(*this, args, n, out);
  g_->stackTop = savedTop;
  return got;
}

Flow Exec::callOther(Value fn, uint32_t instr, const CallFrame* frame, Value* base) {
  uint32_t a = compiler::argA(instr);
  uint32_t nargs =
      compiler::argB(instr) != 0 ? compiler::argB(instr) - 1 : static_cast<uint32_t>(top_ - (frame->base + a + 1));
  int32_t wanted = static_cast<int32_t>(compiler::argC(instr)) - 1;
  if (fn.isObject() && fn.asObject()->kind == Kind::NativeFunc && wanted >= 0) {
    // A native with its arguments in place: results go just above them,
    // and nothing needs rooting or room beyond what is checked here.
    auto* nf = static_cast<NativeFunc*>(fn.asObject());
    size_t res = frame->base + a + 1 + nargs;
    if (nf->receiver.isNil() && res + kMaxNativeResults <= stackLimit_) {
      Value* out = base + a + 1 + nargs;
      uint32_t got = invokeNative(nf, base + a + 1, nargs, res);
      if (nativeEvent_ != 0) [[unlikely]] {
        if ((nativeEvent_ & kNativePanicked) != 0) {
          nativeEvent_ = 0;
          return startPanic();
        }
        if (got != static_cast<uint32_t>(wanted) && wanted != 0) return resultMismatch(fn, got, wanted);
        return afterNativeEvent();  // parked or yielded: suspend past the call
      }
      if (got != static_cast<uint32_t>(wanted) && wanted != 0) return resultMismatch(fn, got, wanted);
      for (int32_t n = 0; n < wanted; n++) base[a + n] = out[n];
      return Flow::Next;
    }
  }
  return call(frame->base + a, nargs, wanted, 0, -1);
}

Flow Exec::spread(size_t slot) {
  Value v = stack()[slot];
  if (!v.isObject() || v.asObject()->kind != Kind::Array) {
    return throwString("cannot use " + std::string(operandType(v)) + " value as array in argument list (...)");
  }
  size_t n = arrayLength(static_cast<Array*>(v.asObject()));
  if (!ensureStack(slot + n + kMaxNativeResults + 2)) return Flow::Stop;
  // The elements as one snapshot (lang/value/race_safe_access.h), at most the n the
  // stack was grown for: another goroutine may have appended meanwhile.
  ArrayView view = arrayView(static_cast<Array*>(stack()[slot].asObject()));
  n = std::min(n, view.length);
  copyValuesShared(stack() + slot, view.items, n);
  top_ = slot + n;
  if (top_ > g_->stackTop) g_->stackTop = top_;
  return Flow::Run;
}

// ---------------------------------------------------------------------------
// Calls

Flow Exec::call(size_t fnSlot, uint32_t nargs, int32_t wanted, uint16_t flags, int32_t deferOwner) {
  Value fn = stack()[fnSlot];
  if (fn.isObject()) {
    Kind kind = fn.asObject()->kind;
    if (kind == Kind::Closure) return enterClosure(fnSlot, nargs, wanted, flags, deferOwner);
    if (kind == Kind::BoundMethod) {
      // A record's method value: the method, with the receiver inserted
      // before the arguments (the slot after them is free: a call's
      // function and arguments are always the top of its caller's
      // registers, or of the stack).
      auto* b = static_cast<runtime::BoundMethod*>(fn.asObject());
      if (b->method == nullptr) {
        // r.F(args) of a field holding a function: the call without r.
        Value* s = stack();
        s[fnSlot] = b->receiver;
        if (nargs > 0) std::memmove(s + fnSlot + 1, s + fnSlot + 2, --nargs * sizeof(Value));
        return call(fnSlot, nargs, wanted, flags, deferOwner);
      }
      if (!ensureStack(fnSlot + nargs + 2)) return Flow::Stop;
      Value* s = stack();
      b = static_cast<runtime::BoundMethod*>(stack()[fnSlot].asObject());
      std::memmove(s + fnSlot + 2, s + fnSlot + 1, nargs * sizeof(Value));
      s[fnSlot + 1] = b->receiver;
      s[fnSlot] = Value::object(b->method);
      if (fnSlot + 2 + nargs > g_->stackTop) g_->stackTop = fnSlot + 2 + nargs;
      return enterClosure(fnSlot, nargs + 1, wanted, flags, deferOwner);
    }
    if (kind == Kind::NativeFunc) {
      gc::Root callee(fn);
      auto* nf = static_cast<NativeFunc*>(fn.asObject());
      size_t args = fnSlot + 1;
      uint32_t n = nargs;
      if (!nf->receiver.isNil()) {  // a bound method: the receiver is its first argument
        stack()[fnSlot] = nf->receiver;
        args = fnSlot;
        n++;
      }
      size_t res = fnSlot + 1 + nargs;
      if (!ensureStack(res + kMaxNativeResults + 1)) return Flow::Stop;
      uint32_t got = invokeNative(nf, stack() + args, n, res);
      if (nativeEvent_ != 0) {
        if ((nativeEvent_ & kNativePanicked) != 0) {
          nativeEvent_ = 0;
          return startPanic();
        }
        // Parked or yielded: the results (none) are delivered below first.
        if (wanted > 0 && static_cast<uint32_t>(wanted) != got) {
          return throwString(mismatch(nameOf(callee.get()), got, wanted));
        }
        if (wanted < 0) top_ = fnSlot;
        return afterNativeEvent();
      }
      if (wanted >= 0 && static_cast<uint32_t>(wanted) != got && wanted != 0) {
        return throwString(mismatch(nameOf(callee.get()), got, wanted));
      }
      Value* s = stack();
      uint32_t keep = wanted < 0 ? got : static_cast<uint32_t>(wanted);
      for (uint32_t r = 0; r < keep; r++) s[fnSlot + r] = s[res + r];
      if (wanted < 0) {
        top_ = fnSlot + got;
        g_->stackTop = std::max(g_->stackTop, top_);
      }
      return Flow::NativeDone;
    }
  }
  if (fn.isNil()) return throwString("runtime error: invalid memory address or nil pointer dereference");
  return throwString("invalid operation: cannot call non-function (value of type " + std::string(operandType(fn)) +
                     ")");
}

Flow Exec::enterClosure(size_t fnSlot, uint32_t nargs, int32_t wanted, uint16_t flags, int32_t deferOwner) {
  auto* c = static_cast<Closure*>(stack()[fnSlot].asObject());
  FuncProto* p = c->proto;
  bool variadic = (p->flags & runtime::kProtoVariadic) != 0;
  uint32_t fixed = variadic ? p->arity - 1 : p->arity;
  if (nargs < fixed || (!variadic && nargs > fixed)) {
    std::string name(p->name->data, p->name->length);
    return throwString(std::string(nargs < fixed ? "not enough" : "too many") + " arguments in call to " + name +
                       " (have " + std::to_string(nargs) + ", want " + (variadic ? "at least " : "") +
                       std::to_string(fixed) + ")");
  }
  size_t nb = fnSlot + 1;
  if (!reserve(nb + std::max(p->frameSize, nargs) + kMaxNativeResults + 2, g_->frameCount + 1)) return Flow::Stop;
  if (variadic) {
    // The extra arguments become one array in the last parameter.
    size_t first = nb + fixed;
    if (first + (nargs - fixed) > g_->stackTop) g_->stackTop = first + (nargs - fixed);
    Array* rest = newArrayFrom(*cache_, stack() + first, nargs - fixed);
    stack()[first] = Value::object(rest);
    nargs = p->arity;
    c = static_cast<Closure*>(stack()[fnSlot].asObject());
  }
  CallFrame* f = frames() + g_->frameCount;
  f->closure = c;
  f->pc = reinterpret_cast<const uint32_t*>(p->code->data);
  f->base = static_cast<uint32_t>(nb);
  f->wanted = wanted;
  f->flags = flags;
  f->padding = 0;
  f->deferOwner = deferOwner;
  f->retFirst = 0;
  f->retCount = 0;
  f->savedTop = static_cast<uint32_t>(g_->stackTop);
  g_->frameCount++;
  Value* s = stack() + nb;
  for (uint32_t r = nargs; r < p->frameSize; r++) s[r] = Value::nil();
  g_->stackTop = std::max<size_t>(g_->stackTop, nb + std::max(p->frameSize, nargs));
  if ((flags & kFramePanicDefer) != 0 && g_->panicCount > 0) {
    g_->panics->slots[(g_->panicCount - 1) * kPanicSlots + kPanicFrame] =
        Value::smallInt(static_cast<int64_t>(g_->frameCount - 1));
  }
  return Flow::Run;
}

// ---------------------------------------------------------------------------
// Returns

Flow Exec::doReturn(size_t src, uint32_t n) {
  for (;;) {
    CallFrame* f = topFrame();
    size_t fi = g_->frameCount - 1;
    if ((f->flags & kFrameHasDefers) != 0 && g_->deferCount > 0) {
      auto* rec = static_cast<runtime::Vector*>(g_->defers->slots[g_->deferCount - 1].asObject());
      if (static_cast<size_t>(rec->slots[kDeferFrame].asSmallInt()) == fi) {
        f->flags |= kFrameReturning;
        f->retFirst = static_cast<uint32_t>(src - f->base);
        f->retCount = n;
        if (src + n > g_->stackTop) g_->stackTop = src + n;
        Value r = g_->defers->slots[--g_->deferCount];
        g_->defers->slots[g_->deferCount] = Value::nil();
        Flow fl = runDeferred(r, static_cast<int32_t>(fi), false);
        if (fl != Flow::NativeDone) return fl;
        f = topFrame();
        src = f->base + f->retFirst;
        n = f->retCount;
        continue;
      }
    }
    // No deferred call left: the frame returns.
    uint16_t flags = f->flags;
    int32_t wanted = f->wanted;
    int32_t owner = f->deferOwner;
    size_t dst = f->base - 1;
    bool recovered = (flags & kFrameRecovered) != 0;
    gc::Root callee(Value::object(f->closure));
    g_->stackTop = f->savedTop;
    g_->frameCount--;
    if ((flags & kFrameDeferred) != 0) {
      if ((flags & kFramePanicDefer) != 0) return afterPanicDefer(fi, owner);
      CallFrame* o = topFrame();  // the owner, in the middle of returning
      src = o->base + o->retFirst;
      n = o->retCount;
      continue;
    }
    Value* s = stack();
    if (recovered) {
      // nil for each result: as many as the caller wants, or as many as the
      // function's returns give.
      int32_t count = static_cast<runtime::Closure*>(callee.get().asObject())->proto->resultCount;
      n = wanted < 0 && count > 0 ? static_cast<uint32_t>(count) : 0;
      if (!ensureStack(src + n + 1)) return Flow::Stop;
      s = stack();
      for (uint32_t r = 0; r < n; r++) s[src + r] = Value::nil();
    }
    if (wanted < 0) {
      std::memmove(s + dst, s + src, n * sizeof(Value));
      top_ = dst + n;
      if (top_ > g_->stackTop) g_->stackTop = top_;
    } else if (static_cast<uint32_t>(wanted) == n || wanted == 0 || recovered) {
      uint32_t keep = std::min<uint32_t>(n, static_cast<uint32_t>(wanted));
      std::memmove(s + dst, s + src, keep * sizeof(Value));
      for (uint32_t r = keep; r < static_cast<uint32_t>(wanted); r++) s[dst + r] = Value::nil();
    } else {
      if ((flags & kFrameEntry) != 0) {
        result_ = RunResult::Returned;
        return Flow::Stop;
      }
      return throwString(mismatch(nameOf(callee.get()), n, wanted));
    }
    if ((flags & kFrameEntry) != 0) {
      result_ = RunResult::Returned;
      return Flow::Stop;
    }
    return Flow::Run;
  }
}

}  // namespace goro::lang::vm::detail
