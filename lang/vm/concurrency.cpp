// lang/vm/concurrency.cpp: the interpreter's side of goroutines and channels:
// the go statement, send, receive, select, range over a channel, natives
// that park or yield, blocking system calls, and resuming a goroutine from
// wherever it was suspended.
//
// Suspension is stackless (lang/vm/interp.h): a goroutine that must wait asks
// the scheduler to park it (sched/chan.h, sched/sync.h, sched/timers.h;
// every one of those calls gopark, which only records the wish), leaves its
// frame's pc where it should go on, and runGoroutine returns Blocked. The
// scheduler moves the G to Waiting only after that, so the state is fully
// spilled before any waker can ready it. Where it goes on depends on what
// parked (the kStatus* flags of exec.h):
//   - a channel instruction: pc is left AT the instruction, and
//     resumeSuspended completes it (the value received, whether a closed
//     channel woke it, which select case fired) from the scheduler's
//     ...Resume functions, then steps past it;
//   - a native called by CALL (time.Sleep, wg.Wait(), mu.Lock()): pc is
//     already past the call, and natives that park have no results, so
//     nothing is left to do;
//   - a native run as a deferred call: the return or the panic that was
//     running the deferred calls goes on.
#include "gc/handles.h"
#include "lang/vm/exec.h"
#include "runtime/fatal.h"
#include "sched/chan.h"
#include "sched/proc.h"

