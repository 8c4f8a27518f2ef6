// lang/vm/panics.cpp: defer, panic and recover, with Go's semantics, without
// recursion on the C++ stack; and the reports of a goroutine's death.
//
// defer f(args) evaluates f and args at once and pushes a record
// [f, frame index, args...] on GState::defers. A frame returning runs its
// own records, newest first (calls.cpp, doReturn).
//
// panic(v) pushes a panic record [v, deferred-call frame, flags] on
// GState::panics and then, as Go does, runs every pending deferred call,
// newest first, on top of the stack as it stands: no frame is popped, so an
// unrecovered panic's traceback shows where it happened. Each such call is a
// frame flagged PanicDefer whose index the panic record keeps. recover()
// returns the panic's value, and marks it recovered, only when called by
// that very frame (directly by the deferred function). When a PanicDefer
// frame returns:
//   - if its panic was recovered, the panic record goes, with the records of
//     any panic started above the frame that deferred the call (the owner);
//     every frame above the owner goes (their deferred calls have all run,
//     being newer); the owner then returns normally, running its remaining
//     deferred calls, with nil for each result its caller wants;
//   - otherwise the next deferred call runs; when none is left the goroutine
//     dies (RunResult::Panicked) and reportPanic prints the panics, oldest
//     first, each later one indented as Go's printpanics does, then the
//     traceback.
// A panic inside a deferred call run by a panic starts a newer panic; the
// older one stays recorded (and printed) until a recovery unwinds past it.
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "gc/constructors.h"
#include "gc/handles.h"
#include "lang/value/format.h"
#include "lang/value/value_ops.h"
#include "lang/vm/exec.h"
#include "runtime/exit.h"
#include "runtime/fdwriter.h"