namespace goro::lang::vm::detail {

using runtime::CallFrame;
using runtime::Chan;
using runtime::Kind;

namespace {

inline bool isChan(Value v) { return v.isObject() && v.asObject()->kind == Kind::Chan; }

// The channel in v (null for nil), or false for anything else.
bool chanOperand(Value v, Chan** out) {
  if (v.isNil()) {
    *out = nullptr;
    return true;
  }
  if (!isChan(v)) return false;
  *out = static_cast<Chan*>(v.asObject());
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------
// Natives that park, yield, or block in a system call

Flow Exec::afterNativeEvent() {
  result_ = (nativeEvent_ & kNativeParked) != 0 ? RunResult::Blocked : RunResult::Yielded;
  nativeEvent_ = 0;
  return Flow::Stop;
}

void Exec::enterBlockingCall() {
  if (sched::currentP() != nullptr) sched::entersyscall();
}

void Exec::exitBlockingCall() {
  if (sched::currentM() == nullptr || sched::currentG() == nullptr) return;
  sched::exitsyscall();
  // exitsyscall may have found another P: allocate from its cache now.
  cache_ = sched::currentCache();
}

// ---------------------------------------------------------------------------
// go f(args)

Flow Exec::goStatement(size_t fnSlot, uint32_t nargs) {
  Value fn = stack()[fnSlot];
  if (fn.isNil()) {
    return throwString("go of nil func value");
  }
  if (!fn.isObject() || (fn.asObject()->kind != Kind::Closure && fn.asObject()->kind != Kind::NativeFunc &&
                         fn.asObject()->kind != Kind::BoundMethod)) {
    return throwString("invalid operation: cannot call non-function (value of type " +
                       std::string(operandType(fn)) + ")");
  }
  if (sched::currentP() == nullptr) {
    return throwString("go statements need the scheduler");
  }
  if (fnSlot + 1 + nargs > g_->stackTop) g_->stackTop = fnSlot + 1 + nargs;
  // A dead G, kept with its old state: the state is reused when it is small
  // (Go keeps a dead goroutine's stack the same way). The function and the
  // arguments stay in this goroutine's registers, rooted, across the
  // allocations below.
  sched::G* ng = sched::newprocAcquire();
  runtime::GState* st = in_.prepareGoroutine(*cache_, ng->state, stack() + fnSlot, nargs);
  ng->state = st;
  CallFrame* f = topFrame();
  const auto* code = reinterpret_cast<const uint32_t*>(f->closure->proto->code->data);
  sched::CreationSite site{f->closure, static_cast<uint32_t>(f->pc - code)};
  sched::newprocPublish(ng, st, nullptr, site);
  return Flow::Next;
}

// ---------------------------------------------------------------------------
// Channel operations

Flow Exec::parked() {
  g_->status |= kStatusParked;
  result_ = RunResult::Blocked;
  topFrame()->pc--;
  return Flow::Stop;
}

Flow Exec::sendOp(Value ch, Value v) {
  Chan* c;
  if (!chanOperand(ch, &c)) {
    return throwString("invalid operation: cannot send to non-chan type " + std::string(operandType(ch)));
  }
  switch (sched::chansend(c, v, true)) {
    case sched::ChanStatus::Done: return Flow::Next;
    case sched::ChanStatus::Parked: return parked();
    default: return throwString("send on closed channel");
  }
}

Flow Exec::recvOp(Value* dst, Value ch, bool commaOk) {
  Chan* c;
  if (!chanOperand(ch, &c)) {
    return throwString("invalid operation: cannot receive from non-chan type " + std::string(operandType(ch)));
  }
  Value out;
  bool ok = false;
  if (sched::chanrecv(c, true, &out, &ok) == sched::ChanStatus::Parked) return parked();
  dst[0] = out;
  if (commaOk) dst[1] = Value::boolean(ok);
  return Flow::Next;
}

Flow Exec::rangeChanNext(Value ch, Value* dst, bool* more) {
  Value out;
  bool ok = false;
  if (sched::chanrecv(static_cast<Chan*>(ch.asObject()), true, &out, &ok) == sched::ChanStatus::Parked) {
    return parked();
  }
  if (ok && dst != nullptr) *dst = out;
  *more = ok;
  return Flow::Next;
}

// The select's cases are register pairs (channel, value to send) at
// stack[a ..]; kinds spells them: 'r' receive, 's' send, and a final 'd'
// when there is a default case. The results go to stack[a .. a+2]: the
// index of the case that fired (-1: default), the value received, ok.
Flow Exec::selectOp(size_t a, const runtime::String* kinds) {
  size_t n = kinds->length;
  bool hasDefault = n > 0 && kinds->data[n - 1] == 'd';
  if (hasDefault) n--;
  constexpr size_t kInline = 8;
  sched::SelectCase inlineCases[kInline];
  std::vector<sched::SelectCase> many;
  sched::SelectCase* cases = inlineCases;
  if (n > kInline) {
    many.resize(n);
    cases = many.data();
  }
  Value* s = stack();
  for (size_t j = 0; j < n; j++) {
    Value ch = s[a + 2 * j];
    if (!chanOperand(ch, &cases[j].c)) {
      return throwString("invalid operation: select case must be a channel operation (" +
                         std::string(operandType(ch)) + " is not a chan)");
    }
    cases[j].isSend = kinds->data[j] == 's';
    cases[j].value = cases[j].isSend ? s[a + 2 * j + 1] : Value::nil();
  }
  int chosen = -1;
  Value out;
  bool ok = false;
  switch (sched::selectgo(cases, static_cast<int>(n), !hasDefault, &chosen, &out, &ok)) {
    case sched::ChanStatus::Parked: return parked();
    case sched::ChanStatus::SendOnClosed: return throwString("send on closed channel");
    case sched::ChanStatus::WouldBlock: chosen = -1; break;
    default: break;
  }
  s[a] = Value::smallInt(chosen);
  s[a + 1] = out;
  s[a + 2] = Value::boolean(ok);
  return Flow::Next;
}

// ---------------------------------------------------------------------------
// Resumption

Flow Exec::resumeSuspended() {
  uint32_t status = g_->status;
  g_->status &= ~(kStatusParked | kStatusResumeReturn | kStatusResumePanic);
  if ((status & kStatusResumePanic) != 0) return continuePanic();
  if ((status & kStatusResumeReturn) != 0) {
    CallFrame* f = topFrame();
    return doReturn(f->base + f->retFirst, f->retCount);
  }
  // A channel instruction: complete it and step past it.
  CallFrame* f = topFrame();
  const uint32_t* pc = f->pc;
  uint32_t i = *pc;
  Value* r = stack() + f->base;
  f->pc = pc + 1;
  switch (opOf(i)) {
    case Op::SEND:
      if (sched::chansendResume() == sched::ChanStatus::SendOnClosed) return throwString("send on closed channel");
      return Flow::Run;
    case Op::RECV: {
      Value out;
      bool ok = false;
      sched::chanrecvResume(&out, &ok);
      r[argA(i)] = out;
      if (argC(i) != 0) r[argA(i) + 1] = Value::boolean(ok);
      return Flow::Run;
    }
    case Op::SELECT: {
      int chosen = -1;
      Value out;
      bool ok = false;
      if (sched::selectResume(&chosen, &out, &ok) == sched::ChanStatus::SendOnClosed) {
        return throwString("send on closed channel");
      }
      r[argA(i)] = Value::smallInt(chosen);
      r[argA(i) + 1] = out;
      r[argA(i) + 2] = Value::boolean(ok);
      return Flow::Run;
    }
    case Op::RANGENEXT: {
      Value out;
      bool ok = false;
      sched::chanrecvResume(&out, &ok);
      if (ok) {
        if (argB(i) != kNoReg) r[argB(i)] = out;
        // Taken: into the loop body (the jump word follows the instruction).
        auto off = static_cast<int32_t>(pc[1]);
        f->pc = pc + 2 + off;
      } else {
        f->pc = pc + 2;
      }
      return Flow::Run;
    }
    default: runtime::fatal("resumeSuspended: goroutine parked at a non-channel instruction");
  }
}

}  // namespace goro::lang::vm::detail