namespace goro::lang::vm {

using runtime::CallFrame;
using runtime::FuncProto;
using runtime::Value;
using runtime::Vector;

namespace detail {

namespace {
int64_t panicFlags(runtime::GState* g, size_t i) { return g->panics->slots[i * kPanicSlots + kPanicFlags].asSmallInt(); }
int64_t panicFrame(runtime::GState* g, size_t i) { return g->panics->slots[i * kPanicSlots + kPanicFrame].asSmallInt(); }
void popPanic(runtime::GState* g) {
  g->panicCount--;
  for (size_t s = 0; s < kPanicSlots; s++) g->panics->slots[g->panicCount * kPanicSlots + s] = Value::nil();
}
}  // namespace

Flow Exec::throwString(std::string_view msg) {
  Value s = makeString(*cache_, msg);
  g_->pending = s;
  return startPanic();
}

Flow Exec::throwValue(Value v) {
  g_->pending = v;
  if (v.isNil()) g_->pending = makeString(*cache_, "panic called with nil argument");
  return startPanic();
}

void Exec::panicValue(Value v) {
  g_->pending = v;
  if (v.isNil()) g_->pending = makeString(*cache_, "panic called with nil argument");
  nativeEvent_ |= kNativePanicked;
}

void Exec::panicString(std::string_view msg) {
  Value s = makeString(*cache_, msg);
  g_->pending = s;
  nativeEvent_ |= kNativePanicked;
}

void Exec::writeStderr(std::string_view text) {
  in_.flushStdout();
  runtime::FdWriter(2).str(text);
}

void Exec::exitProcess(int code) {
  in_.flushStdout();
  runtime::exitNow(code);
}

Flow Exec::startPanic() {
  size_t need = (g_->panicCount + 1) * kPanicSlots;
  if (g_->panics == nullptr || need > g_->panics->count()) {
    uint32_t cap = static_cast<uint32_t>(std::max<size_t>(need * 2, 4 * kPanicSlots));
    Vector* nv = gc::newVector(*cache_, cap);
    if (g_->panics != nullptr) {
      std::memcpy(nv->slots, g_->panics->slots, g_->panicCount * kPanicSlots * sizeof(Value));
    }
    g_->panics = nv;
  }
  Value* rec = &g_->panics->slots[g_->panicCount * kPanicSlots];
  rec[kPanicValue] = g_->pending;
  rec[kPanicFrame] = Value::smallInt(-1);
  rec[kPanicFlags] = Value::smallInt(0);
  g_->panicCount++;
  g_->pending = Value::nil();
  return continuePanic();
}

Flow Exec::continuePanic() {
  for (;;) {
    if (g_->deferCount == 0) {
      result_ = RunResult::Panicked;
      return Flow::Stop;
    }
    Value rec = g_->defers->slots[--g_->deferCount];
    g_->defers->slots[g_->deferCount] = Value::nil();
    auto owner = static_cast<int32_t>(static_cast<Vector*>(rec.asObject())->slots[kDeferFrame].asSmallInt());
    Flow f = runDeferred(rec, owner, true);
    if (f != Flow::NativeDone) return f;
  }
}

Flow Exec::afterPanicDefer(size_t frameIndex, int32_t owner) {
  (void)frameIndex;
  if (g_->panicCount == 0) return Flow::Run;
  size_t top = g_->panicCount - 1;
  if ((panicFlags(g_, top) & kPanicRecovered) == 0) {
    g_->panics->slots[top * kPanicSlots + kPanicFrame] = Value::smallInt(-1);
    return continuePanic();
  }
  while (g_->panicCount > 0 && panicFrame(g_, g_->panicCount - 1) > owner) popPanic(g_);
  g_->frameCount = static_cast<size_t>(owner) + 1;
  CallFrame* o = topFrame();
  o->flags |= kFrameRecovered;
  g_->stackTop = std::max<size_t>(o->savedTop, o->base + o->closure->proto->frameSize);
  return doReturn(o->base, 0);
}

Flow Exec::pushDefer(size_t fnSlot, uint32_t nargs) {
  if (fnSlot + 1 + nargs > g_->stackTop) g_->stackTop = fnSlot + 1 + nargs;
  Vector* rec = gc::newVector(*cache_, kDeferArgs + nargs);
  Value* s = stack();
  rec->slots[kDeferFn] = s[fnSlot];
  rec->slots[kDeferFrame] = Value::smallInt(static_cast<int64_t>(g_->frameCount - 1));
  for (uint32_t j = 0; j < nargs; j++) rec->slots[kDeferArgs + j] = s[fnSlot + 1 + j];
  gc::Root rooted(Value::object(rec));
  if (g_->defers == nullptr || g_->deferCount == g_->defers->count()) {
    uint32_t cap = std::max<uint32_t>(8, g_->defers == nullptr ? 0 : g_->defers->count() * 2);
    Vector* nv = gc::newVector(*cache_, cap);
    if (g_->defers != nullptr) std::memcpy(nv->slots, g_->defers->slots, g_->deferCount * sizeof(Value));
    g_->defers = nv;
  }
  g_->defers->slots[g_->deferCount++] = rooted.get();
  topFrame()->flags |= kFrameHasDefers;
  return Flow::Next;
}

Flow Exec::runDeferred(Value rec, int32_t owner, bool forPanic) {
  gc::Root rooted(rec);
  uint32_t nargs = static_cast<Vector*>(rec.asObject())->count() - kDeferArgs;
  size_t at = g_->stackTop;
  if (!ensureStack(at + 1 + nargs + kMaxNativeResults + 2)) return Flow::Stop;
  auto* v = static_cast<Vector*>(rooted.get().asObject());
  Value* s = stack();
  s[at] = v->slots[kDeferFn];
  for (uint32_t j = 0; j < nargs; j++) s[at + 1 + j] = v->slots[kDeferArgs + j];
  g_->stackTop = at + 1 + nargs;
  uint16_t flags = kFrameDeferred | (forPanic ? kFramePanicDefer : 0);
  Flow f = call(at, nargs, 0, flags, owner);
  if (f == Flow::NativeDone) g_->stackTop = at;
  if (f == Flow::Stop && (result_ == RunResult::Blocked || result_ == RunResult::Yielded)) {
    // A deferred native parked (defer wg.Wait()): when the goroutine runs
    // again, the return or the panic that ran it goes on (resumeSuspended).
    g_->stackTop = at;
    g_->status |= forPanic ? kStatusResumePanic : kStatusResumeReturn;
  }
  return f;
}

Value Exec::recover() {
  if (g_->panicCount == 0) return Value::nil();
  size_t top = g_->panicCount - 1;
  CallFrame* f = topFrame();
  if ((f->flags & kFramePanicDefer) == 0) return Value::nil();
  if (panicFrame(g_, top) != static_cast<int64_t>(g_->frameCount - 1)) return Value::nil();
  if ((panicFlags(g_, top) & kPanicRecovered) != 0) return Value::nil();
  g_->panics->slots[top * kPanicSlots + kPanicFlags] = Value::smallInt(panicFlags(g_, top) | kPanicRecovered);
  return g_->panics->slots[top * kPanicSlots + kPanicValue];
}

}  // namespace detail

// ---------------------------------------------------------------------------
// Reports

void Interp::writeTraceback(runtime::GState* g, std::string& out, size_t maxFrames) {
  out += "goroutine " + std::to_string(g->goid) + " [running]:\n";
  writeFrames(g, out, maxFrames);
  if (tracebackTrailer != nullptr) out += tracebackTrailer(g);
}

namespace {
// The source line of the instruction before `next` in p (the line of a
// call, for a frame whose pc is just past it).
uint32_t lineBefore(const FuncProto* p, size_t next) {
  auto* lines = reinterpret_cast<const uint32_t*>(p->lines->data);
  size_t count = p->lines->size / sizeof(uint32_t);
  return next > 0 && next - 1 < count ? lines[next - 1] : p->line;
}

// One frame of a traceback: "name(...)" or "name()", then the file and line.
void appendFrame(std::string& out, const FuncProto* p, uint32_t line) {
  out.append(p->name->data, p->name->length);
  out += p->arity > 0 ? "(...)" : "()";
  out += "\n\t";
  out.append(p->file->data, p->file->length);
  out += ":" + std::to_string(line) + "\n";
}
}  // namespace

void Interp::writeCreatedBy(std::string& out, const runtime::Object* function, uint32_t pc, uint64_t parentGoid) {
  if (function == nullptr || function->kind != runtime::Kind::Closure) return;
  const FuncProto* p = static_cast<const runtime::Closure*>(function)->proto;
  out += "created by ";
  out.append(p->name->data, p->name->length);
  out += " in goroutine " + std::to_string(parentGoid) + "\n\t";
  out.append(p->file->data, p->file->length);
  out += ":" + std::to_string(lineBefore(p, pc)) + "\n";
}

void Interp::writeFrames(const runtime::GState* g, std::string& out, size_t maxFrames) {
  if ((g->status & detail::kStatusFresh) != 0 && g->frameCount == 0 && g->stack != nullptr) {
    // Not started yet: as Go does for a goroutine that has not run, its
    // function at the line it is declared on.
    Value fn = reinterpret_cast<const Value*>(g->stack->data)[g->entrySlot];
    if (fn.isObject() && fn.asObject()->kind == runtime::Kind::Closure) {
      const FuncProto* p = static_cast<const runtime::Closure*>(fn.asObject())->proto;
      appendFrame(out, p, p->line);
    }
    return;
  }
  if (g->frames == nullptr) return;
  auto* frames = reinterpret_cast<const CallFrame*>(g->frames->data);
  size_t printed = 0;
  for (size_t n = g->frameCount; n-- > 0;) {
    if (printed == maxFrames) {
      out += "...additional frames elided...\n";
      break;
    }
    const CallFrame& f = frames[n];
    const FuncProto* p = f.closure->proto;
    size_t next = static_cast<size_t>(f.pc - reinterpret_cast<const uint32_t*>(p->code->data));
    // A goroutine parked in a channel instruction stands AT it.
    if (n + 1 == g->frameCount && (g->status & detail::kStatusParked) != 0) next++;
    appendFrame(out, p, lineBefore(p, next));
    printed++;
  }
}

void Interp::reportPanic(runtime::GState* g, int fd, bool withTraceback) {
  flushStdout();
  std::string out;
  for (size_t n = 0; n < g->panicCount; n++) {
    const Value* rec = &g->panics->slots[n * detail::kPanicSlots];
    if (n > 0) out += "\t";
    out += "panic: ";
    appendValue(out, rec[detail::kPanicValue]);
    if ((rec[detail::kPanicFlags].asSmallInt() & detail::kPanicRecovered) != 0) out += " [recovered]";
    out += "\n";
  }
  if (withTraceback) {
    out += "\n";
    writeTraceback(g, out);
  }
  runtime::FdWriter(fd).str(out);
}

void Interp::reportStackOverflow(runtime::GState* g, int fd) {
  flushStdout();
  std::string out = "runtime: goroutine stack exceeds " + std::to_string(maxStackBytes) +
                    "-byte limit\nfatal error: stack overflow\n\n";
  writeTraceback(g, out);
  runtime::FdWriter(fd).str(out);
}

}  // namespace goro::lang::vm
